import { describe, expect, it } from 'vitest';
import { parseIdNumber, idCheckChar, ageInYearOf } from './id-card';
import { normalizeRegionCode, levelOfCode, isWithin } from './region-code';
import { maskIdNumber, maskPhone } from './mask';
import { buildSearchText, buildSearchQuery } from './search-text';
import { createFieldCipher } from './crypto';
import { translate, pickLocale } from './messages';
import { refuseDuplicate } from './db-errors';
import { Conflict } from './errors';
import { givenFields } from './patch';

describe('ID numbers (GB 11643)', () => {
  const today = new Date('2026-11-23T00:00:00Z');
  it.each([
    ['11010519491231002X', { birthDate: '1949-12-31', sex: 'female' }],
    ['110101199003076513'.slice(0, 17) + idCheckChar('11010119900307651'), { birthDate: '1990-03-07', sex: 'male' }],
  ])('accepts %s', (id, facts) => {
    expect(parseIdNumber(id, today)).toMatchObject(facts);
  });
  it.each([
    ['110105194912310021', 'check_digit'],
    ['11010519491331002X', 'birth_date'],
    ['11010520300101002X', 'birth_date'],
    ['1101051949123100', 'format'],
    ['11010519491231002Y', 'format'],
  ])('rejects %s (%s)', (id, problem) => {
    expect(parseIdNumber(id, today)).toBe(problem);
  });
  it('accepts a lower-case x', () => expect(parseIdNumber('11010519491231002x', today)).toMatchObject({ normalized: '11010519491231002X' }));
  it('reads full-width digits and Ｘ as typed by Chinese input methods', () => {
    expect(parseIdNumber('１１０１０５１９４９１２３１００２Ｘ', today)).toMatchObject({ normalized: '11010519491231002X' });
    expect(parseIdNumber('　１１０１０５１９４９１２３１００２ｘ　', today)).toMatchObject({ normalized: '11010519491231002X' });
  });
  it.each(['000105', '990105', '190105', '330000', '338105', '810105'])('refuses the unknown area code %s', (area) => {
    const first17 = area + '19491231002';
    expect(parseIdNumber(first17 + idCheckChar(first17), today)).toBe('area');
  });
  it.each(['469001', '810000', '659001', '342601', '512101'])('accepts the area code %s, current or historical', (area) => {
    const first17 = area + '19491231002';
    expect(parseIdNumber(first17 + idCheckChar(first17), today)).toMatchObject({ sex: 'female' });
  });
  it('computes the age reached this year from the birth year, in Shanghai time', () => {
    expect(ageInYearOf(1955, today)).toBe(71);
    expect(ageInYearOf(1955, new Date('2026-12-31T16:30:00Z'))).toBe(72);
  });
});

describe('region codes', () => {
  it.each([
    ['33', '33'],
    ['3301', '3301'],
    ['330105', '330105'],
    ['330105012', '330105012'],
    ['330105012001', '330105012001'],
    ['330105012000', '330105012'],
    ['330105000000', '330105'],
    ['330100000000', '3301'],
    ['12345', null],
    ['33010a', null],
  ])('normalizes %s to %s', (raw, code) => expect(normalizeRegionCode(raw)).toBe(code));
  it('knows the level from the length', () => expect(levelOfCode('330105012')).toBe('street'));
  it('tests scope by prefix', () => {
    expect(isWithin('330105012001', ['330105012'])).toBe(true);
    expect(isWithin('330105001051', ['330105012'])).toBe(false);
    expect(isWithin('330105012', ['330105012'])).toBe(true);
    expect(isWithin('330105', ['330105012'])).toBe(false);
  });
});

describe('masking', () => {
  it('masks ID numbers and phones', () => {
    // First 3 and last 4 only: no birth-date digit and not the county code.
    expect(maskIdNumber('330105195506071524')).toBe('330***********1524');
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone(null)).toBeNull();
  });
});

describe('Chinese search text', () => {
  const doc = new Set(buildSearchText('书法(楷书)入门', '米市巷街道社区学校').split(' '));
  const matches = (q: string) =>
    buildSearchQuery(q)!
      .split(' & ')
      .every((t) => doc.has(t.replace(/'/g, '')));
  it('finds by words and by any two adjacent characters', () => {
    expect(matches('书法')).toBe(true);
    expect(matches('楷书')).toBe(true);
    expect(matches('社区学校')).toBe(true);
    expect(matches('米市巷')).toBe(true);
  });
  it('does not find what is not there', () => expect(matches('国画')).toBe(false));
  it('returns null for a query with no words', () => expect(buildSearchQuery(' ,。 ')).toBeNull());
  it('strips punctuation, so quotes cannot break the query', () => expect(buildSearchQuery("o'neil")).toBe("'oneil'"));
});

describe('field encryption', () => {
  const cipher = createFieldCipher(Buffer.alloc(32, 7));
  it('round-trips and never repeats ciphertext', () => {
    const a = cipher.encrypt('330105195506071524');
    expect(cipher.decrypt(a)).toBe('330105195506071524');
    expect(cipher.encrypt('330105195506071524')).not.toBe(a);
  });
  it('detects tampering', () => {
    const [v, iv, tag, body] = cipher.encrypt('secret').split('.');
    const flipped = Buffer.from(body, 'base64');
    flipped[0] ^= 1;
    expect(() => cipher.decrypt([v, iv, tag, flipped.toString('base64')].join('.'))).toThrow();
  });
  it('hashes with the key, so equal values match and other keys differ', () => {
    expect(cipher.keyedHash('x')).toBe(cipher.keyedHash('x'));
    expect(createFieldCipher(Buffer.alloc(32, 8)).keyedHash('x')).not.toBe(cipher.keyedHash('x'));
  });
});

describe('messages', () => {
  it('translates with parameters and terms', () => {
    expect(translate('institution.type_level', 'zh-CN', { type: 'learning_point', levels: 'community' })).toBe('学习点（教学点）应设在社区（村）级');
    expect(translate('institution.type_level', 'en', { type: 'elderly_school', levels: 'street|community' })).toBe(
      'An institution of type "elderly school" belongs at the street or community level',
    );
  });
  it('picks the language from Accept-Language', () => {
    expect(pickLocale('en-US,en;q=0.9')).toBe('en');
    expect(pickLocale('zh-CN,zh;q=0.9')).toBe('zh-CN');
    expect(pickLocale(undefined)).toBe('zh-CN');
    expect(pickLocale('fr')).toBe('zh-CN');
  });
});

describe('writes that meet a unique index', () => {
  const duplicate = () => new Conflict('x.duplicate');
  it('answers a unique violation, however deep the driver wraps it, as the caller’s duplicate', async () => {
    const violation = Object.assign(new Error('duplicate key value violates unique constraint "x_name"'), { code: '23505' });
    await expect(refuseDuplicate(() => Promise.reject(new Error('query failed', { cause: violation })), duplicate)).rejects.toMatchObject({
      code: 'x.duplicate',
    });
  });
  it('passes any other failure and any result through', async () => {
    await expect(refuseDuplicate(() => Promise.reject(new Error('connection lost')), duplicate)).rejects.toThrow('connection lost');
    expect(await refuseDuplicate(async () => 42, duplicate)).toBe(42);
  });
});

describe('patch bodies', () => {
  it('gives the fields a body names, null included, and none it leaves out', () => {
    expect(givenFields({ name: 'A', address: null, phone: undefined })).toEqual({ name: 'A', address: null });
  });
});
