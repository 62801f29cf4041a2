// Console strings for partner platforms (xAPI learning record store credentials).
export const zh = {
  menu: { partners: '合作平台' },
  partners: {
    title: '合作平台（学习记录对接）',
    intro: '其他学习平台通过 xAPI 1.0.3 标准接口 {endpoint} 上报和读取学习记录。每个平台使用独立的密钥（HTTP Basic）。',
    name: '平台名称', key: '接入账号', scopes: '权限', region: '可读取的居民区域', regionAll: '不限（全部区域）',
    owner: '登记单位', status: '状态', rotatedAt: '密钥更新时间', usage: '近 30 天请求 / 错误', createdAt: '登记时间',
    create: '登记合作平台', edit: '编辑合作平台', rotate: '更换密钥', disable: '停用', enable: '启用',
    rotateConfirm: '更换后旧密钥立即失效，对方平台需改用新密钥。确定更换“{name}”的密钥吗？',
    disableConfirm: '停用后“{name}”将无法访问学习记录库。确定停用吗？',
    secretTitle: '请立即保存密钥', secretNote: '密钥只显示这一次，关闭后无法再次查看；遗失时请更换密钥。',
    endpoint: '接口地址', secret: '密钥（Secret）', copied: '已复制', copy: '复制', saved: '已保存',
    regionHint: '选择后，该平台只能读取居住在此区域内居民的学习记录。', scopesHint: '按 xAPI 规范的授权范围划分。',
    searchPlaceholder: '按平台名称查询', days: '每日请求', day: '日期', requests: '请求数', errors: '错误数', noUsage: '近 30 天没有请求',
  },
  partnerScopes: {
    all: '全部权限', 'statements/write': '上报学习记录', 'statements/read': '读取全部学习记录', 'statements/read/mine': '仅读取本平台上报的记录',
    state: '学习状态（state）', define: '定义活动（define）', profile: '活动与学习者档案（profile）', 'credits/write': '存入学分（学分银行）',
  },
  partnerStatus: { active: '启用', disabled: '已停用' },
};

export const en = {
  menu: { partners: 'Partner platforms' },
  partners: {
    title: 'Partner platforms (learning records)',
    intro: 'Other learning platforms send and read learning records through the xAPI 1.0.3 interface at {endpoint}. Each platform has its own key and secret (HTTP Basic).',
    name: 'Platform name', key: 'Key', scopes: 'Scopes', region: 'Residents it may read', regionAll: 'Any region',
    owner: 'Registered by', status: 'Status', rotatedAt: 'Secret issued', usage: 'Requests / errors (30 days)', createdAt: 'Registered',
    create: 'Register a partner', edit: 'Edit partner', rotate: 'New secret', disable: 'Disable', enable: 'Enable',
    rotateConfirm: 'The old secret stops working at once and the platform must switch to the new one. Issue a new secret for “{name}”?',
    disableConfirm: '“{name}” will no longer reach the learning record store. Disable it?',
    secretTitle: 'Save the secret now', secretNote: 'The secret is shown only this once; if it is lost, issue a new one.',
    endpoint: 'Endpoint', secret: 'Secret', copied: 'Copied', copy: 'Copy', saved: 'Saved',
    regionHint: 'When set, the platform reads only records of residents living in this region.', scopesHint: 'The scopes of the xAPI specification.',
    searchPlaceholder: 'Search by platform name', days: 'Requests per day', day: 'Day', requests: 'Requests', errors: 'Errors', noUsage: 'No requests in the last 30 days',
  },
  partnerScopes: {
    all: 'Everything', 'statements/write': 'Send statements', 'statements/read': 'Read all statements', 'statements/read/mine': 'Read only its own statements',
    state: 'State documents', define: 'Define activities', profile: 'Activity and agent profiles', 'credits/write': 'Deposit credits (credit bank)',
  },
  partnerStatus: { active: 'Active', disabled: 'Disabled' },
};
