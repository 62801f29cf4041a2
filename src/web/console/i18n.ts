// The console's own messages (zh-CN first, complete English). The portal keeps its messages elsewhere;
// both apps share the chosen language through shared/locale.ts.
import { createI18n } from 'vue-i18n';
import { currentLocale, saveLocale, type Locale } from '../shared/locale';
import { SHARED_COMMON } from '../shared/i18n';
import { setDateLocaleSource } from '../shared/datetime';

const zh = {
  app: { name: '学城', console: '学城 · 工作台', subtitle: '学习型城市 终身学习服务平台' },
  common: {
    search: '查询', reset: '重置', keyword: '关键词', all: '全部', actions: '操作', edit: '编辑', save: '保存', cancel: '取消',
    create: '新增', confirm: '确定', close: '关闭', loading: '加载中…', retry: '重试', empty: '暂无数据', yes: '是', no: '否',
    status: '状态', region: '区域', regionPlaceholder: '选择区域（街道 / 社区）', notReported: '未填报', total: '共 {n} 条',
    loadFailed: '加载失败', saved: '已保存', created: '已创建', none: '无', from: '开始日期', to: '结束日期', detail: '详情',
    readOnly: '只读', language: '语言', dash: '—', pageSize: '每页条数',
  },
  login: {
    title: '工作人员登录', username: '用户名或手机号', password: '密码', submit: '登录',
    notStaff: '该账号不是工作人员账号，请使用居民端登录。', portalLink: '居民请前往学城门户',
  },
  header: {
    role: '角色', scope: '管辖范围', changePassword: '修改密码', logout: '退出登录', allRegions: '全部区域', userMenu: '用户菜单',
    switchLanguage: '切换语言',
  },
  password: {
    title: '修改密码', current: '当前密码', new: '新密码', confirm: '确认新密码', mismatch: '两次输入的新密码不一致',
    rule: '至少 10 位（可以是一句好记的话），不能是常见密码，也不能包含用户名或手机号', changed: '密码已修改',
  },
  menuGroups: { resources: '资源', teaching: '教学', residentServices: '居民服务', creditBank: '学分银行', monitoring: '监测评估', governance: '治理', system: '系统' },
  menu: { home: '工作台首页', regions: '区域浏览', institutions: '办学机构', coverage: '网络覆盖', staff: '工作人员账号', audit: '审计日志', residents: '居民' },
  roles: {
    system_admin: '系统管理员', region_admin: '区域管理员', institution_staff: '机构工作人员', member_unit_reporter: '成员单位填报员',
    credit_bank_officer: '学分银行专员', leader: '领导', instructor: '师资',
  },
  levels: { province: '省', city: '市', district: '区 / 县', street: '街道 / 乡镇', community: '社区 / 村' },
  kinds: { street: '街道', township: '乡镇', community: '社区', village: '村' },
  regions: {
    title: '区域浏览', tree: '行政区划', selectHint: '请在左侧选择一个区域', name: '名称', code: '区划代码', level: '层级', kind: '类型',
    path: '所属', population: '常住人口', total: '总人口', age60plus: '60 岁及以上', yearSource: '年份 / 来源',
    streets: '下辖街道 / 乡镇', communities: '下辖社区 / 村', institutions: '办学机构数', children: '直接下级数', people: '{n} 人',
    viewInstitutions: '查看该区域的办学机构', viewCoverage: '查看网络覆盖', treeLabel: '行政区划树', loadMore: '加载更多（已显示 {shown} / {total}）',
  },
  inst: {
    title: '办学机构', name: '机构名称', type: '类型', region: '所在区域', address: '地址', floorArea: '面积（㎡）',
    fullTimeStaff: '专职人员', partTimeStaff: '兼职人员', contactName: '联系人', contactPhone: '联系电话', openingHours: '开放时间',
    status: '状态', updatedAt: '更新时间', createTitle: '新增办学机构', editTitle: '编辑办学机构', deactivate: '停用',
    reactivate: '启用', deactivateConfirm: '确定停用“{name}”？停用后不再对居民展示，历史记录保留。',
    reactivateConfirm: '确定重新启用“{name}”？', deactivated: '已停用', reactivated: '已启用',
    stale: '该机构已被他人修改，您的修改未保存。请重新加载最新内容，再修改并保存。', reload: '重新加载最新内容', staleList: '该机构已被他人修改，列表已刷新，请确认后重试。',
    template: '下载导入模板', import: 'Excel 导入', export: '导出 Excel', typeRequired: '请选择类型',
    searchPlaceholder: '名称、地址、联系人',
  },
  instTypes: {
    community_college: '社区学院', street_branch: '街道分院 / 社区教育中心', community_school: '社区学校', learning_point: '学习点 / 教学点',
    elderly_university: '老年大学', elderly_school: '老年学校', other_provider: '其他办学单位',
  },
  instStatus: { active: '启用', inactive: '停用' },
  importDlg: {
    title: 'Excel 导入办学机构', hint: '请先下载模板，按模板填写后上传。导入为全部成功或全部不导入：只要有一行出错，就不会导入任何数据。',
    choose: '选择 Excel 文件', upload: '开始导入', uploading: '正在导入…', file: '文件', noFile: '未选择文件',
    failed: '导入失败：共有 {n} 处错误，未导入任何数据。请修改后重新上传。', success: '导入成功，新增 {n} 个机构。',
    row: '行号', field: '字段', message: '错误说明',
  },
  coverage: {
    title: '网络覆盖', region: '统计区域', streets: '街道 / 乡镇', withSchool: '有社区学校', withoutSchool: '无社区学校',
    communities: '社区 / 村', withPoint: '有学习点', withoutPoint: '无学习点', withElderly: '有老年学习点', withoutElderly: '无老年学习点',
    gapsSchool: '尚无社区学校的街道', gapsPoint: '尚无学习点的社区', gapsElderly: '尚无老年学习点的社区', street: '所属街道',
    noGaps: '全部覆盖', rate: '覆盖率 {rate}%',
  },
  staff: {
    title: '工作人员账号', username: '用户名', displayName: '姓名', phone: '手机号', role: '角色', scopes: '管辖范围',
    status: '状态', lastLogin: '最近登录', locked: '登录受限', createTitle: '新增账号', editTitle: '编辑账号',
    password: '初始密码', resetPassword: '重置密码', resetTitle: '重置“{name}”的密码', newPassword: '新密码',
    resetDone: '密码已重置，登录限制已解除', regionCodes: '管辖区域', institutionIds: '所属机构',
    institutionPlaceholder: '搜索机构名称', searchPlaceholder: '用户名、姓名',
  },
  staffStatus: { active: '正常', disabled: '已停用' },
  audit: {
    title: '审计日志', at: '时间', actor: '操作人', action: '操作', entityType: '对象类型', entityId: '对象编号', region: '区域',
    ip: 'IP 地址', details: '详情', actorPlaceholder: '操作人用户名', actionPlaceholder: '按操作筛选（操作代码）', entityPlaceholder: '按对象类型筛选（类型代码）',
    dateRange: '日期范围', exportCsv: '导出 CSV', exportXlsx: '导出 Excel', pickRange: '请先选择日期范围（一次最多 366 天）',
  },
  residents: {
    title: '居民', realName: '姓名', phone: '手机号', idNumber: '身份证号', birthYear: '出生年份', sex: '性别', age: '年龄',
    homeRegion: '居住社区', showFull: '显示完整号码', hide: '隐藏', auditedNote: '查看完整身份证号会记入审计日志。',
    searchPlaceholder: '姓名、手机号',
  },
  sex: { male: '男', female: '女' },
  errors: { network: '无法连接服务器，请检查网络后重试。', forbidden: '您没有权限访问此页面。', notFound: '页面不存在' },
};

