// Getting back in without the password: sign-in by SMS code, reset by SMS, and the new password after a desk reset.
export const zh = {
  recovery: {
    byPassword: '密码登录', bySms: '验证码登录', modeLabel: '登录方式',
    forgot: '忘记密码？', forgotTitle: '找回密码', forgotHeading: '用短信验证码重设密码',
    forgotIntro: '输入注册时的手机号，获取验证码后设置新密码。设置成功后直接登录，其他设备上的登录会全部退出。',
    phone: '手机号', smsCode: '短信验证码', smsCodeHint: '6 位数字', sendCode: '获取验证码', resendIn: '{n} 秒后可重新获取',
    codeSent: '如果该手机号已注册，验证码已发到 {to}，{min} 分钟内有效。',
    newPassword: '新密码', newPasswordHint: '至少 10 位，可以是一句好记的话', showPassword: '显示密码',
    submitReset: '重设密码并登录', submitting: '正在提交…', submitSms: '登录',
    deskTitle: '收不到短信？', deskHelp: '请带上身份证到居住社区的服务中心，工作人员核对身份后会给您一个临时密码，用它登录后再设置新密码。',
    backToLogin: '返回登录',
    setTitle: '设置新密码', setHeading: '请设置新密码',
    setIntro: '您正在使用社区工作人员给的临时密码。请设置一个只有您自己知道的新密码，设置后才能继续使用。',
    setSubmit: '保存新密码', setDone: '新密码已设置。',
  },
};

export const en: typeof zh = {
  recovery: {
    byPassword: 'With password', bySms: 'With SMS code', modeLabel: 'Sign in with',
    forgot: 'Forgot your password?', forgotTitle: 'Reset password', forgotHeading: 'Reset your password with an SMS code',
    forgotIntro: 'Enter the phone number you registered with, get a code, and choose a new password. You are then signed in, and signed out on every other device.',
    phone: 'Mobile phone', smsCode: 'SMS code', smsCodeHint: '6 digits', sendCode: 'Send code', resendIn: 'Resend in {n} s',
    codeSent: 'If this phone is registered, a code has been sent to {to}; it is valid for {min} minutes.',
    newPassword: 'New password', newPasswordHint: 'At least 10 characters; a memorable phrase works well', showPassword: 'Show password',
    submitReset: 'Reset and sign in', submitting: 'Sending…', submitSms: 'Sign in',
    deskTitle: 'No SMS?', deskHelp: 'Bring your ID card to your community service centre. After checking your identity, staff give you a temporary password; sign in with it and then choose a new one.',
    backToLogin: 'Back to sign-in',
    setTitle: 'Choose a new password', setHeading: 'Please choose a new password',
    setIntro: 'You signed in with a temporary password from your community. Choose a new password only you know before you continue.',
    setSubmit: 'Save the new password', setDone: 'Your new password is set.',
  },
};
