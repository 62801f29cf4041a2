// The resident's learning archive page.
export const zh = {
  archive: {
    title: '我的学习档案',
    link: '查看我的学习档案',
    totalHours: '累计学时',
    totalRecords: '学习记录',
    hoursValue: '{n} 学时',
    recordsValue: '{n} 条',
    empty: '还没有学习记录。参加课程、讲座或在线学习后，记录会自动出现在这里。',
    provider: '举办方',
    loadMore: '加载更多',
    sources: {
      class: '课程',
      event: '活动讲座',
      online: '在线学习',
      partner: '合作平台',
      recognition: '学习成果认定',
      team: '学习团队',
      manual: '工作人员登记',
    },
    outcomes: { completed: '已结业', attended: '已参加', participated: '已参与' },
    exportClr: '下载开放徽章凭证（CLR 2.0）',
    exportXapi: '下载 xAPI 学习记录',
    exportHint: '开放徽章凭证由本平台签名，可交给其他学习平台或用人单位核验；xAPI 学习记录可导入其他学习记录存储（LRS）。',
  },
};
export const en: typeof zh = {
  archive: {
    title: 'My learning record',
    link: 'See my learning record',
    totalHours: 'Learning hours',
    totalRecords: 'Records',
    hoursValue: '1 hour | {n} hours',
    recordsValue: '{n}',
    empty: 'No learning recorded yet. Join a class, a lecture or an online course and it will appear here.',
    provider: 'Organised by',
    loadMore: 'Show more',
    sources: {
      class: 'Class',
      event: 'Event or lecture',
      online: 'Online learning',
      partner: 'Partner platform',
      recognition: 'Recognised learning',
      team: 'Learning team',
      manual: 'Entered by staff',
    },
    outcomes: { completed: 'Completed', attended: 'Attended', participated: 'Took part' },
    exportClr: 'Download as Open Badges credential (CLR 2.0)',
    exportXapi: 'Download as xAPI statements',
    exportHint:
      'The Open Badges credential is signed by this platform: other learning platforms and employers can verify it. The xAPI statements can be loaded into another learning record store (LRS).',
  },
};
