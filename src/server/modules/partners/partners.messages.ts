export const messages = {
  'zh-CN': {
    'partner.not_found': '找不到该合作平台',
    'partner.scopes_required': '请至少选择一项权限',
    'partner.region_required': '请选择该平台可读取的区域（须在您的管理范围内）',
    'partner.disabled': '该合作平台已停用',
    'partner.basic_required': '请使用合作平台的密钥（HTTP Basic）访问',
    'webhook.not_found': '找不到该订阅',
    'webhook.delivery_not_found': '找不到该推送记录',
    'webhook.url_invalid': '请填写以 http:// 或 https:// 开头的地址',
    'webhook.events_required': '请至少选择一种事件',
  },
  en: {
    'partner.not_found': 'Partner platform not found.',
    'partner.scopes_required': 'Choose at least one scope.',
    'partner.region_required': 'Choose the region whose records this platform may read (inside your scope).',
    'partner.disabled': 'This partner platform is disabled.',
    'partner.basic_required': 'Use the partner platform’s key and secret (HTTP Basic).',
    'webhook.not_found': 'Subscription not found.',
    'webhook.delivery_not_found': 'Delivery not found.',
    'webhook.url_invalid': 'Enter an address starting with http:// or https://.',
    'webhook.events_required': 'Choose at least one event.',
  },
};
