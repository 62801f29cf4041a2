// Attendance (考勤) and ratings (评价): the contract shared by the API, the console and the portal.
import { z } from 'zod';

export const ATTENDANCE_STATUSES = ['present', 'absent', 'excused'] as const;

export const checkinInput = z.object({
  s: z.string().uuid('attendance.code_invalid'),
  c: z.string().trim().min(4, 'attendance.code_invalid').max(16, 'attendance.code_invalid'),
});

export const markInput = z.object({
  marks: z.array(z.object({ residentId: z.string().uuid(), status: z.enum(ATTENDANCE_STATUSES) })).min(1).max(500),
});

export const ratingInput = z.object({
  stars: z.number().int().min(1).max(5),
  comment: z.string().trim().max(500).nullish(),
});

export const hideCommentInput = z.object({ reason: z.string().trim().min(2).max(200) });

export type CheckinInput = z.infer<typeof checkinInput>;
export type MarkInput = z.infer<typeof markInput>;
export type RatingInput = z.infer<typeof ratingInput>;
