// Attendance (考勤) and ratings (评价): the contract shared by the API, the console and the portal.
import { z } from 'zod';

export const ATTENDANCE_STATUSES = ['present', 'absent', 'excused'] as const;

const scannedCode = z.string().trim().min(4, 'attendance.code_invalid').max(16, 'attendance.code_invalid');

/** A check-in carries the scanned code (c) or, after signing in, the scan pass issued for it (p). */
export const checkinInput = z.object({
  s: z.string().uuid('attendance.code_invalid'),
  c: scannedCode.optional(),
  p: z.string().trim().min(3, 'attendance.code_invalid').max(64, 'attendance.code_invalid').optional(),
}).refine((v) => !!v.c !== !!v.p, { message: 'attendance.code_invalid', path: ['c'] });

/** A scanned code exchanged for a scan pass before signing in. */
export const checkinPassInput = z.object({ s: z.string().uuid('attendance.code_invalid'), c: scannedCode });

export const markInput = z.object({
  marks: z.array(z.object({ residentId: z.string().uuid(), status: z.enum(ATTENDANCE_STATUSES) })).min(1).max(500),
});

export const ratingInput = z.object({
  stars: z.number().int().min(1).max(5),
  comment: z.string().trim().max(500).nullish(),
});

export const hideCommentInput = z.object({ reason: z.string().trim().min(2).max(200) });

export type CheckinInput = z.infer<typeof checkinInput>;
export type CheckinPassInput = z.infer<typeof checkinPassInput>;
export type MarkInput = z.infer<typeof markInput>;
export type RatingInput = z.infer<typeof ratingInput>;
