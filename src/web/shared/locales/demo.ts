// The demo-data banner's strings, shared by the portal and the console.
export const demoMessages = {
  'zh-CN': {
    demo: {
      label: '演示数据',
      text: '本平台当前运行的是演示城区：机构、居民、课程和统计数字均为虚构，仅供体验，不代表真实情况。',
      year: '已生成 {year} 年的模拟学习活动。',
      short: '机构、居民和数字均为虚构',
    },
  },
  en: {
    demo: {
      label: 'Demo data',
      text: 'This platform runs a demo district: its institutions, residents, classes and figures are made up for trying it out and describe no real place.',
      year: 'A simulated year of learning activity ({year}) has been generated.',
      short: 'Everything shown is made up',
    },
  },
};
