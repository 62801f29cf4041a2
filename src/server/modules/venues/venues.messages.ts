export const messages = {
  'zh-CN': {
    'venue.not_found': '找不到该场地',
    'venue.duplicate_name': '同一区划下已有同名场地',
    'venue.outside_owner': '场地所在区划必须在所属单位的区划范围内',
    'venue.institution_outside_owner': '所属机构不存在或不在所属区划内',
    'venue.read_only': '该场地由上级共享，只能查看和预约，不能修改',
    'venue.unknown_unit_kind': '未知的单位类型：{value}',
    'import.yes_or_no': '请填写“是”或“否”，而不是“{value}”',
    'booking.not_found': '找不到该预约',
    'booking.too_long': '一次预约不能超过 {days} 天',
    'booking.in_past': '不能预约已经过去的时间',
    'booking.not_bookable': '该场地当前不接受预约',
    'booking.overlap': '该时段与已有预约（{from}–{to}）冲突，请换一个时间',
    'booking.not_owner': '只有场地所属单位可以审批预约',
    'booking.reason_required': '不通过时请填写理由',
    'booking.not_pending': '该预约已处理过',
    'booking.not_active': '该预约已结束或已取消',
    'booking.range_too_long': '日历一次最多查看 {days} 天',
  },
  en: {
    'venue.not_found': 'Venue not found.',
    'venue.duplicate_name': 'A venue with this name already exists in this region.',
    'venue.outside_owner': 'The venue must be inside the owner’s region.',
    'venue.institution_outside_owner': 'The owning institution does not exist or is outside the owner region.',
    'venue.read_only': 'This venue is shared from above: you can view and book it but not change it.',
    'venue.unknown_unit_kind': 'Unknown kind of unit: {value}',
    'import.yes_or_no': 'Write 是 (yes) or 否 (no), not “{value}”',
    'booking.not_found': 'Booking not found.',
    'booking.too_long': 'A booking cannot last more than {days} days.',
    'booking.in_past': 'A time in the past cannot be booked.',
    'booking.not_bookable': 'This venue does not take bookings at the moment.',
    'booking.overlap': 'This time overlaps an existing booking ({from}–{to}); choose another time.',
    'booking.not_owner': 'Only the venue’s owner can decide on bookings.',
    'booking.reason_required': 'Give a reason when rejecting.',
    'booking.not_pending': 'This booking has already been decided.',
    'booking.not_active': 'This booking is over or cancelled.',
    'booking.range_too_long': 'The calendar shows at most {days} days at a time.',
  },
};

/** Names of the kinds of units that open venues, for messages and Excel. */
export const terms = {
  'zh-CN': {
    'venue_unit.institution': '办学机构', 'venue_unit.library': '图书馆', 'venue_unit.museum': '博物馆', 'venue_unit.culture_centre': '文化中心（文化站）', 'venue_unit.school': '中小学校', 'venue_unit.enterprise': '企业',
    'venue_unit.sports_ground': '体育场馆', 'venue_unit.community_centre': '社区活动中心', 'venue_unit.other': '其他单位',
  },
  en: {
    'venue_unit.institution': 'Network institution', 'venue_unit.library': 'Library', 'venue_unit.museum': 'Museum', 'venue_unit.culture_centre': 'Culture centre', 'venue_unit.school': 'School', 'venue_unit.enterprise': 'Enterprise',
    'venue_unit.sports_ground': 'Sports ground', 'venue_unit.community_centre': 'Community centre', 'venue_unit.other': 'Other unit',
  },
};
