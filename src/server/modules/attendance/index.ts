// Attendance (考勤): rotating QR check-in, attendance sheets, learning hours and completion of classes and events.
import { registerMessages } from '../../kernel/messages';
import { messages } from './attendance.messages';

registerMessages(messages);

export { createAttendanceRepository } from './attendance.repository';
export { createAttendanceService, type AttendanceService } from './attendance.service';
export { attendanceRoutes } from './attendance.routes';
export type { OfferingsPort, EnrolmentPort, OfferingLike, SessionLike } from './ports';
