// Attendance (考勤) and ratings (评价): the contract shared by the API, the console and the portal.
import { z } from 'zod';

export const ATTENDANCE_STATUSES = ['present', 'absent', 'excused'] as const;

const scannedCode = z.string().trim().min(4, 'attendance.code_invalid').max(16, 'attendance.code_invalid');

/** A check-in carries the scanned code (c) or, after signing in, the scan pass issued for it (p). */
export const checkinInput = z
  .object({
    s: z.string().uuid('attendance.code_invalid'),
    c: scannedCode.optional(),
    p: z.string().trim().min(3, 'attendance.code_invalid').max(64, 'attendance.code_invalid').optional(),
  })
  .refine((v) => !!v.c !== !!v.p, { message: 'attendance.code_invalid', path: ['c'] });

/** A scanned code exchanged for a scan pass before signing in. */
export const checkinPassInput = z.object({ s: z.string().uuid('attendance.code_invalid'), c: scannedCode });

export const markInput = z.object({
  marks: z
    .array(z.object({ residentId: z.string().uuid(), status: z.enum(ATTENDANCE_STATUSES) }))
    .min(1)
    .max(500),
});

export const ratingInput = z.object({
  stars: z.number().int('validation.integer').min(1, 'validation.min').max(5, 'validation.max'),
  comment: z.string().trim().max(500, 'validation.too_long').nullish(),
});

// An empty reason reads as missing, one character as too short.
export const hideCommentInput = z.object({
  reason: z.string().trim().min(1, 'validation.required').min(2, 'validation.too_short').max(200, 'validation.too_long'),
});

export type CheckinInput = z.infer<typeof checkinInput>;
export type CheckinPassInput = z.infer<typeof checkinPassInput>;
export type MarkInput = z.infer<typeof markInput>;
export type RatingInput = z.infer<typeof ratingInput>;

// Answers: what the routes send (the serializer checks every answer against them; OpenAPI documents them).
export const attendanceSheet = z
  .object({
    session: z.object({ id: z.string(), seq: z.number(), startsAt: z.string(), endsAt: z.string(), hours: z.number(), status: z.string() }).strict(),
    offering: z.object({ id: z.string(), title: z.string(), kind: z.string() }).strict(),
    canMark: z.boolean(),
    counts: z.object({ enrolled: z.number(), present: z.number(), qr: z.number(), absent: z.number(), excused: z.number() }).strict(),
    items: z.array(
      z
        .object({
          residentId: z.string(),
          displayName: z.string(),
          viaProxy: z.boolean(),
          status: z.enum(ATTENDANCE_STATUSES).nullable(),
          method: z.string().nullable(),
          checkedInAt: z.string().nullable(),
          markedAt: z.string().nullable(),
        })
        .strict(),
    ),
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
  })
  .strict();
export const checkinCodeAnswer = z
  .object({
    sessionId: z.string(),
    offeringId: z.string(),
    title: z.string(),
    seq: z.number(),
    startsAt: z.string(),
    endsAt: z.string(),
    code: z.string(),
    url: z.string(),
    svg: z.string(),
    stepSeconds: z.number(),
    refreshAt: z.string(),
    window: z.enum(['open', 'too_early', 'too_late']),
    opensAt: z.string(),
    present: z.number(),
  })
  .strict();
/** How far a resident is towards completing a class, as a check-in and their own progress page tell it. */
const attendanceProgress = {
  sessionsAttended: z.number(),
  hoursAttended: z.number(),
  sessionsScheduled: z.number(),
  sessionsNeeded: z.number().nullable(),
  completed: z.boolean(),
  attended: z.boolean(),
};
export const checkInAnswer = z
  .object({
    alreadyCheckedIn: z.boolean(),
    outcome: z.enum(['attended', 'completed']).nullable(),
    title: z.string(),
    seq: z.number(),
    startsAt: z.string(),
    offeringId: z.string(),
    progress: z.object(attendanceProgress).strict(),
  })
  .strict();
export const checkinPassAnswer = z.object({ pass: z.string(), expiresAt: z.string() }).strict();
export const attendanceSheetAnswer = attendanceSheet;
export const markAnswer = z.object({ changed: z.number(), completed: z.number(), sheet: attendanceSheet }).strict();
export const summaryAnswer = z
  .object({
    offering: z.object({ id: z.string(), title: z.string(), kind: z.string(), completionThreshold: z.number() }).strict(),
    sessionsNeeded: z.number().nullable(),
    sessions: z.array(
      z
        .object({
          id: z.string(),
          seq: z.number(),
          startsAt: z.string(),
          endsAt: z.string(),
          hours: z.number(),
          status: z.string(),
          window: z.enum(['open', 'too_early', 'too_late']),
          present: z.number(),
          qr: z.number(),
        })
        .strict(),
    ),
    residents: z.array(
      z
        .object({
          residentId: z.string(),
          displayName: z.string(),
          sessionsAttended: z.number(),
          hoursAttended: z.number(),
          completed: z.boolean(),
          attended: z.boolean(),
        })
        .strict(),
    ),
    enrolled: z.number(),
    completedCount: z.number(),
  })
  .strict();
export const myProgressAnswer = z
  .object({
    marks: z.array(z.object({ sessionId: z.string(), status: z.string(), method: z.string(), checkedInAt: z.string().nullable() }).strict()),
    ...attendanceProgress,
  })
  .strict();
