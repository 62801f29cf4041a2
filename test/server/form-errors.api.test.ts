// A form's own check says exactly what the API answers for the same body: the real platform is asked in-process,
// in both languages, and its `details.fields` must equal formErrors of the contract the form uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { idCheckChar } from '../../src/contracts/identity';
import { loginInput, passwordResetInput, registrationInput, smsCodeRequest, staffAccountInput } from '../../src/contracts/accounts';
import { hideCommentInput, ratingInput } from '../../src/contracts/attendance';
import { issueInput, revokeInput } from '../../src/contracts/credentials';
import { recognitionDecision, recognitionInput } from '../../src/contracts/credits';
import { grantInput, grantRequestInput } from '../../src/contracts/enrolment';
import { bookingDecision, bookingInput } from '../../src/contracts/venues';
import { instructorBulk, vettingDecision } from '../../src/contracts/instructors';
import { cancelInput as offeringCancelInput } from '../../src/contracts/offerings';
import { cancelInput as roundCancelInput } from '../../src/contracts/lottery';
import { formErrors } from '../../src/web/shared/form-errors';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const first17 = '33010519550607152';
const goodId = first17 + idCheckChar(first17);
const badCheckDigit = first17 + (goodId[17] === '1' ? '2' : '1');
const registration = {
  phone: '13812349001',
  smsCode: '123456',
  password: 'Learn2026ok',
  realName: '李建国',
  idNumber: goodId,
  homeRegionCode: '330105012001',
  acceptPrivacyNotice: true,
};

