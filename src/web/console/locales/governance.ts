// Console strings for the leading group, member units, tasks, supervision and the annual assessment.
export const zh = {
  gov: {
    title: '领导小组与任务', units: '成员单位', group: '领导小组', tasks: '年度任务', visits: '督导', loadTemplate: '从模板导入成员单位', saveTemplate: '保存为本区模板', templateHint: '选择一个模板：导入其中的成员单位和职责分工（已有同名单位保留不变），导入后可逐一修改。', templateSource: '出处：{source}', templateSaved2: '{region}保存的模板', templateUnits: '{n} 个成员单位', loadThis: '导入所选模板', saveHint: '把本区现有的成员单位和职责分工保存为模板，以后可再次导入。', templateName: '模板名称', templateSaved: '已保存为模板（{n} 个成员单位）',
    templateDone: '已导入 {created} 个成员单位（已有 {skipped} 个保留不变）', unitName: '单位名称', kind: '类别', duties: '职责分工', source: '出处',
    reporters: '填报员', name: '姓名', position: '职务', groupRole: '小组职务', unit: '成员单位', addMember: '添加成员', newTask: '新建任务', year: '年度',
    taskTitle: '任务', owner: '责任单位', dueOn: '完成期限', target: '目标', targetValue: '目标值', targetUnit: '单位', status: '状态', overdueOnly: '只看逾期',
    overdue: '逾期', open: '进行中', done: '已办结', reports: '进度', lastReport: '最近报送', report: '报送进度', reportTitle: '报送进度：{title}', reportText: '进展情况',
    achieved: '完成数', complete: '办结', closingNote: '办结说明', rectification: '整改', annual: '年度任务', newVisit: '记录督导', visitedOn: '督导日期', subject: '督导对象',
    findings: '督导发现', rectifications: '整改任务', openRect: '未整改 {n} 项', addRect: '添加整改任务', reported: '已报送', closed: '已办结', detail: '详情',
  },
  unitKinds: { party: '党委部门', government: '政府部门', mass_org: '群团组织', streets: '街道', other: '其他' },
  groupRoles: { leader: '组长', deputy: '副组长', member: '成员', secretariat: '秘书处' },
  assess: {
    title: '年度考核', newPlan: '新建考核方案', plan: '考核方案', subjectKind: '考核对象', unit: '成员单位', street: '街道', criteria: '考核指标', criterionName: '指标',
    weight: '权重', source: '来源', indicatorKey: '监测指标', results: '考核结果', rank: '名次', subject: '对象', total: '总分', missing: '缺 {n} 项', score: '评分',
    scoreTitle: '评分：{subject} · {criterion}', inputValue: '指标数值', evidence: '依据', evidencePlaceholder: '如：督导组现场检查记录、统计表出处', publish: '发布结果',
    publishConfirm: '发布后评分不能再修改，确定发布？', published: '已发布', draft: '未发布', computed: '按任务进度自动计算', fromMonitoring: '取自监测指标', noTasksDue: '无到期任务，不计分', noIndicatorValue: '监测暂无该指标数值，不计分', noScore: '无数据', trace: '评分依据', scoredAt: '评分时间',
    addCriterion: '添加指标', monitoringNote: '“指标数据”类指标按考核对象所在区域的监测指标自动计分：百分比按数值计分，其他单位按达到所适用标准的比例计分；没有数据则不计分，其权重由其他指标分担。', view: '查看结果', export: '导出 Excel',
  },
  criterionSources: { reviewer: '评审打分', indicator: '指标数据', on_time_reporting: '按时报送率' },
  menu: { governance: '领导小组与任务', assessment: '年度考核' },
};

export const en: typeof zh = {
  gov: {
    title: 'Leading group & tasks', units: 'Member units', group: 'Leading group', tasks: 'Annual tasks', visits: 'Supervision', loadTemplate: 'Load member units from a template', saveTemplate: 'Save as this district’s template', templateHint: 'Choose a template: its member units and duties are loaded (units with the same name are kept as they are); edit them afterwards.', templateSource: 'Source: {source}', templateSaved2: 'Saved by {region}', templateUnits: '{n} member units', loadThis: 'Load this template', saveHint: 'Save the district’s current member units and duties as a template to load again later.', templateName: 'Template name', templateSaved: 'Saved as a template ({n} member units)',
    templateDone: '{created} member units loaded ({skipped} already present kept)', unitName: 'Unit', kind: 'Kind', duties: 'Duties', source: 'Source',
    reporters: 'Reporters', name: 'Name', position: 'Position', groupRole: 'Role in the group', unit: 'Member unit', addMember: 'Add member', newTask: 'New task', year: 'Year',
    taskTitle: 'Task', owner: 'Owner unit', dueOn: 'Due', target: 'Target', targetValue: 'Target value', targetUnit: 'Unit', status: 'Status', overdueOnly: 'Overdue only',
    overdue: 'Overdue', open: 'Open', done: 'Done', reports: 'Progress', lastReport: 'Last report', report: 'Report progress', reportTitle: 'Report progress: {title}', reportText: 'Progress',
    achieved: 'Achieved', complete: 'Close', closingNote: 'Closing note', rectification: 'Rectification', annual: 'Annual task', newVisit: 'Record a visit', visitedOn: 'Date', subject: 'Visited',
    findings: 'Findings', rectifications: 'Rectifications', openRect: '{n} open', addRect: 'Add rectification', reported: 'Reported', closed: 'Closed', detail: 'Details',
  },
  unitKinds: { party: 'Party department', government: 'Government department', mass_org: 'Mass organisation', streets: 'Streets', other: 'Other' },
  groupRoles: { leader: 'Head', deputy: 'Deputy head', member: 'Member', secretariat: 'Secretariat' },
  assess: {
    title: 'Annual assessment', newPlan: 'New assessment plan', plan: 'Plan', subjectKind: 'Assessed', unit: 'Member units', street: 'Streets', criteria: 'Criteria', criterionName: 'Criterion',
    weight: 'Weight', source: 'Source', indicatorKey: 'Monitoring indicator', results: 'Results', rank: 'Rank', subject: 'Subject', total: 'Total', missing: '{n} missing', score: 'Score',
    scoreTitle: 'Score: {subject} · {criterion}', inputValue: 'Indicator value', evidence: 'Evidence', evidencePlaceholder: 'e.g. inspection record, statistics table reference', publish: 'Publish results',
    publishConfirm: 'Scores cannot change after publication. Publish?', published: 'Published', draft: 'Draft', computed: 'Computed from task progress', fromMonitoring: 'From the monitoring indicator', noTasksDue: 'No task due: not scored', noIndicatorValue: 'Monitoring holds no value: not scored', noScore: 'No data', trace: 'Evidence', scoredAt: 'Scored at',
    addCriterion: 'Add criterion', monitoringNote: 'Indicator criteria are scored from the monitoring indicators of the subject’s region: a percentage by its value, another unit by its share of the applicable standard. With no value there is no score, and the criterion’s weight goes to the others.', view: 'Results', export: 'Export to Excel',
  },
  criterionSources: { reviewer: 'Reviewer score', indicator: 'Indicator', on_time_reporting: 'On-time reporting' },
  menu: { governance: 'Leading group & tasks', assessment: 'Annual assessment' },
};
