// accounts: what the API answers (response schemas the routes serialise with).
import { z } from 'zod';
import { pageOf } from './answer-shapes';

/** The staff roles (and the instructor's); server/kernel/actor.ts and the console's role pickers take them from here. */
export const ROLES = [
  'system_admin', 'region_admin', 'institution_staff', 'member_unit_reporter', 'credit_bank_officer', 'leader', 'instructor',
] as const;
export type Role = (typeof ROLES)[number];

// Answers: what the routes send, serialised with these schemas (and documented in /openapi.json).
export const scopeView = z.object({
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  institutionId: z.string().nullable(),
  institutionName: z.string().nullable(),
});
export const signedInAnswer = z.object({
  user: z.object({
    id: z.string(),
    kind: z.enum(['staff', 'resident']),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES).nullable(),
    scopes: z.array(scopeView),
    locale: z.string(),
    mustChangePassword: z.boolean(),
  }),
});
export const currentUser = z.object({
  id: z.string(),
  kind: z.enum(['staff', 'resident']),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES).nullable(),
  scopes: z.array(scopeView),
  locale: z.string(),
  mustChangePassword: z.boolean(),
});
export const currentUserAfterLocale = z.object({
  locale: z.enum(['zh-CN', 'en']),
  id: z.string(),
  kind: z.enum(['staff', 'resident']),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES).nullable(),
  scopes: z.array(scopeView),
  mustChangePassword: z.boolean(),
});
export const smsCodeSent = z.object({
  sentTo: z.string().nullable(),
  expiresInSeconds: z.number(),
  resendAfterSeconds: z.number(),
});
export const residentProfile = z.object({
  id: z.string(),
  phone: z.string().nullable(),
  realName: z.string(),
  idNumber: z.string(),
  birthYear: z.number(),
  sex: z.enum(['male', 'female']),
  age: z.number(),
  homeRegion: z.object({
    code: z.string(),
    name: z.string(),
    path: z.array(z.object({ code: z.string(), name: z.string() })),
  }),
  createdAt: z.string(),
});
export const residentPage = pageOf(residentProfile);
export const temporaryPasswordAnswer = z.object({
  temporaryPassword: z.string(),
  expiresAt: z.string(),
  phone: z.string().nullable(),
});
export const residentIdNumber = z.object({ idNumber: z.string() });
export const staffAccountDetail = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  role: z.enum(ROLES),
  scopes: z.array(scopeView),
  status: z.enum(['active', 'disabled']),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export const staffAccountPage = pageOf(staffAccountDetail);
