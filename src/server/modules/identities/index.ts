// Linked identities: a resident's verified phone or e-mail, linked with consent, so partners' statements under them count.
import { registerMessages } from '../../kernel/messages';

registerMessages({
  'zh-CN': {
    'identity.consent_required': '请先勾选同意',
    'identity.email_invalid': '请填写有效的邮箱地址',
    'identity.no_verified_phone': '您的账号没有已验证的手机号',
    'identity.already_linked': '您已关联过该信息',
    'identity.taken': '该信息已被其他账号关联',
    'identity.not_found': '找不到该关联',
  },
  en: {
    'identity.consent_required': 'Tick the box to give your consent first.',
    'identity.email_invalid': 'Enter a valid e-mail address.',
    'identity.no_verified_phone': 'Your account has no verified phone number.',
    'identity.already_linked': 'You have already linked this.',
    'identity.taken': 'Another account has linked this already.',
    'identity.not_found': 'Link not found.',
  },
});

export { createIdentitiesRepository } from './identities.repository';
export { createIdentitiesService, maskEmail, type IdentitiesService } from './identities.service';
export { identityRoutes } from './identities.routes';
export { logEmailSender, type EmailSender } from './email';
