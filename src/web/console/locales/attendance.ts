// Console strings for attendance sheets, the check-in screen, points rules and ratings.
export const zh = {
  attendance: {
    tab: '考勤', rating: '评价 {average} 星（{n} 人）', sessions: '课次', seq: '第 {n} 次', time: '时间', hours: '学时', present: '出勤', qr: '扫码', window: '签到',
    windowState: { open: '签到中', too_early: '未开始', too_late: '已结束' },
    sheet: '考勤表', screen: '签到二维码', residents: '学员出勤', name: '姓名', attended: '出勤次数', hoursAttended: '出勤学时', completed: '结业',
    completedYes: '已结业', attendedYes: '已参加', needed: '结业要求：出勤 {n} 次（{pct}%）', enrolled: '报名 {n} 人', completedCount: '已结业 {n} 人',
    status: { present: '出勤', absent: '缺勤', excused: '请假' }, unmarked: '未登记', method: { qr: '扫码签到', manual: '老师登记' },
    checkedInAt: '签到时间', viaProxy: '代报名', save: '保存考勤', saved: '已保存 {n} 处更改', nothingChanged: '没有更改', exportXlsx: '导出 Excel',
    allPresent: '全部标为出勤', cannotMarkYet: '签到开始（上课前 30 分钟）后才能登记考勤。', back: '返回',
    counts: '报名 {enrolled} 人 · 出勤 {present} 人（扫码 {qr}）· 缺勤 {absent} · 请假 {excused}',
    screenTitle: '扫码签到', screenHint: '请用手机扫描二维码签到（上课前 30 分钟至下课）', screenCount: '已签到 {n} 人', fullscreen: '全屏显示',
    refreshesIn: '二维码每 30 秒更换', codeLabel: '签到码', windowClosed: '当前不在签到时间内', qrAlt: '签到二维码',
  },
  pointsRules: {
    title: '积分规则', district: '区（县）', perHour: '每学时积分', perClassCompleted: '课程结业奖励', perEventAttended: '参加活动奖励', perRating: '评价奖励',
    note: '修改说明', save: '保存为新版本', version: '版本', versions: '历史版本', savedAt: '保存时间', default: '默认规则（尚未设置）',
    intro: '居民完成课程、参加活动或评价时按当时有效的规则获得积分；每个来源只计一次，已获得的积分不因规则修改而变化。',
    saved: '已保存为第 {v} 版',
  },
  ratingsAdmin: {
    title: '课程评价', averages: '平均分', by: { offering: '按课程/活动', instructor: '按教师', institution: '按机构' }, name: '名称', average: '平均星级', count: '评价数',
    list: '评价列表', offering: '课程/活动', stars: '星级', comment: '评语', resident: '评价人', at: '时间', hide: '隐藏评语', hidden: '已隐藏', reason: '隐藏原因',
    hideTitle: '隐藏评语', onlyHidden: '只看已隐藏',
  },
  menu: { points: '积分规则', ratings: '课程评价' },
};

export const en: typeof zh = {
  attendance: {
    tab: 'Attendance', rating: 'Rated {average} out of 5 (1 rating) | Rated {average} out of 5 ({n} ratings)', sessions: 'Sessions', seq: 'Session {n}', time: 'Time', hours: 'Hours', present: 'Present', qr: 'QR', window: 'Check-in',
    windowState: { open: 'Open', too_early: 'Not yet', too_late: 'Closed' },
    sheet: 'Attendance sheet', screen: 'Check-in QR code', residents: 'Learners', name: 'Name', attended: 'Sessions attended', hoursAttended: 'Hours attended', completed: 'Completed',
    completedYes: 'Completed', attendedYes: 'Attended', needed: 'Completion: 1 session attended ({pct}%) | Completion: {n} sessions attended ({pct}%)', enrolled: '{n} enrolled', completedCount: '{n} completed',
    status: { present: 'Present', absent: 'Absent', excused: 'Excused' }, unmarked: 'Not marked', method: { qr: 'QR check-in', manual: 'Marked by staff' },
    checkedInAt: 'Checked in at', viaProxy: 'By proxy', save: 'Save attendance', saved: '1 change saved | {n} changes saved', nothingChanged: 'Nothing changed', exportXlsx: 'Export to Excel',
    allPresent: 'Mark everyone present', cannotMarkYet: 'Attendance can be marked once check-in opens (30 minutes before the session).', back: 'Back',
    counts: '{enrolled} enrolled · {present} present ({qr} by QR) · {absent} absent · {excused} excused',
    screenTitle: 'Check in', screenHint: 'Scan the QR code with your phone to check in (from 30 minutes before until the end)', screenCount: '{n} checked in', fullscreen: 'Full screen',
    refreshesIn: 'The code changes every 30 seconds', codeLabel: 'Code', windowClosed: 'Check-in is not open now', qrAlt: 'Check-in QR code',
  },
  pointsRules: {
    title: 'Points rules', district: 'District', perHour: 'Points per learning hour', perClassCompleted: 'Class completed bonus', perEventAttended: 'Event attended bonus', perRating: 'Rating bonus',
    note: 'Note on the change', save: 'Save as a new version', version: 'Version', versions: 'Earlier versions', savedAt: 'Saved at', default: 'Default rules (not set yet)',
    intro: 'Residents earn points under the rules in force when they complete a class, attend an event or give a rating; each source earns once, and points already earned do not change with the rules.',
    saved: 'Saved as version {v}',
  },
  ratingsAdmin: {
    title: 'Ratings', averages: 'Averages', by: { offering: 'By class / event', instructor: 'By instructor', institution: 'By institution' }, name: 'Name', average: 'Average stars', count: 'Ratings',
    list: 'Ratings', offering: 'Class / event', stars: 'Stars', comment: 'Comment', resident: 'By', at: 'When', hide: 'Hide comment', hidden: 'Hidden', reason: 'Reason',
    hideTitle: 'Hide comment', onlyHidden: 'Hidden only',
  },
  menu: { points: 'Points rules', ratings: 'Ratings' },
};
