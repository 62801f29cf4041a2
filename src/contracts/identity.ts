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

export const MOBILE_PHONE_PATTERN = /^1[3-9]\d{9}$/;

/** A mainland mobile number, full-width digits accepted. */
export const mobilePhone = () => z.string().max(40).transform((s) => toHalfWidth(s).trim()).pipe(z.string().regex(MOBILE_PHONE_PATTERN, 'phone.invalid'));

/** Province-level codes of GB/T 2260; 81, 82 and 83 head the residence permits of Hong Kong, Macao and Taiwan residents. */
const PROVINCES = new Set(['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83']);

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
