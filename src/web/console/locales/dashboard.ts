// Strings of the leaders' dashboard and the printable annual report.
export const zh = {
  board: {
    title: '领导驾驶舱', generate: '生成年度发展报告（Word）', print: '打印版报告', download: '下载 {name}', headline: '核心数据', alerts: '达标预警',
    export: '导出 Excel', gap: '差距', rankings: '排名', heat: '区域热力表', trends: '历年趋势', printNow: '打印',
    reportTitle: '{region}{year}年度社区教育发展报告', overview: '总体情况',
    phase: { figures: '汇总数据', charts: '绘制图表', document: '生成文档', saving: '保存文件', done: '完成' },
    section: { coverage: '网络覆盖', resources: '资源保障', participation: '居民参与', elderly: '老年人参与', minors: '未成年人参与', creditBank: '学分银行', organisations: '学习型组织' },
    none: {
      coverage: '暂无网络覆盖数据。', resources: '暂无经费与队伍数据。', participation: '暂无参与数据。', elderly: '暂无老年人参与数据。',
      minors: '暂无未成年人参与数据：尚未填报未成年人口及其参与人数。', creditBank: '学分银行尚未在本平台运行，暂无数据。', organisations: '学习型组织创建数据尚未接入本平台，暂无数据。',
    },
  },
  menu: { dashboard: '领导驾驶舱', report: '年度发展报告' },
};
export const en = {
  board: {
    title: 'Dashboard', generate: 'Generate the annual report (Word)', print: 'Printable report', download: 'Download {name}', headline: 'Headline figures', alerts: 'Compliance alerts',
    export: 'Export to Excel', gap: 'Short by', rankings: 'Rankings', heat: 'Regions', trends: 'Trends', printNow: 'Print',
    reportTitle: '{region} community education development report {year}', overview: 'Overview',
    phase: { figures: 'Collecting figures', charts: 'Drawing charts', document: 'Writing the document', saving: 'Saving the file', done: 'Done' },
    section: { coverage: 'Network coverage', resources: 'Resources', participation: 'Participation', elderly: 'Residents 60+', minors: 'Minors', creditBank: 'Credit bank', organisations: 'Learning organisations' },
    none: {
      coverage: 'No coverage data yet.', resources: 'No funding or staffing data yet.', participation: 'No participation data yet.', elderly: 'No data on residents 60+ yet.',
      minors: 'No data on minors yet: their population and participation have not been reported.', creditBank: 'The credit bank does not run on this platform yet: no data.', organisations: 'Learning organisations are not recorded on this platform yet: no data.',
    },
  },
  menu: { dashboard: 'Dashboard', report: 'Annual report' },
};
