// Strings of the leaders' dashboard and the printable annual report.
export const zh = {
  board: {
    title: '领导驾驶舱', generate: '生成年度发展报告（Word）', print: '打印版报告', download: '下载 {name}', headline: '核心数据', alerts: '达标预警',
    export: '导出 Excel', gap: '差距', rankings: '排名', heat: '区域热力表', trends: '历年趋势', printNow: '打印',
    reportTitle: '{region}{year}年度社区教育发展报告', overview: '总体情况',
    cockpit: {
      path: '区域层级', up: '返回{name}', drillHint: '点击区域可逐级查看下级', vsLastYear: '较上年', noLastYear: '上年无数据', flat: '持平',
      standard: '标准', noStandard: '无标准', map: '下级区域分布图', mapHint: '面积按常住人口，颜色按所选指标', mapEqual: '尚无人口数据，各区域等面积显示',
      colourBy: '着色指标', noData: '无数据', noChildren: '{name}没有下级区域，以上为本区域的全部数据。', noTrend: '尚无历年数据：某一年的指标计算后，这里显示历年走势。',
      open: '查看{name}', ranking: '按{name}排名', heatHint: '红色为未达标，绿色为达标；点击区域名称查看下级。', legend: '图例', yearAria: '{year} 年：{value}',
      alertsCount: '{n} 项未达标', noAlerts: '所有有标准的指标均已达标或暂无数据。',
    },
    phase: { figures: '汇总数据', charts: '绘制图表', document: '生成文档', saving: '保存文件', done: '完成' },
    section: { coverage: '网络覆盖', resources: '资源保障', participation: '居民参与', elderly: '老年人参与', minors: '未成年人参与', creditBank: '学分银行', organisations: '学习型组织' },
    none: {
      coverage: '暂无网络覆盖数据。', resources: '暂无经费与队伍数据。', participation: '暂无参与数据。', elderly: '暂无老年人参与数据。',
      minors: '暂无未成年人参与数据：尚未填报未成年人口及其参与人数。', creditBank: '学分银行尚未在本平台运行，暂无数据。', organisations: '学习型组织创建数据尚未接入本平台，暂无数据。',
    },
  },
  menu: { dashboard: '领导驾驶舱', report: '年度发展报告' },
};
/** Indicator units are stored in Chinese with the catalogue; the English screens show these instead. */
export const en = {
  board: {
    title: 'Dashboard', generate: 'Generate the annual report (Word)', print: 'Printable report', download: 'Download {name}', headline: 'Headline figures', alerts: 'Compliance alerts',
    export: 'Export to Excel', gap: 'Short by', rankings: 'Rankings', heat: 'Regions', trends: 'Trends', printNow: 'Print',
    reportTitle: '{region} community education development report {year}', overview: 'Overview',
    cockpit: {
      path: 'Region path', up: 'Back to {name}', drillHint: 'Select a region to see the regions under it', vsLastYear: 'vs last year', noLastYear: 'No figure for last year', flat: 'unchanged',
      standard: 'Standard', noStandard: 'No standard', map: 'Map of the regions under', mapHint: 'Area by resident population, colour by the chosen indicator', mapEqual: 'No population figures yet: every region is drawn the same size',
      colourBy: 'Colour by', noData: 'No data', noChildren: '{name} has no regions under it; the figures above are all of its own.', noTrend: 'No history yet: trends appear once a year’s indicators have been computed.',
      open: 'Open {name}', ranking: 'Ranked by {name}', heatHint: 'Red is below the standard, green meets it; select a region to see the regions under it.', legend: 'Legend', yearAria: '{year}: {value}',
      alertsCount: '{n} below the standard', noAlerts: 'Every indicator with a standard meets it or has no data yet.',
    },
    phase: { figures: 'Collecting figures', charts: 'Drawing charts', document: 'Writing the document', saving: 'Saving the file', done: 'Done' },
    section: { coverage: 'Network coverage', resources: 'Resources', participation: 'Participation', elderly: 'Residents 60+', minors: 'Minors', creditBank: 'Credit bank', organisations: 'Learning organisations' },
    none: {
      coverage: 'No coverage data yet.', resources: 'No funding or staffing data yet.', participation: 'No participation data yet.', elderly: 'No data on residents 60+ yet.',
      minors: 'No data on minors yet: their population and participation have not been reported.', creditBank: 'The credit bank does not run on this platform yet: no data.', organisations: 'Learning organisations are not recorded on this platform yet: no data.',
    },
  },
  menu: { dashboard: 'Dashboard', report: 'Annual report' },
};
