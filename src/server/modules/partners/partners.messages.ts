export const messages = {
  'zh-CN': {
    'partner.not_found': '找不到该合作平台',
    'partner.scopes_required': '请至少选择一项权限',
    'partner.region_required': '请选择该平台可读取的区域（须在您的管理范围内）',
    'partner.disabled': '该合作平台已停用',
  },
  en: {
    'partner.not_found': 'Partner platform not found.',
    'partner.scopes_required': 'Choose at least one scope.',
    'partner.region_required': 'Choose the region whose records this platform may read (inside your scope).',
    'partner.disabled': 'This partner platform is disabled.',
  },
};
