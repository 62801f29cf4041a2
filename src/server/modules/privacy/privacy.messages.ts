export const messages = {
  'zh-CN': {
    'privacy.consent_kind': '请选择要撤回的授权类型',
    'privacy.consent_not_found': '找不到该项授权',
    'privacy.consent_not_active': '该项授权已经撤回',
    'privacy.reauth_required': '请输入登录密码或短信验证码以确认身份',
    'privacy.close_live_enrolments': '您还有 {n} 个进行中的报名（待审核、已报名、候补或待确认），请先在“我的报名”中取消后再注销',
    'privacy.no_phone': '该账号没有可接收验证码的手机号，请用密码确认',
  },
  en: {
    'privacy.consent_kind': 'Choose which kind of consent to withdraw.',
    'privacy.consent_not_found': 'Consent not found.',
    'privacy.consent_not_active': 'This consent has already been withdrawn.',
    'privacy.reauth_required': 'Enter your password or an SMS code to confirm it is you.',
    'privacy.close_live_enrolments':
      'You still have {n} current enrolments (pending, enrolled, waitlisted or offered). Cancel them under “My enrolments” before closing your account.',
    'privacy.no_phone': 'This account has no phone to receive a code; confirm with your password.',
  },
};