type Messages = typeof zh;

const en: Messages = {
  app: { name: 'learncity', console: 'learncity · Console', subtitle: 'Lifelong learning platform of the learning city' },
  common: {
    search: 'Search', reset: 'Reset', keyword: 'Keyword', all: 'All', actions: 'Actions', edit: 'Edit', save: 'Save', cancel: 'Cancel',
    create: 'New', confirm: 'OK', close: 'Close', loading: 'Loading…', retry: 'Retry', empty: 'No data', yes: 'Yes', no: 'No',
    status: 'Status', region: 'Region', regionPlaceholder: 'Choose a region (street / community)', notReported: 'Not reported',
    total: '{n} in total', loadFailed: 'Failed to load', saved: 'Saved', created: 'Created', none: 'None', from: 'From', to: 'To',
    detail: 'Details', readOnly: 'Read-only', language: 'Language', dash: '—', pageSize: 'Rows per page',
  },
  login: {
    title: 'Staff sign-in', username: 'Username or phone number', password: 'Password', submit: 'Sign in',
    notStaff: 'This is not a staff account. Residents please sign in on the portal.', portalLink: 'Residents: go to the learncity portal',
  },
  header: {
    role: 'Role', scope: 'Scope', changePassword: 'Change password', logout: 'Sign out', allRegions: 'All regions', userMenu: 'User menu',
    switchLanguage: 'Switch language',
  },
  password: {
    title: 'Change password', current: 'Current password', new: 'New password', confirm: 'Confirm new password',
    mismatch: 'The two new passwords do not match', rule: 'At least 10 characters (a memorable phrase works well); not a common password, and not containing the user name or phone number', changed: 'Password changed',
  },
  menuGroups: { resources: 'Resources', teaching: 'Teaching', residentServices: 'Resident services', creditBank: 'Credit bank', monitoring: 'Monitoring & evaluation', governance: 'Governance', system: 'System' },
  menu: { home: 'Home', regions: 'Regions', institutions: 'Institutions', coverage: 'Coverage', staff: 'Staff accounts', audit: 'Audit log', residents: 'Residents' },
  roles: {
    system_admin: 'System administrator', region_admin: 'Region administrator', institution_staff: 'Institution staff',
    member_unit_reporter: 'Member-unit reporter', credit_bank_officer: 'Credit-bank officer', leader: 'Leader', instructor: 'Instructor',
  },
  levels: { province: 'Province', city: 'City', district: 'District / county', street: 'Street / township', community: 'Community / village' },
  kinds: { street: 'Street', township: 'Township', community: 'Community', village: 'Village' },
  regions: {
    title: 'Regions', tree: 'Administrative divisions', selectHint: 'Select a region on the left', name: 'Name', code: 'Division code',
    level: 'Level', kind: 'Kind', path: 'Part of', population: 'Resident population', total: 'Total', age60plus: 'Aged 60+',
    yearSource: 'Year / source', streets: 'Streets / townships', communities: 'Communities / villages', institutions: 'Institutions',
    children: 'Direct subdivisions', people: '{n} people', viewInstitutions: 'Institutions in this region', viewCoverage: 'Coverage',
    treeLabel: 'Division tree', loadMore: 'Load more ({shown} of {total} shown)',
  },
  inst: {
    title: 'Institutions', name: 'Name', type: 'Type', region: 'Region', address: 'Address', floorArea: 'Floor area (m²)',
    fullTimeStaff: 'Full-time staff', partTimeStaff: 'Part-time staff', contactName: 'Contact person', contactPhone: 'Contact phone',
    openingHours: 'Opening hours', status: 'Status', updatedAt: 'Updated', createTitle: 'New institution', editTitle: 'Edit institution',
    deactivate: 'Deactivate', reactivate: 'Reactivate',
    deactivateConfirm: 'Deactivate “{name}”? It will no longer be shown to residents; its history is kept.',
    reactivateConfirm: 'Reactivate “{name}”?', deactivated: 'Deactivated', reactivated: 'Reactivated',
    stale: 'Someone else has changed this institution; your change was not saved. Load the latest version, then make your change again.', reload: 'Load the latest version', staleList: 'Someone else has changed this institution; the list has been refreshed, please check and try again.',
    template: 'Download import template', import: 'Import from Excel', export: 'Export to Excel',
    typeRequired: 'Please choose a type', searchPlaceholder: 'Name, address, contact',
  },
  instTypes: {
    community_college: 'Community college', street_branch: 'Street branch / community education centre', community_school: 'Community school',
    learning_point: 'Learning point / teaching point', elderly_university: 'Elderly university', elderly_school: 'Elderly school',
    other_provider: 'Other provider',
  },
  instStatus: { active: 'Active', inactive: 'Inactive' },
  importDlg: {
    title: 'Import institutions from Excel',
    hint: 'Download the template first, fill it in and upload it. The import is all or nothing: if any row has an error, nothing is imported.',
    choose: 'Choose an Excel file', upload: 'Import', uploading: 'Importing…', file: 'File', noFile: 'No file chosen',
    failed: 'Import failed: 1 error found, nothing was imported. Please correct the file and upload it again. | Import failed: {n} errors found, nothing was imported. Please correct the file and upload it again.',
    success: 'Import succeeded: 1 institution created. | Import succeeded: {n} institutions created.', row: 'Row', field: 'Field', message: 'Error',
  },
  coverage: {
    title: 'Coverage', region: 'Region', streets: 'Streets / townships', withSchool: 'With a community school',
    withoutSchool: 'Without a community school', communities: 'Communities / villages', withPoint: 'With a learning point',
    withoutPoint: 'Without a learning point', withElderly: 'With an elderly learning point', withoutElderly: 'Without an elderly learning point',
    gapsSchool: 'Streets without a community school', gapsPoint: 'Communities without a learning point',
    gapsElderly: 'Communities without an elderly learning point', street: 'Street', noGaps: 'Fully covered', rate: '{rate}% covered',
  },
  staff: {
    title: 'Staff accounts', username: 'Username', displayName: 'Name', phone: 'Phone', role: 'Role', scopes: 'Scope', status: 'Status',
    lastLogin: 'Last sign-in', locked: 'Sign-in throttled', createTitle: 'New account', editTitle: 'Edit account', password: 'Initial password',
    resetPassword: 'Reset password', resetTitle: 'Reset the password of “{name}”', newPassword: 'New password',
    resetDone: 'Password reset; sign-in limits lifted', regionCodes: 'Regions', institutionIds: 'Institutions',
    institutionPlaceholder: 'Search institutions', searchPlaceholder: 'Username, name',
  },
  staffStatus: { active: 'Active', disabled: 'Disabled' },
  audit: {
    title: 'Audit log', at: 'Time', actor: 'Actor', action: 'Action', entityType: 'Entity type', entityId: 'Entity id', region: 'Region',
    ip: 'IP address', details: 'Details', actorPlaceholder: 'Actor username', actionPlaceholder: 'Filter by action (its code)',
    entityPlaceholder: 'Filter by entity type (its code)', dateRange: 'Date range', exportCsv: 'Export CSV', exportXlsx: 'Export Excel',
    pickRange: 'Choose a date range first (at most 366 days).',
  },
  residents: {
    title: 'Residents', realName: 'Name', phone: 'Phone', idNumber: 'ID number', birthYear: 'Year of birth', sex: 'Sex', age: 'Age',
    homeRegion: 'Home community', showFull: 'Show full number', hide: 'Hide', auditedNote: 'Viewing a full ID number is recorded in the audit log.',
    searchPlaceholder: 'Name, phone',
  },
  sex: { male: 'Male', female: 'Female' },
  errors: { network: 'Cannot reach the server. Check the connection and try again.', forbidden: 'You are not allowed to open this page.', notFound: 'Page not found' },
};

