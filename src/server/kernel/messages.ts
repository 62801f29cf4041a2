// Server-side messages: every error code and field message key in zh-CN and English. Field messages the web
// forms also say live in contracts/field-messages.ts and are taken in here.
import { FIELD_MESSAGES } from '../../contracts/field-messages';

export type Locale = 'zh-CN' | 'en';

type Dict = Record<string, string>;

const zh: Dict = {
  ...FIELD_MESSAGES['zh-CN'],
  'validation.failed': '提交的内容有误，请检查标出的字段',
  'validation.control_char': '不能包含控制字符（如空字符）',
  bad_request: '请求格式不正确',
  not_found: '找不到请求的内容',
  payload_too_large: '上传的内容太大',
  rate_limited: '操作太频繁，请 {seconds} 秒后再试',
  internal: '服务器内部错误，请稍后再试',
  unavailable: '服务暂时不可用，请稍后再试',
  'conflict.stale': '该记录已被他人修改，请刷新后再试',
  'auth.required': '请先登录',
  'auth.invalid_credentials': '用户名或密码错误',
  'auth.disabled': '该账号已停用',
  'auth.forbidden': '没有权限执行此操作',
  'auth.bad_origin': '请求来源不被允许',
  'auth.wrong_password': '当前密码不正确',
  'password.common': '这个密码太常见，很容易被猜中，请换一个',
  'password.personal': '密码不能包含手机号或用户名',
  'password.unchanged': '新密码不能与临时密码相同',
  'auth.temporary_password_expired': '临时密码已过期，请到社区重新办理，或用短信验证码重设密码',
  'auth.password_change_required': '请先设置新密码',
  'resident.not_active': '该居民账号已停用或注销',
  'sms.too_soon': '请 {seconds} 秒后再获取验证码',
  'region.not_found': '找不到该行政区划代码',
  'region.code_invalid': '行政区划代码格式不正确（2、4、6、9 或 12 位数字）',
  'region.not_community': '请选择社区或村',
  'region.outside_installation': '该区划不在本平台的服务范围内',
  'region.out_of_scope': '该区划不在您的管理范围内',
  'institution.not_found': '找不到该机构',
  'institution.duplicate_name': '该区划下已有同名机构',
  'institution.type_level': '{type}应设在{levels}',
  'resident.duplicate_phone': '该手机号已注册',
  'resident.duplicate_id_number': '该身份证号已注册',
  'resident.not_found': '找不到该居民',
  'staff.not_found': '找不到该账号',
  'staff.duplicate_username': '用户名已被使用',
  'staff.duplicate_phone': '该手机号已被其他账号使用',
  'staff.role_not_grantable': '您不能授予该角色',
  'staff.scope_required': '请至少指定一个管理区划或机构',
  'staff.cannot_change_self': '不能修改自己的角色、范围或状态',
  'import.invalid_rows': '导入失败：有 {count} 行数据有误，未导入任何数据',
  'import.bad_file': '无法读取该文件，请使用导入模板（.xlsx）',
  'import.not_a_number': '应填数字，但填的是“{value}”',
  'import.date_not_number': '应填数字，但填的是日期“{value}”（可能填错了列）',
  'import.empty': '文件中没有数据行',
  'import.too_many_rows': '一次最多导入 {max} 行',
  'import.archive_too_large': '该文件解压后过大（超过 {mb} MB）或压缩比异常，已拒绝。请使用导入模板，只保留需要导入的数据',
  'import.duplicate_in_file': '与第 {row} 行重复',
  'import.unknown_type': '未知的机构类型：{value}',
  'import.missing_header': '缺少 {count} 列：{header}。请使用导入模板，不要修改第 1 行的列名',
};

