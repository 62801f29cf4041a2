export const messages = {
  'zh-CN': {
    'instructor.not_found': '找不到该师资',
    'instructor.duplicate_phone': '已有使用该手机号的师资',
    'instructor.read_only': '该师资由上级共享，只能查看和选用，不能修改',
    'instructor.unknown_category': '未知的课程类别：{value}',
    'instructor.unknown_kind': '未知的师资类型：{value}（可填：专职、兼职、志愿者）',
    'instructor.resident_not_found': '找不到该居民账号，或不在您的管理范围内',
    'instructor.availability_format': '无法识别的可授课时间：{value}（示例：周一 09:00-11:30；周三 14:00-16:00）',
    'instructor.vetting_transition': '不能从“{from}”改为“{to}”',
  },
  en: {
    'instructor.not_found': 'Instructor not found.',
    'instructor.duplicate_phone': 'An instructor with this phone number already exists.',
    'instructor.read_only': 'This instructor is shared from above: you can view and engage them but not change the entry.',
    'instructor.unknown_category': 'Unknown course category: {value}',
    'instructor.unknown_kind': 'Unknown kind of instructor: {value} (use 专职, 兼职 or 志愿者)',
    'instructor.resident_not_found': 'No such resident account in your scope.',
    'instructor.availability_format': 'Cannot read this availability: {value} (e.g. 周一 09:00-11:30；周三 14:00-16:00)',
    'instructor.vetting_transition': 'Cannot change from “{from}” to “{to}”.',
  },
};

export const terms = {
  'zh-CN': {
    'vetting.pending': '待审核',
    'vetting.approved': '已通过',
    'vetting.suspended': '已暂停',
    'instructor_kind.full_time': '专职',
    'instructor_kind.part_time': '兼职',
    'instructor_kind.volunteer': '志愿者',
  },
  en: {
    'vetting.pending': 'pending',
    'vetting.approved': 'approved',
    'vetting.suspended': 'suspended',
    'instructor_kind.full_time': 'full-time',
    'instructor_kind.part_time': 'part-time',
    'instructor_kind.volunteer': 'volunteer',
  },
};
