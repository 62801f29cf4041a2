// What a field error says, shared by the API (422 `details.fields`) and the web forms (checked before sending
// with the same contract schemas), so a field reads the same whether the browser or the server found the fault.
// The server's catalogue (kernel/messages.ts) takes these entries in; keys a schema here names as its message
// must be defined here, not in a module's messages, or the browser could not say them.
import type { z } from 'zod';

export type FieldMessageLocale = 'zh-CN' | 'en';

export const FIELD_MESSAGES: Record<FieldMessageLocale, Record<string, string>> = {
  'zh-CN': {
    'validation.required': '必填',
    'validation.invalid': '格式不正确',
    'validation.too_long': '不能超过 {max} 个字符',
    'validation.too_short': '至少 {min} 个字符',
    'validation.number': '必须是数字',
    'validation.integer': '必须是整数',
    'validation.min': '不能小于 {min}',
    'validation.max': '不能大于 {max}',
    'validation.one_of': '必须是以下之一：{values}',
    'password.weak': '密码至少 10 位（也可以是一句好记的话）；全是数字时至少 16 位，也不能只是一两个字符重复',
    'phone.invalid': '请输入 11 位中国大陆手机号',
    'phone.invalid_contact': '请输入手机号或带区号的固定电话（如 0571-87654321）',
    'id_number.format': '身份证号应为 18 位（最后一位可为 X）',
    'id_number.area': '身份证号前 6 位不是有效的地区代码',
    'id_number.birth_date': '身份证号中的出生日期无效',
    'id_number.check_digit': '身份证号校验位错误',
    'sms.code_invalid': '验证码错误或已过期',
    'privacy.notice_required': '请阅读并同意《个人信息处理规则》',
    'team.date_format': '日期格式应为 YYYY-MM-DD',
    'award.contact_required': '匿名提出异议时请留下联系电话，便于核实',
    'instructor.time_format': '时间格式应为 HH:MM，如 09:30',
    'instructor.slot_order': '结束时间必须晚于开始时间',
    'booking.ends_before_start': '结束时间必须晚于开始时间',
    'booking.reason_required': '不通过时请填写理由',
    'instructor.reason_required': '暂停时请填写理由',
    'credits.evidence_required': '请至少上传一份证明材料',
    'credential.commendation_required': '请选择要颁发证书的表彰记录',
    'credential.resident_required': '请先输入姓名或手机号找到居民，再从列表中选择',
  },
  en: {
    'validation.required': 'Required',
    'validation.invalid': 'Invalid format',
    'validation.too_long': 'At most {max} characters',
    'validation.too_short': 'At least {min} characters',
    'validation.number': 'Must be a number',
    'validation.integer': 'Must be a whole number',
    'validation.min': 'Must be at least {min}',
    'validation.max': 'Must be at most {max}',
    'validation.one_of': 'Must be one of: {values}',
    'password.weak': 'At least 10 characters (a memorable phrase works well); digits only need 16, and not just one or two characters repeated',
    'phone.invalid': 'Enter an 11-digit mainland China mobile number',
    'phone.invalid_contact': 'Enter a mobile number or a landline with area code (e.g. 0571-87654321)',
    'id_number.format': 'An ID number has 18 characters (the last may be X)',
    'id_number.area': 'The first six digits of the ID number are not a known area code',
    'id_number.birth_date': 'The birth date in the ID number is not valid',
    'id_number.check_digit': 'The ID number check digit is wrong',
    'sms.code_invalid': 'The verification code is wrong or has expired',
    'privacy.notice_required': 'Read and accept the personal information processing rules.',
    'team.date_format': 'Use the date format YYYY-MM-DD',
    'award.contact_required': 'Leave a contact phone number when objecting without an account, so it can be verified',
    'instructor.time_format': 'Write times as HH:MM, e.g. 09:30',
    'instructor.slot_order': 'The end must be after the start.',
    'booking.ends_before_start': 'The end must be after the start.',
    'booking.reason_required': 'Give a reason when rejecting.',
    'instructor.reason_required': 'Give a reason for a suspension.',
    'credits.evidence_required': 'Upload at least one piece of evidence',
    'credential.commendation_required': 'Choose the commendation to certify',
    'credential.resident_required': 'Find the resident by name or phone number first, then choose them from the list',
  },
};

export interface FieldMessageKey {
  key: string;
  params?: Record<string, string | number>;
}

/**
 * A zod issue as a message key and its parameters: a schema's own message when it names a key, else by its kind.
 * `blank` says whether the value at the issue's path was left out or empty: then a missing choice reads as
 * "required", not as a list of allowed codes, and a wrong type as what it is. Unknown (an import row's issues),
 * a type issue reads as "required" and a choice as its list.
 */
export function issueMessage(issue: z.core.$ZodIssue, blank?: boolean): FieldMessageKey {
  if (issue.message && issue.message.includes('.') && !issue.message.includes(' ')) {
    // A schema naming a key such as validation.min still gets its bound filled in.
    if (issue.code === 'too_small') return { key: issue.message, params: { min: Number(issue.minimum) } };
    if (issue.code === 'too_big') return { key: issue.message, params: { max: Number(issue.maximum) } };
    return { key: issue.message };
  }
  switch (issue.code) {
    case 'invalid_type':
      if (blank ?? true) return { key: 'validation.required' };
      return { key: issue.expected === 'number' || issue.expected === 'int' ? 'validation.number' : 'validation.invalid' };
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? { key: 'validation.required' } : { key: 'validation.too_short', params: { min: Number(issue.minimum) } };
      // An empty list where one item is needed reads as a missing answer, not as "at least 1".
      if ((issue.origin === 'array' || issue.origin === 'set') && Number(issue.minimum) <= 1) return { key: 'validation.required' };
      return { key: 'validation.min', params: { min: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { key: 'validation.too_long', params: { max: Number(issue.maximum) } };
      return { key: 'validation.max', params: { max: Number(issue.maximum) } };
    case 'invalid_value':
      if (blank) return { key: 'validation.required' };
      return { key: 'validation.one_of', params: { values: issue.values.map(String).join(', ') } };
    default:
      return { key: 'validation.invalid' };
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * The field each issue of parsing `input` belongs to (its path joined with dots, or `part` for an issue about the
 * whole input) and the first issue's message key per field: what a 422 answer's `details.fields` names.
 */
export function fieldIssues(issues: readonly z.core.$ZodIssue[], input: unknown, part = 'body'): Record<string, FieldMessageKey> {
  const fields: Record<string, FieldMessageKey> = {};
  for (const issue of issues) {
    const name = issue.path.length ? issue.path.join('.') : part;
    fields[name] ??= issueMessage(issue, isBlank(valueAt(input, issue.path)));
  }
  return fields;
}

/** A field message in one language, its `{placeholders}` filled. */
export function fieldMessage(m: FieldMessageKey, locale: FieldMessageLocale): string {
  const template = FIELD_MESSAGES[locale][m.key] ?? FIELD_MESSAGES['zh-CN'][m.key] ?? FIELD_MESSAGES[locale]['validation.invalid'];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (m.params?.[name] === undefined ? whole : String(m.params[name])));
}
