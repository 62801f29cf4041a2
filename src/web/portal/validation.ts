// Client-side checks that mirror the server's, so a resident hears about a typo before the round trip.
// The server stays the authority: these only decide whether to send.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** GB 11643-1999 check character for the first 17 digits of a resident ID number. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

export type IdNumberProblem = 'format' | 'birthDate' | 'checkDigit';

/** Why an 18-character ID number is wrong, or null when it is well formed. */
export function idNumberProblem(raw: string): IdNumberProblem | null {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  const y = Number(id.slice(6, 10)), m = Number(id.slice(10, 12)), d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const valid = y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && date.getTime() <= Date.now();
  if (!valid) return 'birthDate';
  if (idCheckChar(id) !== id[17]) return 'checkDigit';
  return null;
}

export const isValidPhone = (phone: string) => /^1[3-9]\d{9}$/.test(phone.trim());

export const isValidSmsCode = (code: string) => /^\d{6}$/.test(code.trim());

/** The server's rule: at least 8 characters with both letters and digits. */
export const isStrongPassword = (pw: string) => pw.length >= 8 && /[A-Za-z]/.test(pw) && /\d/.test(pw);
