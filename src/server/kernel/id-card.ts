// Mainland resident ID numbers (GB 11643-1999): 17 digits and a check character; birth date at 7–14,
// sex from the parity of the 17th digit.
import { idNumberProblem, normalizeIdNumber, type IdNumberProblem } from '../../contracts/identity';
import { localTime } from '../../contracts/local-time';

// The check itself is in the contracts, shared with the web forms; the fixtures of tests and the demo build numbers with it.
export { idCheckChar } from '../../contracts/identity';

export interface IdNumberFacts {
  normalized: string;
  birthDate: string;
  sex: 'male' | 'female';
}

export function parseIdNumber(raw: string, today = new Date()): IdNumberFacts | IdNumberProblem {
  const value = normalizeIdNumber(raw);
  const problem = idNumberProblem(value, today);
  if (problem) return problem;
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
