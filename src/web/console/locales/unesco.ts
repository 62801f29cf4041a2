// Console strings around the UNESCO GNLC biennial self-report (the report's own words come from the server
// in the language chosen for the report).
export const zh = {
  unesco: {
    title: '学习型城市双年度自评报告（联合国教科文组织）',
    link: 'UNESCO 自评报告',
    language: '报告语言',
    zh: '中文',
    en: 'English',
    download: '下载 Word',
    print: '打印',
    year: '年度',
    hint: '报告按联合国教科文组织《学习型城市的关键特征》组织，数字与驾驶舱、年度发展报告来自同一次指标计算。',
  },
};

export const en: typeof zh = {
  unesco: {
    title: 'Learning-city biennial self-report (UNESCO)',
    link: 'UNESCO self-report',
    language: 'Report language',
    zh: '中文',
    en: 'English',
    download: 'Download Word',
    print: 'Print',
    year: 'Year',
    hint: "Structured by UNESCO's Key Features of Learning Cities; its figures come from the same indicator computation as the dashboard and the annual report.",
  },
};
