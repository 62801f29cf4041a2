export const messages = {
  'zh-CN': {
    'audit.range_order': '结束时间不能早于开始时间',
    'audit.range_too_long': '一次最多导出 {days} 天的记录，请缩小时间范围',
  },
  en: {
    'audit.range_order': 'The end must not be before the start.',
    'audit.range_too_long': 'At most {days} days can be exported at a time; narrow the range.',
  },
};
