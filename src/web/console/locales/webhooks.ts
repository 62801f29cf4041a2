// Console strings for partners' webhooks (event subscriptions and their deliveries).
export const zh = {
  webhooks: {
    open: '事件推送', title: '“{name}”的事件推送', subscriptions: '订阅', deliveries: '推送记录',
    url: '接收地址', events: '事件', status: '状态', createdAt: '创建时间', add: '添加订阅', none: '尚无订阅',
    urlHint: '我们会向该地址 POST JSON，并在 X-Learncity-Signature 头中附上 HMAC-SHA256 签名（t=时间戳,v1=签名，签名内容为“时间戳.请求体”）。',
    secretTitle: '请立即保存签名密钥', secretNote: '签名密钥只显示这一次，用于校验推送确实来自学城。',
    disable: '停用', enable: '启用', remove: '删除', removeConfirm: '删除后不再向 {url} 推送。确定删除吗？',
    event: '事件', attempts: '尝试次数', nextAttempt: '下次尝试', deliveredAt: '送达时间', redeliver: '重新推送', redelivered: '已重新排队推送',
    log: '尝试记录', attempt: '第 {n} 次', latency: '{ms} 毫秒', noDeliveries: '尚无推送记录', filterStatus: '按状态筛选',
  },
  webhookEvents: {
    'statement.stored': '学习记录写入', 'learning.recorded': '学习档案新增（结业、参加）', 'enrolment.created': '报名', 'credit.issued': '学分认定', 'rating.created': '评价',
  },
  webhookStatus: { active: '启用', disabled: '停用', pending: '待推送', succeeded: '已送达', failed: '失败' },
};
export const en: typeof zh = {
  webhooks: {
    open: 'Webhooks', title: 'Webhooks of “{name}”', subscriptions: 'Subscriptions', deliveries: 'Deliveries',
    url: 'Receiving URL', events: 'Events', status: 'Status', createdAt: 'Created', add: 'Add subscription', none: 'No subscriptions yet',
    urlHint: 'We POST JSON to this URL with an HMAC-SHA256 signature in the X-Learncity-Signature header (t=timestamp,v1=signature over "timestamp.body").',
    secretTitle: 'Save the signing secret now', secretNote: 'The signing secret is shown only this once; use it to check that deliveries come from learncity.',
    disable: 'Disable', enable: 'Enable', remove: 'Delete', removeConfirm: 'Nothing more will be sent to {url}. Delete this subscription?',
    event: 'Event', attempts: 'Attempts', nextAttempt: 'Next attempt', deliveredAt: 'Delivered', redeliver: 'Redeliver', redelivered: 'Queued for delivery again',
    log: 'Attempts', attempt: 'Attempt {n}', latency: '{ms} ms', noDeliveries: 'No deliveries yet', filterStatus: 'Filter by status',
  },
  webhookEvents: {
    'statement.stored': 'Statement stored', 'learning.recorded': 'Learning recorded (completed, attended)', 'enrolment.created': 'Enrolment', 'credit.issued': 'Credit issued', 'rating.created': 'Rating',
  },
  webhookStatus: { active: 'Active', disabled: 'Disabled', pending: 'Pending', succeeded: 'Delivered', failed: 'Failed' },
};
