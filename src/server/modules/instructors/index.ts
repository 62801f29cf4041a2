// Instructors: the three-level instructor pool (师资库) with vetting, masked contacts and Chinese search.
import { registerMessages } from '../../kernel/messages';
import { messages, terms } from './instructors.messages';

registerMessages(messages, terms);

export { createInstructorsRepository } from './instructors.repository';
export { createInstructorsService, type InstructorsService } from './instructors.service';
export { createInstructorsExcel } from './instructors.excel';
export { instructorRoutes } from './instructors.routes';