const en: Dict = {
  ...FIELD_MESSAGES.en,
  'validation.failed': 'Some fields are not valid; please check the marked fields',
  'validation.control_char': 'Must not contain control characters (such as NUL)',
  bad_request: 'The request is malformed',
  not_found: 'Not found',
  payload_too_large: 'The upload is too large',
  rate_limited: 'Too many attempts; try again in {seconds} seconds',
  internal: 'Internal server error; please try again later',
  unavailable: 'The service is briefly unavailable; please try again shortly',
  'conflict.stale': 'Someone else changed this record; reload and try again',
  'auth.required': 'Please log in first',
  'auth.invalid_credentials': 'Wrong username or password',
  'auth.disabled': 'This account is disabled',
  'auth.forbidden': 'You are not allowed to do this',
  'auth.bad_origin': 'Request origin not allowed',
  'auth.wrong_password': 'The current password is wrong',
  'password.common': 'This password is too common and easy to guess; choose another',
  'password.personal': 'The password cannot contain your phone number or user name',
  'password.unchanged': 'The new password must differ from the temporary one',
  'auth.temporary_password_expired': 'The temporary password has expired; ask your community again, or reset the password with an SMS code',
  'auth.password_change_required': 'Please set a new password first',
  'resident.not_active': 'This resident account is disabled or closed',
  'sms.too_soon': 'Please wait {seconds} seconds before requesting another code',
  'region.not_found': 'No region has this code',
  'region.code_invalid': 'A region code has 2, 4, 6, 9 or 12 digits',
  'region.not_community': 'Choose a community or village',
  'region.outside_installation': 'This region is outside the area this platform serves',
  'region.out_of_scope': 'This region is outside your scope',
  'institution.not_found': 'Institution not found',
  'institution.duplicate_name': 'An institution with this name already exists in this region',
  'institution.type_level': 'An institution of type "{type}" belongs at the {levels} level',
  'resident.duplicate_phone': 'This phone number is already registered',
  'resident.duplicate_id_number': 'This ID number is already registered',
  'resident.not_found': 'Resident not found',
  'staff.not_found': 'Account not found',
  'staff.duplicate_username': 'This username is taken',
  'staff.duplicate_phone': 'This phone number belongs to another account',
  'staff.role_not_grantable': 'You cannot grant this role',
  'staff.scope_required': 'Give at least one region or institution',
  'staff.cannot_change_self': 'You cannot change your own role, scope or status',
  'import.invalid_rows': 'Import failed: {count} rows have errors; nothing was imported',
  'import.bad_file': 'This file cannot be read; please use the import template (.xlsx)',
  'import.not_a_number': 'A number is expected here, not “{value}”',
  'import.date_not_number': 'A number is expected here, not the date “{value}” (perhaps the wrong column)',
  'import.empty': 'The file has no data rows',
  'import.too_many_rows': 'At most {max} rows per import',
  'import.archive_too_large':
    'This file unpacks to too much data (over {mb} MB) or is compressed abnormally, so it was refused. Use the import template with only the rows to import',
  'import.duplicate_in_file': 'Duplicates row {row}',
  'import.unknown_type': 'Unknown institution type: {value}',
  'import.missing_header': 'Missing columns ({count}): {header}. Please use the import template and keep its first row unchanged',
};

// Names used inside messages ({type}, {level}).
const terms: Record<Locale, Dict> = {
  'zh-CN': {
    community_college: '社区学院',
    street_branch: '街道分院（社区教育中心）',
    community_school: '社区学校（市民学校）',
    learning_point: '学习点（教学点）',
    elderly_university: '老年大学',
    elderly_school: '老年学校',
    other_provider: '其他办学单位',
    province: '省级',
    city: '市级',
    district: '区（县）级',
    street: '街道（乡镇）级',
    community: '社区（村）级',
  },
  en: {
    community_college: 'community college',
    street_branch: 'street branch',
    community_school: 'community school',
    learning_point: 'learning point',
    elderly_university: 'elderly university',
    elderly_school: 'elderly school',
    other_provider: 'other provider',
    province: 'province',
    city: 'city',
    district: 'district',
    street: 'street',
    community: 'community',
  },
};

const dictionaries: Record<Locale, Dict> = { 'zh-CN': zh, en };

/**
 * A module's own messages and terms, added once when its index.ts loads, so each module keeps its
 * strings beside its code. A key another module already defined is a programming error.
 */
export function registerMessages(messages: Record<Locale, Dict>, moduleTerms?: Record<Locale, Dict>) {
  for (const locale of ['zh-CN', 'en'] as const) {
    for (const [key, text] of Object.entries(messages[locale])) {
      if (key in dictionaries[locale] && dictionaries[locale][key] !== text) throw new Error(`message key ${key} defined twice`);
      dictionaries[locale][key] = text;
    }
    Object.assign(terms[locale], moduleTerms?.[locale] ?? {});
  }
}

/** A term, or a '|'-separated list of terms read as alternatives (street|community → 街道（乡镇）级或社区（村）级). */
export function term(key: string, locale: Locale): string {
  if (key.includes('|'))
    return key
      .split('|')
      .map((k) => term(k, locale))
      .join(locale === 'en' ? ' or ' : '或');
  return terms[locale][key] ?? key;
}

export function translate(key: string, locale: Locale, params: Record<string, string | number> = {}): string {
  const template = dictionaries[locale][key] ?? dictionaries['zh-CN'][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name) => {
    const v = params[name];
    return v === undefined ? `{${name}}` : term(String(v), locale);
  });
}

export function pickLocale(acceptLanguage: string | undefined, fallback: Locale = 'zh-CN'): Locale {
  if (!acceptLanguage) return fallback;
  const first = acceptLanguage.split(',')[0].trim().toLowerCase();
  if (first.startsWith('en')) return 'en';
  if (first.startsWith('zh')) return 'zh-CN';
  return fallback;
}
