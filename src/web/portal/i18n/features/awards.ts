// Portal strings for public notices, objections and residents' nominations.
export const zh = {
  notices: {
    title: '评选公示', heading: '评选公示', intro: '以下推荐对象正在公示。如有异议，请在公示期内实名或匿名（留联系电话）提出，工作人员会核实处理。',
    none: '目前没有正在公示的评选。', period: '公示期至 {date}', community: '{street} {community}', objectTo: '对“{name}”提出异议',
    content: '异议内容', contentHint: '请写明具体事实，便于核实（至少 5 个字）。', contactName: '联系人（选填）', contactPhone: '联系电话',
    contactPhoneHint: '未登录时必填，仅工作人员可见。', submit: '提交异议', submitting: '正在提交…', lodged: '异议已提交，工作人员会尽快核实处理。',
    closed: '公示期已结束，不再受理异议。', deeds: '主要事迹',
  },
  nominate: {
    title: '我要推荐', heading: '推荐身边的学习榜样', intro: '以下评选活动接受居民推荐。推荐后由社区初审，再逐级评审。',
    none: '目前没有接受居民推荐的评选活动。', campaign: '评选活动', nominee: '被推荐人 / 推荐对象名称', kind: '类型', summary: '主要事迹',
    summaryHint: '写清楚学了什么、坚持多久、带动了谁（至少 10 个字）。', contactPhone: '联系电话（选填）', community: '推荐对象所在社区',
    communityHint: '先选街道，再选社区。', submit: '提交推荐', submitting: '正在提交…', done: '推荐已提交，社区工作人员会进行初审。',
    mine: '我提交的推荐', myTeam: '推荐我负责的学习团队', myTeamHint: '团队名称和所在社区会自动填写。', otherTeam: '其他团队（手动填写）', stage: '进度', loginFirst: '登录后才能推荐。', toLogin: '去登录', deadline: '截止 {date}',
  },
  awardKinds: {
    person: '个人', family: '学习型家庭', community: '学习型社区', enterprise: '学习型企业', agency: '学习型机关', club: '学习型社团', building: '学习型楼宇',
    team: '学习团队', project: '项目', institution: '学校', course: '课程',
  },
  awardStages: { community: '社区初审中', street: '街道评审中', district: '区级评审中', approved: '区级评审通过', notice: '公示中', commended: '已表彰' },
  awardStatus: { active: '', rejected: '未获推荐', withdrawn: '已撤销' },
};

export const en: typeof zh = {
  notices: {
    title: 'Public notices', heading: 'Public notices of awards', intro: 'These nominees are on public notice. If you object, tell us during the notice period, with your name or anonymously with a contact phone; staff will check and respond.',
    none: 'No award is on public notice now.', period: 'Notice until {date}', community: '{street} {community}', objectTo: 'Object to “{name}”',
    content: 'Your objection', contentHint: 'State the facts so they can be checked (at least 5 characters).', contactName: 'Name (optional)', contactPhone: 'Contact phone',
    contactPhoneHint: 'Required when not signed in; only staff see it.', submit: 'Submit objection', submitting: 'Submitting…', lodged: 'Your objection has been received; staff will check it soon.',
    closed: 'The notice period is over; objections are no longer accepted.', deeds: 'Deeds',
  },
  nominate: {
    title: 'Nominate', heading: 'Nominate a learning role model', intro: 'These campaigns accept nominations from residents. Your community checks a nomination first, then it is reviewed level by level.',
    none: 'No campaign accepts nominations from residents now.', campaign: 'Campaign', nominee: 'Nominee', kind: 'Kind', summary: 'Deeds',
    summaryHint: 'What they learned, for how long, and whom they inspired (at least 10 characters).', contactPhone: 'Contact phone (optional)', community: 'Community of the nominee',
    communityHint: 'Choose the street, then the community.', submit: 'Submit nomination', submitting: 'Submitting…', done: 'Nomination submitted; your community will check it.',
    mine: 'My nominations', myTeam: 'Nominate a team I lead', myTeamHint: 'The team\'s name and community are filled in for you.', otherTeam: 'Another team (type it in)', stage: 'Progress', loginFirst: 'Sign in to nominate.', toLogin: 'Sign in', deadline: 'Closes {date}',
  },
  awardKinds: {
    person: 'Person', family: 'Learning family', community: 'Learning community', enterprise: 'Learning enterprise', agency: 'Learning agency', club: 'Learning club',
    building: 'Learning building', team: 'Learning team', project: 'Project', institution: 'School', course: 'Course',
  },
  awardStages: { community: 'Community check', street: 'Street review', district: 'District review', approved: 'Approved by the district', notice: 'On public notice', commended: 'Commended' },
  awardStatus: { active: '', rejected: 'Not put forward', withdrawn: 'Withdrawn' },
};
