// A form's own check says exactly what the API answers for the same body: the real platform is asked in-process,
// in both languages, and its `details.fields` must equal formErrors of the contract the form uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { idCheckChar } from '../../src/contracts/identity';
import { loginInput, passwordResetInput, registrationInput, smsCodeRequest, staffAccountInput } from '../../src/contracts/accounts';
import { formErrors } from '../../src/web/shared/form-errors';

let p: TestPlatform;
beforeAll(async () => { p = await startTestPlatform(); });
afterAll(() => p.close());

const first17 = '33010519550607152';
const goodId = first17 + idCheckChar(first17);
const badCheckDigit = first17 + (goodId[17] === '1' ? '2' : '1');
const registration = { phone: '13812349001', smsCode: '123456', password: 'Learn2026ok', realName: '李建国', idNumber: goodId, homeRegionCode: '330105012001', acceptPrivacyNotice: true };

type Case = { name: string; url: string; schema: z.ZodType; body: Record<string, unknown>; staff?: boolean; expected: Record<'zh-CN' | 'en', Record<string, string>> };
const cases: Case[] = [
  {
    name: 'a wrong ID check digit', url: '/api/residents', schema: registrationInput, body: { ...registration, idNumber: badCheckDigit },
    expected: { 'zh-CN': { idNumber: '身份证号校验位错误' }, en: { idNumber: 'The ID number check digit is wrong' } },
  },
  {
    name: 'a full-width ID number with a birth date that never was', url: '/api/residents', schema: registrationInput,
    body: { ...registration, idNumber: '３３０１０５１９５５０２３００１５２' },
    expected: { 'zh-CN': { idNumber: '身份证号中的出生日期无效' }, en: { idNumber: 'The birth date in the ID number is not valid' } },
  },
  {
    name: 'a phone that is no mobile number', url: '/api/auth/sms-codes', schema: smsCodeRequest, body: { phone: '1381234', purpose: 'register' },
    expected: { 'zh-CN': { phone: '请输入 11 位中国大陆手机号' }, en: { phone: 'Enter an 11-digit mainland China mobile number' } },
  },
  {
    name: 'a short password and a malformed code', url: '/api/auth/password-reset', schema: passwordResetInput, body: { phone: '13812349002', smsCode: '12a456', newPassword: 'short' },
    expected: {
      'zh-CN': { smsCode: '验证码错误或已过期', newPassword: '密码至少 10 位（也可以是一句好记的话）；全是数字时至少 16 位，也不能只是一两个字符重复' },
      en: { smsCode: 'The verification code is wrong or has expired', newPassword: 'At least 10 characters (a memorable phrase works well); digits only need 16, and not just one or two characters repeated' },
    },
  },
  {
    name: 'missing fields and an unticked privacy notice', url: '/api/residents', schema: registrationInput, body: { ...registration, realName: '  ', homeRegionCode: '', acceptPrivacyNotice: false },
    expected: {
      'zh-CN': { realName: '必填', homeRegionCode: '必填', acceptPrivacyNotice: '请阅读并同意《个人信息处理规则》' },
      en: { realName: 'Required', homeRegionCode: 'Required', acceptPrivacyNotice: 'Read and accept the personal information processing rules.' },
    },
  },
  {
    name: 'an empty sign-in', url: '/api/auth/login', schema: loginInput, body: { username: ' ', password: '' },
    expected: { 'zh-CN': { username: '必填', password: '必填' }, en: { username: 'Required', password: 'Required' } },
  },
  {
    name: 'a staff account without a role, with a weak password and a bad user name', url: '/api/staff-accounts', schema: staffAccountInput, staff: true,
    body: { username: 'a b', displayName: '新同事', password: '1234567890' },
    expected: {
      'zh-CN': { username: '格式不正确', role: '必填', password: '密码至少 10 位（也可以是一句好记的话）；全是数字时至少 16 位，也不能只是一两个字符重复' },
      en: { username: 'Invalid format', role: 'Required', password: 'At least 10 characters (a memorable phrase works well); digits only need 16, and not just one or two characters repeated' },
    },
  },
];

describe('field errors found in the browser read as the API answers them', () => {
  for (const c of cases) {
    it.each(['zh-CN', 'en'] as const)(`${c.name} (%s)`, async (locale) => {
      const headers = { ...(c.staff ? await p.login('admin') : {}), 'Accept-Language': locale };
      const answer = await p.request('POST', c.url, { headers, body: c.body });
      expect(answer.status).toBe(422);
      expect(answer.body.error.details.fields).toEqual(c.expected[locale]);
      expect(formErrors(c.schema, c.body, {}, locale)).toEqual(answer.body.error.details.fields);
    });
  }

  it('passes what the API accepts, and names a field as the form does', () => {
    expect(formErrors(registrationInput, registration, {}, 'en')).toEqual({});
    expect(formErrors(smsCodeRequest, { phone: '１３８１２３４９００１', purpose: 'login' }, {}, 'en')).toEqual({});
    expect(formErrors(smsCodeRequest, { phone: '', purpose: 'login' }, { phone: 'username' }, 'zh-CN')).toEqual({ username: '请输入 11 位中国大陆手机号' });
  });
});