// A body is checked before the route's handler runs, so an id that names nothing still gets its 422.
const someId = '0b7c5f0e-4c1d-4b8e-9d55-3f1a2b3c4d5e';
type Case = {
  name: string;
  url: string;
  method?: 'POST' | 'PUT';
  schema: z.ZodType;
  body: Record<string, unknown>;
  as?: 'staff' | 'resident';
  expected: Record<'zh-CN' | 'en', Record<string, string>>;
};
const cases: Case[] = [
  {
    name: 'a wrong ID check digit',
    url: '/api/residents',
    schema: registrationInput,
    body: { ...registration, idNumber: badCheckDigit },
    expected: { 'zh-CN': { idNumber: '身份证号校验位错误' }, en: { idNumber: 'The ID number check digit is wrong' } },
  },
  {
    name: 'a full-width ID number with a birth date that never was',
    url: '/api/residents',
    schema: registrationInput,
    body: { ...registration, idNumber: '３３０１０５１９５５０２３００１５２' },
    expected: { 'zh-CN': { idNumber: '身份证号中的出生日期无效' }, en: { idNumber: 'The birth date in the ID number is not valid' } },
  },
  {
    name: 'a phone that is no mobile number',
    url: '/api/auth/sms-codes',
    schema: smsCodeRequest,
    body: { phone: '1381234', purpose: 'register' },
    expected: { 'zh-CN': { phone: '请输入 11 位中国大陆手机号' }, en: { phone: 'Enter an 11-digit mainland China mobile number' } },
  },
  {
    name: 'a short password and a malformed code',
    url: '/api/auth/password-reset',
    schema: passwordResetInput,
    body: { phone: '13812349002', smsCode: '12a456', newPassword: 'short' },
    expected: {
      'zh-CN': { smsCode: '验证码错误或已过期', newPassword: '密码至少 10 位（也可以是一句好记的话）；全是数字时至少 16 位，也不能只是一两个字符重复' },
      en: {
        smsCode: 'The verification code is wrong or has expired',
        newPassword: 'At least 10 characters (a memorable phrase works well); digits only need 16, and not just one or two characters repeated',
      },
    },
  },
  {
    name: 'missing fields and an unticked privacy notice',
    url: '/api/residents',
    schema: registrationInput,
    body: { ...registration, realName: '  ', homeRegionCode: '', acceptPrivacyNotice: false },
    expected: {
      'zh-CN': { realName: '必填', homeRegionCode: '必填', acceptPrivacyNotice: '请阅读并同意《个人信息处理规则》' },
      en: { realName: 'Required', homeRegionCode: 'Required', acceptPrivacyNotice: 'Read and accept the personal information processing rules.' },
    },
  },
  {
    name: 'an empty sign-in',
    url: '/api/auth/login',
    schema: loginInput,
    body: { username: ' ', password: '' },
    expected: { 'zh-CN': { username: '必填', password: '必填' }, en: { username: 'Required', password: 'Required' } },
  },
  {
    name: 'a staff account without a role, with a weak password and a bad user name',
    url: '/api/staff-accounts',
    schema: staffAccountInput,
    as: 'staff',
    body: { username: 'a b', displayName: '新同事', password: '1234567890' },
    expected: {
      'zh-CN': { username: '格式不正确', role: '必填', password: '密码至少 10 位（也可以是一句好记的话）；全是数字时至少 16 位，也不能只是一两个字符重复' },
      en: {
        username: 'Invalid format',
        role: 'Required',
        password: 'At least 10 characters (a memorable phrase works well); digits only need 16, and not just one or two characters repeated',
      },
    },
  },
  // portal RatePage
  {
    name: 'a rating without stars and with an overlong comment',
    url: `/api/offerings/${someId}/my-rating`,
    method: 'PUT',
    schema: ratingInput,
    as: 'resident',
    body: { comment: '好'.repeat(501) },
    expected: { 'zh-CN': { stars: '必填', comment: '不能超过 500 个字符' }, en: { stars: 'Required', comment: 'At most 500 characters' } },
  },
  // portal RecognitionNewPage
  {
    name: 'a recognition application with blanks, too few hours and no evidence',
    url: '/api/recognition-applications',
    schema: recognitionInput,
    as: 'resident',
    body: { standardCode: null, title: ' ', provider: '', occurredOn: '', hours: 0.2, level: null, description: null, evidenceFileIds: [] },
    expected: {
      'zh-CN': { title: '必填', provider: '必填', occurredOn: '必填', hours: '不能小于 0.5', evidenceFileIds: '请至少上传一份证明材料' },
      en: {
        title: 'Required',
        provider: 'Required',
        occurredOn: 'Required',
        hours: 'Must be at least 0.5',
        evidenceFileIds: 'Upload at least one piece of evidence',
      },
    },
  },
  {
    name: 'a recognition application with a malformed date',
    url: '/api/recognition-applications',
    schema: recognitionInput,
    as: 'resident',
    body: { title: '茶艺师', provider: '市职业技能中心', occurredOn: '2026/3/1', evidenceFileIds: [someId] },
    expected: { 'zh-CN': { occurredOn: '格式不正确' }, en: { occurredOn: 'Invalid format' } },
  },
  // portal ProxyPage: asking for a grant, and granting
  {
    name: 'a proxy request without a phone and with an overlong relation',
    url: '/api/proxy-grants/requests',
    schema: grantRequestInput,
    as: 'resident',
    body: { grantorPhone: '', relation: '亲'.repeat(31) },
    expected: {
      'zh-CN': { grantorPhone: '请输入 11 位中国大陆手机号', relation: '不能超过 30 个字符' },
      en: { grantorPhone: 'Enter an 11-digit mainland China mobile number', relation: 'At most 30 characters' },
    },
  },
  {
    name: 'a proxy grant to nobody',
    url: '/api/proxy-grants',
    schema: grantInput,
    as: 'resident',
    body: { granteeLogin: ' ' },
    expected: { 'zh-CN': { granteeLogin: '必填' }, en: { granteeLogin: 'Required' } },
  },
  {
    name: 'a proxy grant to a one-character login',
    url: '/api/proxy-grants',
    schema: grantInput,
    as: 'resident',
    body: { granteeLogin: 'a' },
    expected: { 'zh-CN': { granteeLogin: '至少 2 个字符' }, en: { granteeLogin: 'At least 2 characters' } },
  },
  // console BookingsPage
  {
    name: 'a booking that ends before it starts, without a title',
    url: '/api/venue-bookings',
    schema: bookingInput,
    as: 'staff',
    body: { venueId: someId, startsAt: '2030-03-01T10:00:00+08:00', endsAt: '2030-03-01T09:30:00+08:00', purpose: 'ad_hoc', title: '  ' },
    expected: { 'zh-CN': { endsAt: '结束时间必须晚于开始时间', title: '必填' }, en: { endsAt: 'The end must be after the start.', title: 'Required' } },
  },
  {
    name: 'a booking without its times',
    url: '/api/venue-bookings',
    schema: bookingInput,
    as: 'staff',
    body: { venueId: someId, purpose: 'ad_hoc', title: '读书会' },
    expected: { 'zh-CN': { startsAt: '必填', endsAt: '必填' }, en: { startsAt: 'Required', endsAt: 'Required' } },
  },
  // console CredentialsPage: issuing and revoking
  {
    name: 'an award certificate without its commendation',
    url: '/api/credentials',
    schema: issueInput,
    as: 'staff',
    body: { kind: 'award', commendationId: '', validUntil: null },
    expected: { 'zh-CN': { commendationId: '请选择要颁发证书的表彰记录' }, en: { commendationId: 'Choose the commendation to certify' } },
  },
  {
    name: 'a transcript without its resident',
    url: '/api/credentials',
    schema: issueInput,
    as: 'staff',
    body: { kind: 'transcript', residentId: '', validUntil: null },
    expected: {
      'zh-CN': { residentId: '请先输入姓名或手机号找到居民，再从列表中选择' },
      en: { residentId: 'Find the resident by name or phone number first, then choose them from the list' },
    },
  },
  {
    name: 'a revocation without a reason',
    url: `/api/credentials/${someId}/revocation`,
    schema: revokeInput,
    as: 'staff',
    body: { reason: ' ' },
    expected: { 'zh-CN': { reason: '必填' }, en: { reason: 'Required' } },
  },
  // console CreditsPage: the recognition decision
  {
    name: 'a recognition rejected without a comment',
    url: `/api/recognition-applications/${someId}/decision`,
    schema: recognitionDecision,
    as: 'staff',
    body: { decision: 'reject', note: ' ' },
    expected: { 'zh-CN': { note: '必填' }, en: { note: 'Required' } },
  },
  {
    name: 'a recognition approved without a standard',
    url: `/api/recognition-applications/${someId}/decision`,
    schema: recognitionDecision,
    as: 'staff',
    body: { decision: 'approve', standardCode: '', hours: null, level: null, note: null },
    expected: { 'zh-CN': { standardCode: '必填' }, en: { standardCode: 'Required' } },
  },
  // console RatingsPage: hiding a comment
  {
    name: 'a comment hidden with a one-character reason',
    url: `/api/ratings/${someId}/hide-comment`,
    schema: hideCommentInput,
    as: 'staff',
    body: { reason: '差' },
    expected: { 'zh-CN': { reason: '至少 2 个字符' }, en: { reason: 'At least 2 characters' } },
  },
  {
    name: 'a comment hidden without a reason',
    url: `/api/ratings/${someId}/hide-comment`,
    schema: hideCommentInput,
    as: 'staff',
    body: { reason: '' },
    expected: { 'zh-CN': { reason: '必填' }, en: { reason: 'Required' } },
  },
  // console prompts for a reason (promptReason): suspending instructors, rejecting a booking, cancelling a class or a lottery round
  {
    name: 'an instructor suspended without a reason',
    url: `/api/instructors/${someId}/vetting`,
    schema: vettingDecision,
    as: 'staff',
    body: { status: 'suspended', reason: '  ' },
    expected: { 'zh-CN': { reason: '暂停时请填写理由' }, en: { reason: 'Give a reason for a suspension.' } },
  },
  {
    name: 'instructors suspended in bulk without a reason',
    url: '/api/instructors/bulk',
    schema: instructorBulk,
    as: 'staff',
    body: { ids: [someId], action: 'suspend', reason: '' },
    expected: { 'zh-CN': { reason: '暂停时请填写理由' }, en: { reason: 'Give a reason for a suspension.' } },
  },
  {
    name: 'a booking rejected without a reason',
    url: `/api/venue-bookings/${someId}/decision`,
    schema: bookingDecision,
    as: 'staff',
    body: { decision: 'rejected', reason: ' ' },
    expected: { 'zh-CN': { reason: '不通过时请填写理由' }, en: { reason: 'Give a reason when rejecting.' } },
  },
  {
    name: 'a class cancelled without a reason',
    url: `/api/offerings/${someId}/cancel`,
    schema: offeringCancelInput,
    as: 'staff',
    body: { reason: '' },
    expected: { 'zh-CN': { reason: '必填' }, en: { reason: 'Required' } },
  },
  {
    name: 'a lottery round cancelled with a one-character reason',
    url: `/api/lottery-rounds/${someId}/cancellation`,
    schema: roundCancelInput,
    as: 'staff',
    body: { reason: '雨' },
    expected: { 'zh-CN': { reason: '至少 2 个字符' }, en: { reason: 'At least 2 characters' } },
  },
];

