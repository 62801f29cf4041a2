// Courses: the three-level course library with Chinese search, digital resources, and residents' online learning progress.
import { registerMessages } from '../../kernel/messages';
import { messages } from './courses.messages';

registerMessages(messages);

export { createCoursesRepository } from './courses.repository';
export { createCoursesService, type CoursesService, type CourseFromProposal } from './courses.service';
export { createCoursesExcel, type CoursesExcel } from './courses.excel';
export { courseRoutes } from './courses.routes';
