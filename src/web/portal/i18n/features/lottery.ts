// Portal strings for lotteries (摇号): applying with ranked choices, my result, and checking the draw.
export const zh = {
  lottery: {
    nav: '摇号报名', title: '摇号报名', intro: '报名人数多于名额的班级用公开摇号分配。在报名时间内按意愿顺序填写志愿，截止后统一摇号，任何人都可以核验结果。',
    none: '目前没有摇号报名。', window: '报名时间', seats: '名额', applicants: '已报名', choicesAllowed: '最多填 {n} 个志愿',
    cardWhen: '时间', cardWhere: '地点', cardFrom: '{date} 开课', cancelledNotice: '本批次已取消。原因：{reason}',
    phases: { upcoming: '未开始', open: '报名中', closed: '已截止，等待摇号', drawn: '已摇号', cancelled: '已取消' },
    apply: '填写志愿', choice: '第 {n} 志愿', choiceNone: '（不填）', choiceHint: '按想去的顺序选择：第 1 志愿最想去。', submit: '提交报名', update: '保存修改',
    submitting: '正在提交…', submitted: '报名已提交。截止前可以修改或撤回。', withdraw: '撤回报名', withdrawn: '报名已撤回。', withdrawConfirm: '确定撤回这次摇号报名吗？',
    mine: '我的报名', myChoices: '我的志愿', myToken: '我的公示代号', myTokenHint: '截止后公示的匿名名单里，用这个代号找到自己。', statusWithdrawn: '已撤回',
    result: '摇号结果', won: '中签：{title}（第 {rank} 志愿）', lost: '很遗憾，未中签。您已按抽签顺位进入所报课程的候补名单，有名额空出时会通知您确认，可在“我的报名”中查看。', position: '抽签顺位：第 {n} 位', enrolledNote: '已为您报名，可在“我的”中查看。',
    loginToApply: '登录后可以报名', toLogin: '去登录', pickOne: '请至少选择一个志愿',
    verifyLink: '查看摇号公示与核验', back: '返回摇号列表', seedHash: '种子哈希（报名开始前公布）',
    verifyTitle: '摇号公示与核验', verifyIntro: '报名开始前公布保密种子的哈希；截止后公布匿名报名名单及其摘要；摇号时公开种子。点击“核验”，本页在您的浏览器里用同一算法重新摇号并与公布结果比较。',
    seed: '公开的种子', seedNotYet: '摇号时公开', listDigest: '名单摘要（SHA-256）', listNotYet: '截止后公布', download: '下载公示数据（JSON）',
    applications: '匿名报名名单：{n} 人', resultsTitle: '中签结果', resultsNotYet: '尚未摇号。', token: '代号', offering: '班级', verify: '核验',
    verifying: '正在重新计算…', checkSeed: '种子的 SHA-256 等于事先公布的哈希', checkList: '名单与公布的摘要一致', checkResults: '重新摇号的结果与公布结果一致',
    matches: '核验通过：重新摇号的结果与公布结果完全一致。', mismatch: '核验未通过：与公布的数据不一致。', cli: '也可以下载公示数据，按下面公布的算法用任何编程语言自行核验。',
    showing: '显示前 {n} 条', algorithm: '算法：按 HMAC-SHA256（种子，代号）排出顺序，依次给每人分配仍有名额的最靠前志愿；每人可中多个时，先人人一个，再轮第二个。',
  },
};

export const en: typeof zh = {
  lottery: {
    nav: 'Lotteries', title: 'Lotteries', intro: 'Classes with more applicants than seats are allocated by a public lottery. Rank your choices while applications are open; after the close everyone is drawn at once, and anyone can check the result.',
    none: 'No lotteries at the moment.', window: 'Applications', seats: 'Seats', applicants: 'Applied', choicesAllowed: 'Up to 1 choice | Up to {n} choices',
    cardWhen: 'When', cardWhere: 'Where', cardFrom: 'Starts {date}', cancelledNotice: 'This round has been cancelled. Reason: {reason}',
    phases: { upcoming: 'Not yet open', open: 'Open', closed: 'Closed, to be drawn', drawn: 'Drawn', cancelled: 'Cancelled' },
    apply: 'Your choices', choice: 'Choice {n}', choiceNone: '(none)', choiceHint: 'Rank in order of preference: choice 1 is the one you want most.', submit: 'Apply', update: 'Save changes',
    submitting: 'Sending…', submitted: 'Application received. You may change or withdraw it until the close.', withdraw: 'Withdraw', withdrawn: 'Application withdrawn.', withdrawConfirm: 'Withdraw this lottery application?',
    mine: 'My application', myChoices: 'My choices', myToken: 'My public token', myTokenHint: 'Find yourself in the anonymised list published at the close with this token.', statusWithdrawn: 'Withdrawn',
    result: 'Result', won: 'Drawn: {title} (choice {rank})', lost: 'We are sorry: not drawn. You are on the waitlist of the classes you chose, in draw order; if a seat frees we will ask you to confirm it. See "My enrolments".', position: 'Place in the draw: {n}', enrolledNote: 'You are enrolled; see it under "Me".',
    loginToApply: 'Sign in to apply', toLogin: 'Sign in', pickOne: 'Choose at least one class',
    verifyLink: 'Published data and verification', back: 'Back to lotteries', seedHash: 'Seed hash (published before the opening)',
    verifyTitle: 'Lottery publication and verification', verifyIntro: 'The hash of the secret seed is published before applications open; the anonymised list and its digest at the close; the seed at the draw. Press "Verify" and this page re-runs the draw in your browser with the same algorithm and compares.',
    seed: 'Revealed seed', seedNotYet: 'Revealed at the draw', listDigest: 'List digest (SHA-256)', listNotYet: 'Published at the close', download: 'Download the published data (JSON)',
    applications: 'Anonymised applications: {n}', resultsTitle: 'Results', resultsNotYet: 'Not drawn yet.', token: 'Token', offering: 'Class', verify: 'Verify',
    verifying: 'Re-running…', checkSeed: 'SHA-256 of the seed equals the hash published beforehand', checkList: 'The list matches its published digest', checkResults: 'The re-run allocation equals the published results',
    matches: 'Verified: the re-run draw gives exactly the published results.', mismatch: 'Verification failed: the published data do not agree.', cli: 'Or download the published data and check it yourself in any programming language, following the algorithm below.',
    showing: 'First {n} shown', algorithm: 'Algorithm: applicants are ordered by HMAC-SHA256(seed, token); each in turn gets their highest-ranked choice that still has a seat; with more than one seat each, everyone gets a first seat before anyone gets a second.',
  },
};
