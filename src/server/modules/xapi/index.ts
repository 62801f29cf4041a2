// The xAPI 1.0.3 learning record store at /xapi: statements, documents, activities and agents for partner platforms.
import { registerMessages } from '../../kernel/messages';
import { messages } from './xapi.messages';

registerMessages(messages);

export { createXapiRepository } from './xapi.repository';
export { createXapiService, type XapiService, type ResidentStatement, type ResidentStatementHandler } from './xapi.service';
export { xapiRoutes, XAPI_VERSION, type XapiPartners } from './xapi.routes';
export { type PartnerCaller } from './xapi.policy';
