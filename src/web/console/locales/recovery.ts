// Console strings for the staff-assisted password reset at the community desk.
export const zh = {
  residentReset: {
    button: '重设密码',
    confirmTitle: '为居民重设密码',
    confirm:
      '请先核对 {name} 本人的身份证件。重设后该居民所有设备上的登录都会退出，并得到一个临时密码，24 小时内有效，用它登录后必须立即设置新密码。此操作会记入审计日志。',
    doIt: '核对无误，重设',
    issuedTitle: '临时密码（只显示这一次）',
    issuedFor: '居民：{name}（{phone}）',
    validUntil: '有效期至 {time}',
    handOver: '请当面交给居民本人，不要拍照或转发。居民用手机号和这个临时密码登录后，系统会要求设置新密码。',
  },
};

export const en: typeof zh = {
  residentReset: {
    button: 'Reset password',
    confirmTitle: "Reset a resident's password",
    confirm:
      "Check {name}'s ID card in person first. The reset signs the resident out on every device and gives a temporary password, valid for 24 hours; after signing in with it they must choose a new password at once. The reset is recorded in the audit log.",
    doIt: 'Identity checked, reset',
    issuedTitle: 'Temporary password (shown only this once)',
    issuedFor: 'Resident: {name} ({phone})',
    validUntil: 'Valid until {time}',
    handOver:
      'Hand it to the resident in person; do not photograph or forward it. They sign in with their phone number and this password, and are then asked to choose a new one.',
  },
};
