// Calls for courses: open a call, collect proposals, score them, and accept, purchase or reject them into the course library.
import { registerMessages } from '../../kernel/messages';
import { messages } from './calls.messages';

registerMessages(messages);

export { createCallsRepository } from './calls.repository';
export { createCallsService, type CallsService } from './calls.service';
export { callRoutes } from './calls.routes';