// One sign-in each, reused: logging in per case would spend its time hashing passwords.
const sessions = new Map<'staff' | 'resident', Promise<Record<string, string>>>();
const signedIn = (as: 'staff' | 'resident') => {
  if (!sessions.has(as)) sessions.set(as, p.login(as === 'staff' ? 'admin' : '13900000001'));
  return sessions.get(as)!;
};

describe('field errors found in the browser read as the API answers them', () => {
  for (const c of cases) {
    it.each(['zh-CN', 'en'] as const)(`${c.name} (%s)`, async (locale) => {
      const headers = { ...(c.as ? await signedIn(c.as) : {}), 'Accept-Language': locale };
      const answer = await p.request(c.method ?? 'POST', c.url, { headers, body: c.body });
      expect(answer.status).toBe(422);
      expect(answer.body.error.details.fields).toEqual(c.expected[locale]);
      expect(formErrors(c.schema, c.body, {}, locale)).toEqual(answer.body.error.details.fields);
    });
  }

  it('passes what the API accepts, and names a field as the form does', () => {
    expect(formErrors(registrationInput, registration, {}, 'en')).toEqual({});
    expect(formErrors(smsCodeRequest, { phone: '１３８１２３４９００１', purpose: 'login' }, {}, 'en')).toEqual({});
    expect(formErrors(smsCodeRequest, { phone: '', purpose: 'login' }, { phone: 'username' }, 'zh-CN')).toEqual({ username: '请输入 11 位中国大陆手机号' });
    // The booking form shows both ends of its time under one item.
    expect(
      formErrors(
        bookingInput,
        { venueId: someId, startsAt: '2030-03-01T10:00:00+08:00', endsAt: '2030-03-01T10:00:00+08:00', purpose: 'class', title: '合唱' },
        { startsAt: 'time', endsAt: 'time' },
        'en',
      ),
    ).toEqual({ time: 'The end must be after the start.' });
    // A reason is asked for only where the decision needs one.
    expect(formErrors(bookingDecision, { decision: 'approved', reason: '' }, {}, 'en')).toEqual({});
    expect(formErrors(instructorBulk, { ids: [someId], action: 'approve', reason: null }, {}, 'en')).toEqual({});
  });
});
