// Identity inputs shared by the API and the web forms: phones, resident ID numbers and the password rule
// (the list of common passwords is checked on the server only).
import { z } from 'zod';

/**
 * Full-width forms (０-９, Ｘ, ＡＢＣ…) that Chinese input methods type, read as their ASCII forms; the
 * ideographic space becomes a plain one. Applied to ID numbers and phones before they are validated.
 */
export function toHalfWidth(value: string): string {
  return value.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Digits as typed (a phone, an SMS code): half-width, no surrounding spaces. */
export const normalizeDigits = (raw: string) => toHalfWidth(raw).trim();
/** An ID number as typed: half-width, no surrounding spaces, a final x read as X. */
export const normalizeIdNumber = (raw: string) => toHalfWidth(raw).trim().toUpperCase();

export const MOBILE_PHONE_PATTERN = /^1[3-9]\d{9}$/;

/** A mainland mobile number, full-width digits accepted. */
export const mobilePhone = () => z.string().max(40).transform(normalizeDigits).pipe(z.string().regex(MOBILE_PHONE_PATTERN, 'phone.invalid'));

/** A 6-digit code sent by SMS, full-width digits accepted. */
export const smsCode = () =>
  z
    .string()
    .max(20)
    .transform(normalizeDigits)
    .pipe(z.string().regex(/^\d{6}$/, 'sms.code_invalid'));

/** Province-level codes of GB/T 2260; 81, 82 and 83 head the residence permits of Hong Kong, Macao and Taiwan residents. */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

/**
 * Whether the first six digits can be the area code of an ID number. ID numbers keep the code of the place
 * that issued them, however long ago, so current codes alone would refuse real numbers: the province must be
 * known, the prefecture digits in the ranges GB/T 2260 uses (00–70, 90 for counties under the province) and
 * the code must name a place below the province (permits of 81/82/83 are the exception: `xx0000`).
 */
export function isKnownIdArea(first6: string): boolean {
  if (!/^\d{6}$/.test(first6)) return false;
  const province = first6.slice(0, 2);
  if (!PROVINCES.has(province)) return false;
  const rest = first6.slice(2);
  if (['71', '81', '82', '83'].includes(province)) return rest === '0000';
  const prefecture = Number(first6.slice(2, 4));
  if (!(prefecture <= 70 || prefecture === 90)) return false;
  return rest !== '0000';
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** GB 11643-1999 check character for the first 17 digits of a resident ID number. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

export type IdNumberProblem = 'format' | 'area' | 'birth_date' | 'check_digit';

/** Why a normalized ID number (see normalizeIdNumber) is not one, or null when it is well formed. */
export function idNumberProblem(value: string, today = new Date()): IdNumberProblem | null {
  if (!/^\d{17}[\dX]$/.test(value)) return 'format';
  if (!isKnownIdArea(value.slice(0, 6))) return 'area';
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const isRealDate = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  if (!isRealDate || y < 1900 || date > today) return 'birth_date';
  if (idCheckChar(value.slice(0, 17)) !== value[17]) return 'check_digit';
  return null;
}

/**
 * A resident ID number as typed, normalized; its fault named by `id_number.<problem>`. The birth date is
 * checked against today's date here; the server checks it again against the platform's clock.
 */
export const residentIdNumberInput = () =>
  z
    .string()
    .max(40)
    .transform(normalizeIdNumber)
    .pipe(
      z
        .string()
        .min(1)
        .superRefine((value, ctx) => {
          const problem = idNumberProblem(value);
          if (problem) ctx.addIssue({ code: 'custom', message: `id_number.${problem}` });
        }),
    );

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * The part of the password rule that needs no list: at least 10 characters (a pass-phrase of any letters,
 * Chinese included, counts), digits alone only from 16 (shorter ones are dates and phone numbers), and not
 * one or two characters repeated. No composition rule: length is what makes a password hard to guess.
 */
export function isLongEnoughPassword(password: string): boolean {
  const chars = [...password];
  if (chars.length < PASSWORD_MIN_LENGTH || chars.length > PASSWORD_MAX_LENGTH) return false;
  if (/^\d+$/.test(password) && chars.length < 16) return false;
  return new Set(chars).size >= 4;
}

/**
 * A password being chosen: the length rule, said as `password.weak`. The server alone also refuses common
 * passwords and ones containing the phone or user name (its answer names the same field).
 */
export const newPassword = () => z.string().min(1).max(PASSWORD_MAX_LENGTH).refine(isLongEnoughPassword, 'password.weak');

/** A password being typed to sign in or confirm: any non-empty one (an old account's may predate the rule). */
export const currentPassword = () => z.string().min(1).max(PASSWORD_MAX_LENGTH);
