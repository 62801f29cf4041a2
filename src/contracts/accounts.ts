// accounts: what sign-in, registration, password recovery and staff accounts take (the routes validate with
// these, the web forms check with them before sending) and what the API answers.
import { z } from 'zod';
import { pageOf } from './answer-shapes';
import { currentPassword, mobilePhone, newPassword, residentIdNumberInput, smsCode } from './identity';

/** The staff roles (and the instructor's); server/kernel/actor.ts and the console's role pickers take them from here. */
export const ROLES = ['system_admin', 'region_admin', 'institution_staff', 'member_unit_reporter', 'credit_bank_officer', 'leader', 'instructor'] as const;
export type Role = (typeof ROLES)[number];

// Requests.
export const loginInput = z.object({ username: z.string().trim().min(1).max(64), password: currentPassword() });
export const smsCodeRequest = z.object({ phone: mobilePhone(), purpose: z.enum(['register', 'sso', 'login', 'reset']) });
export const smsLoginInput = z.object({ phone: mobilePhone(), smsCode: smsCode() });
export const passwordResetInput = z.object({ phone: mobilePhone(), smsCode: smsCode(), newPassword: newPassword() });
/** The current password may be left out only right after a staff-assisted reset (the service decides). */
export const passwordChangeInput = z.object({ currentPassword: currentPassword().optional(), newPassword: newPassword() });
export const registrationInput = z.object({
  phone: mobilePhone(),
  smsCode: smsCode(),
  password: newPassword(),
  realName: z.string().trim().min(1).max(50),
  idNumber: residentIdNumberInput(),
  homeRegionCode: z.string().min(1).max(12),
  acceptPrivacyNotice: z.literal(true, 'privacy.notice_required'),
});
export const residentProfilePatch = z.object({ realName: z.string().trim().min(1).max(50).optional(), homeRegionCode: z.string().min(1).max(12).optional() });

const regionCodes = z.array(z.string().max(12)).max(50);
const institutionIds = z.array(z.string().max(64)).max(50);
export const staffAccountInput = z.object({
  username: z.string().regex(/^[A-Za-z0-9_.-]{3,32}$/, 'validation.invalid'),
  displayName: z.string().trim().min(1).max(50),
  phone: mobilePhone().nullish(),
  role: z.enum(ROLES),
  regionCodes: regionCodes.default([]),
  institutionIds: institutionIds.default([]),
  password: newPassword(),
});
export const staffAccountPatch = z.object({
  displayName: z.string().trim().min(1).max(50).optional(),
  phone: mobilePhone().nullish(),
  role: z.enum(ROLES).optional(),
  regionCodes: regionCodes.optional(),
  institutionIds: institutionIds.optional(),
  status: z.enum(['active', 'disabled']).optional(),
});
export const staffPasswordReset = z.object({ newPassword: newPassword() });

// Answers: what the routes send, serialised with these schemas (and documented in /openapi.json).
export const scopeView = z.object({
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  institutionId: z.string().nullable(),
  institutionName: z.string().nullable(),
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
export const signedInAnswer = z.object({ user: currentUser });
/** The signed-in user after choosing a language: that language first, then the rest as `currentUser`. */
export const currentUserAfterLocale = z.object({ locale: z.enum(['zh-CN', 'en']), ...currentUser.omit({ locale: true }).shape });
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
