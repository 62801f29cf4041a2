// Portal strings for learning teams.
export const zh = {
  teams: {
    nav: '学习团队', title: '学习团队', newTitle: '创建学习团队', heading: '身边的学习团队', intro: '和邻居一起读书、写字、唱歌、跳舞、学用手机。找一个团队加入，或者自己拉一个。',
    filterCommunity: '按社区查看', filterHint: '先选街道，再选社区；不选则显示全部。', category: '类别', allCategories: '全部类别', search: '查找',
    none: '这里还没有学习团队。', create: '创建学习团队', mine: '我的团队', members: '{n} 名成员', leader: '负责人', venue: '活动地点', time: '活动时间',
    name: '团队名称', nameHint: '2 到 60 个字', community: '团队所在社区', communityHint: '团队平时在哪个社区活动', description: '团队简介（选填）',
    venueHint: '例如：社区学校二楼活动室', timeHint: '例如：每周三上午 9:00', submit: '创建团队', submitting: '正在创建…', created: '团队已创建，您是负责人。',
    join: '申请加入', joinMessage: '想对负责人说的话（选填）', joinSent: '已申请加入，请等负责人确认。', pending: '等待负责人确认', youAreMember: '您是团队成员',
    youLead: '您是团队负责人', declined: '负责人未同意，您可以再次申请', requests: '入队申请', accept: '同意', decline: '不同意', noRequests: '暂无待处理的申请',
    memberList: '成员名单', activities: '活动记录', noActivities: '还没有活动记录。', logActivity: '记录一次活动', activityTitle: '活动内容', heldOn: '活动日期',
    hours: '时长（小时）', attendance: '到场成员', attendanceHint: '勾选参加了这次活动的成员', notes: '备注（选填）', save: '保存活动记录', saving: '正在保存…',
    logged: '活动已记录。', attended: '到场 {n} 人', back: '返回团队列表', loginToJoin: '登录后可以申请加入', toLogin: '去登录', leaderMark: '（负责人）',
  },
  teamCategories: {
    reading: '读书', calligraphy_painting: '书画', music: '音乐合唱', dance: '舞蹈', sports_health: '健身养生', digital: '智能手机与电脑', languages: '外语',
    crafts: '手工', heritage: '传统文化', volunteering: '志愿服务', other: '其他',
  },
};

export const en: typeof zh = {
  teams: {
    nav: 'Learning teams', title: 'Learning teams', newTitle: 'Create a learning team', heading: 'Learning teams near you', intro: 'Read, write, sing, dance or learn your phone together with neighbours. Join a team, or start one.',
    filterCommunity: 'By community', filterHint: 'Choose the street, then the community; leave it empty to see all.', category: 'Category', allCategories: 'All categories', search: 'Find',
    none: 'No learning teams here yet.', create: 'Create a learning team', mine: 'My teams', members: '1 member | {n} members', leader: 'Leader', venue: 'Where', time: 'When',
    name: 'Team name', nameHint: '2 to 60 characters', community: 'Community of the team', communityHint: 'Where the team usually meets', description: 'About the team (optional)',
    venueHint: 'e.g. Community school, room 2F', timeHint: 'e.g. Wednesdays 9:00', submit: 'Create team', submitting: 'Creating…', created: 'Team created; you are its leader.',
    join: 'Ask to join', joinMessage: 'A note to the leader (optional)', joinSent: 'Asked to join; wait for the leader to confirm.', pending: 'Waiting for the leader', youAreMember: 'You are a member',
    youLead: 'You lead this team', declined: 'The leader declined; you may ask again', requests: 'Requests to join', accept: 'Accept', decline: 'Decline', noRequests: 'No pending requests',
    memberList: 'Members', activities: 'Activities', noActivities: 'No activities logged yet.', logActivity: 'Log an activity', activityTitle: 'What you did', heldOn: 'Date',
    hours: 'Hours', attendance: 'Members present', attendanceHint: 'Tick everyone who took part', notes: 'Notes (optional)', save: 'Save activity', saving: 'Saving…',
    logged: 'Activity logged.', attended: '{n} present', back: 'Back to teams', loginToJoin: 'Sign in to ask to join', toLogin: 'Sign in', leaderMark: ' (leader)',
  },
  teamCategories: {
    reading: 'Reading', calligraphy_painting: 'Calligraphy & painting', music: 'Music & choir', dance: 'Dance', sports_health: 'Fitness & health', digital: 'Phones & computers',
    languages: 'Languages', crafts: 'Crafts', heritage: 'Traditional culture', volunteering: 'Volunteering', other: 'Other',
  },
};
