// Console strings for lottery rounds (摇号): set-up, demand, the draw and its results.
export const zh = {
  lottery: {
    title: '摇号', newRound: '新建摇号批次', name: '批次名称', description: '说明', region: '所属区域', offerings: '参加摇号的班级',
    offeringsPlaceholder: '搜索报名方式为“摇号”的班级', opensAt: '报名开始', closesAt: '报名截止', window: '报名时间', maxChoices: '每人志愿数',
    quota: '每人可中签数', quotaHint: '不填则按学期每人限报数（未设定时为 1）', autoDraw: '截止后自动摇号', phase: '状态', applications: '报名人数',
    seats: '名额', capacity: '容量', applicants: '填报人数', firstChoice: '第一志愿', demandRatio: '报名 / 名额', publish: '发布（生成种子）',
    publishConfirm: '发布后将生成随机种子并公示其哈希值，报名时间和班级不能再修改。确定发布？', published: '已发布',
    draw: '开始摇号', drawConfirm: '摇号将公开种子，按公示名单确定中签结果并录取，结果不可撤销。确定开始？', drawn: '摇号完成',
    drawResult: '共 {applicants} 人申请，{winners} 人中签，分配 {seatsWon} 个名额', seedHash: '种子哈希（SHA-256）', seed: '已公开的种子',
    listDigest: '公示名单摘要', publicPage: '公开核验页面', results: '摇号结果', position: '顺位', applicant: '姓名', token: '公示代号',
    outcome: '结果', choiceRank: '志愿', notDrawn: '未中签', enrolled: '已录取', exportResults: '导出结果（Excel）', onlyWinners: '只看中签',
    correct: '更正（报名开始前）', cancelRound: '取消批次', cancelReason: '取消原因', cancelReasonRequired: '请填写取消原因（至少 2 个字）',
    cancelPrompt: '取消后不能恢复。每位已报名的居民都会收到站内通知和短信，告知下面的原因。', cancelledTold: '批次已取消，已通知 {n} 位报名居民。',
    edit: '修改', back: '返回摇号列表', notice: '摇号批次把报名方式为“摇号”的班级放在同一报名时间内；发布时生成保密种子并公示其哈希，截止后公示匿名名单，摇号时公开种子，任何人都可重算核验。',
    phases: { draft: '草稿', upcoming: '未开始', open: '报名中', closed: '已截止待摇号', drawn: '已摇号', cancelled: '已取消' },
    jobPhases: { drawing: '计算顺序', admitting: '录取中签者', notifying: '通知未中签者' },
  },
  menu: { lottery: '摇号' },
};

export const en: typeof zh = {
  lottery: {
    title: 'Lotteries', newRound: 'New lottery round', name: 'Round name', description: 'Description', region: 'Region', offerings: 'Classes in the draw',
    offeringsPlaceholder: 'Search classes that enrol by lottery', opensAt: 'Applications open', closesAt: 'Applications close', window: 'Application window', maxChoices: 'Choices per applicant',
    quota: 'Seats per applicant', quotaHint: 'Empty: the term\'s per-resident limit (1 when none)', autoDraw: 'Draw automatically after the close', phase: 'Status', applications: 'Applicants',
    seats: 'Seats', capacity: 'Capacity', applicants: 'Applied', firstChoice: 'First choice', demandRatio: 'Applied / seats', publish: 'Publish (make the seed)',
    publishConfirm: 'Publishing draws a random seed and shows its hash; the window and classes can no longer change. Publish?', published: 'Published',
    draw: 'Draw', drawConfirm: 'The draw reveals the seed, allocates seats from the published list and enrols the winners. It cannot be undone. Draw now?', drawn: 'Drawn',
    drawResult: '{applicants} applicants, {winners} drawn, {seatsWon} seats allocated', seedHash: 'Seed hash (SHA-256)', seed: 'Revealed seed',
    listDigest: 'Published list digest', publicPage: 'Public verification page', results: 'Results', position: 'Order', applicant: 'Name', token: 'Public token',
    outcome: 'Outcome', choiceRank: 'Choice', notDrawn: 'Not drawn', enrolled: 'Enrolled', exportResults: 'Export results (Excel)', onlyWinners: 'Winners only',
    correct: 'Correct (before applications open)', cancelRound: 'Cancel round', cancelReason: 'Reason for cancelling', cancelReasonRequired: 'Give a reason (at least 2 characters)',
    cancelPrompt: 'This cannot be undone. Every resident who applied gets a message and an SMS with the reason below.', cancelledTold: 'Round cancelled; 1 applicant has been told. | Round cancelled; {n} applicants have been told.',
    edit: 'Edit', back: 'Back to lotteries', notice: 'A lottery round puts classes that enrol by lottery under one application window. Publishing makes a secret seed and shows its hash; at the close the anonymised list is published; the draw reveals the seed, so anyone can re-run and check it.',
    phases: { draft: 'Draft', upcoming: 'Not yet open', open: 'Open', closed: 'Closed, to be drawn', drawn: 'Drawn', cancelled: 'Cancelled' },
    jobPhases: { drawing: 'Ordering applicants', admitting: 'Enrolling winners', notifying: 'Notifying the others' },
  },
  menu: { lottery: 'Lotteries' },
};
