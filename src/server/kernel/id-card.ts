// Mainland resident ID numbers (GB 11643-1999): 17 digits and a check character; birth date at 7–14,
// sex from the parity of the 17th digit.
import { isKnownIdArea, toHalfWidth } from '../../contracts/identity';
import { localTime } from '../../contracts/local-time';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export type IdNumberProblem = 'format' | 'area' | 'birth_date' | 'check_digit';

export interface IdNumberFacts {
  normalized: string;
  birthDate: string;
  sex: 'male' | 'female';
}

export function parseIdNumber(raw: string, today = new Date()): IdNumberFacts | IdNumberProblem {
  const value = toHalfWidth(raw).trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return 'format';
  if (!isKnownIdArea(value.slice(0, 6))) return 'area';
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const isRealDate = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  if (!isRealDate || y < 1900 || date > today) return 'birth_date';
  if (idCheckChar(value.slice(0, 17)) !== value[17]) return 'check_digit';
  return {
    normalized: value,
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/**
 * The age a resident reaches in the current year (当年周岁). Only the birth year is kept in clear: a full
 * birth date beside the masked ID number would give back the digits the mask hides.
 */
export function ageInYearOf(birthYear: number, today: Date): number {
  return localTime.year(today) - birthYear;
}
