// Single sign-on through an OpenID Connect identity provider, with accounts linked on first login by the resident's consent.
import { registerMessages } from '../../kernel/messages';

registerMessages({
  'zh-CN': {
    'sso.not_configured': '未配置政务账号登录',
    'sso.no_pending': '登录已过期，请重新使用政务账号登录',
    'sso.residents_only': '政务账号只能关联居民账号',
  },
  en: {
    'sso.not_configured': 'Sign-in with a government ID is not set up.',
    'sso.no_pending': 'The sign-in has expired; sign in with your government ID again.',
    'sso.residents_only': 'A government ID can only be linked to a resident account.',
  },
});

export { createSsoRepository } from './sso.repository';
export { createSsoService, type SsoService, type OidcSettings } from './sso.service';
export { ssoRoutes, PENDING_COOKIE } from './sso.routes';
