// Client-side checks that mirror the server's, so a resident hears about a typo before the round trip.
// The server stays the authority: these only decide whether to send (it alone knows the common passwords).
import { isKnownIdArea, isLongEnoughPassword, toHalfWidth } from '../../contracts/identity';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** GB 11643-1999 check character for the first 17 digits of a resident ID number. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

export type IdNumberProblem = 'format' | 'area' | 'birthDate' | 'checkDigit';

/** Why an 18-character ID number is wrong, or null when it is well formed. */
export function idNumberProblem(raw: string): IdNumberProblem | null {
  const id = normalizeIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!isKnownIdArea(id.slice(0, 6))) return 'area';
  const y = Number(id.slice(6, 10)), m = Number(id.slice(10, 12)), d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const valid = y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && date.getTime() <= Date.now();
  if (!valid) return 'birthDate';
  if (idCheckChar(id) !== id[17]) return 'checkDigit';
  return null;
}

/** Full-width digits and Ｘ from a Chinese input method read as ASCII, as the server reads them. */
export const normalizeIdNumber = (raw: string) => toHalfWidth(raw).trim().toUpperCase();
export const normalizeDigits = (raw: string) => toHalfWidth(raw).trim();

export const isValidPhone = (phone: string) => /^1[3-9]\d{9}$/.test(normalizeDigits(phone));

export const isValidSmsCode = (code: string) => /^\d{6}$/.test(normalizeDigits(code));

/** The server's rule without its list of common passwords: at least 10 characters, digits alone from 16. */
export const isStrongPassword = (pw: string) => isLongEnoughPassword(pw);
