// The xAPI learning record store at /xapi (2.0.0 beside 1.0.3): statements, documents, activities and agents for partner platforms.
import { registerMessages } from '../../kernel/messages';
import { messages } from './xapi.messages';

registerMessages(messages);

export { createXapiRepository } from './xapi.repository';
export {
  createXapiService,
  identityActorKeys,
  PHONE_HOME_PAGE,
  type XapiService,
  type ResidentStatement,
  type ResidentStatementHandler,
  type StoredStatement,
  type PlatformEvent,
} from './xapi.service';
export { connectArchive } from './xapi.archive';
export { createUnmatchedRepository } from './unmatched.repository';
export { createUnmatchedService, type UnmatchedService } from './unmatched.service';
export { unmatchedRoutes } from './unmatched.routes';
export { PLATFORM_VERBS, COUNTED_VERBS, HOURS_EXTENSION, type PlatformVerb } from './xapi.intake';
export { xapiRoutes, XAPI_VERSION, type XapiPartners } from './xapi.routes';
export { type PartnerCaller, statementReadAccess } from './xapi.policy';