// Each feature keeps its strings in locales/<feature>.ts ({ zh, en }, top-level namespaces).
const features = import.meta.glob<{ zh: Record<string, unknown>; en: Record<string, unknown> }>('./locales/*.ts', { eager: true });
// Merged one level deep, so a feature can add its own `menu.<key>` label beside the others.
function withFeatures(base: Record<string, unknown>, lang: 'zh' | 'en') {
  const out: Record<string, unknown> = { ...base, common: { ...SHARED_COMMON[lang === 'zh' ? 'zh-CN' : 'en'], ...(base.common as object) } };
  for (const f of Object.values(features)) {
    for (const [ns, v] of Object.entries(f[lang])) out[ns] = out[ns] && typeof v === 'object' ? { ...(out[ns] as object), ...(v as object) } : v;
  }
  return out;
}

export const i18n = createI18n({
  legacy: false,
  locale: currentLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': withFeatures(zh, 'zh'), en: withFeatures(en, 'en') } as { 'zh-CN': typeof zh; en: typeof zh },
});
// Dates follow the language; read inside a render, a switch re-renders them.
setDateLocaleSource(() => i18n.global.locale.value as Locale);

export function setLocale(locale: Locale) {
  saveLocale(locale);
  i18n.global.locale.value = locale;
  document.title = i18n.global.t('app.console');
}
