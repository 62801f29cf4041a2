// The credit standards a new installation starts with, drawn from the seeds' credit-bank clauses:
// Fenghua 2019 (credit bank: recognise, accumulate, convert), Gongshu 2023 (Zhejiang credit bank's Gongshu
// branch, elderly open university learning points), Suzhou 2024 (Jiangsu lifelong-education credit bank,
// linked to employment, hiring and professional registration). Officers change them in the console.
import type { StandardInput } from '../../../contracts/credits';

const FROM = '2020-01-01';
const FENGHUA = '奉化区 2019：学分认证、积累和转换制度';
const GONGSHU = '拱墅区 2023：浙江省学分银行拱墅分部';
const SUZHOU = '苏州市 2024：江苏终身教育学分银行，与就业准入、岗位聘用、职业注册衔接';

export const SEED_STANDARDS: StandardInput[] = [
  { code: 'community_class', category: 'community_class', nameZh: '社区教育课程结业', nameEn: 'Community class completed', method: 'per_hours', hoursPerCredit: 16, validityYears: 5,
    evidence: '平台班级结业记录（自动存入）', autoSourceType: 'class', autoOutcome: 'completed', effectiveFrom: FROM, source: GONGSHU },
  { code: 'elderly_class', category: 'elderly_class', nameZh: '老年教育课程结业', nameEn: 'Elderly class completed', method: 'per_hours', hoursPerCredit: 16, validityYears: 5,
    evidence: '老年大学或老年学校的结业证书、学习证明', effectiveFrom: FROM, source: GONGSHU },
  { code: 'online_course', category: 'online_course', nameZh: '线上课程完成', nameEn: 'Online course completed', method: 'per_hours', hoursPerCredit: 16, validityYears: 5,
    evidence: '平台线上学习完成记录（自动存入），或其他平台的完成证明', autoSourceType: 'online', autoOutcome: 'completed', effectiveFrom: FROM, source: FENGHUA },
  { code: 'lecture_series', category: 'lecture', nameZh: '讲座与系列学习活动', nameEn: 'Lectures and learning series', method: 'per_hours', hoursPerCredit: 16, maxCredits: 2, validityYears: 3,
    evidence: '平台签到记录（自动存入），或主办方出具的参加证明', autoSourceType: 'event', autoOutcome: 'attended', effectiveFrom: FROM, source: FENGHUA },
  { code: 'vocational_certificate', category: 'vocational_certificate', nameZh: '职业技能等级证书', nameEn: 'Vocational skill certificate', method: 'by_level',
    levels: { 五级初级工: 4, 四级中级工: 6, 三级高级工: 8, 二级技师: 10, 一级高级技师: 12 },
    evidence: '职业技能等级证书或职业资格证书照片，可在国家职业资格证书查询平台核验', effectiveFrom: FROM, source: SUZHOU },
  { code: 'skills_competition', category: 'skills_competition', nameZh: '职业技能竞赛获奖', nameEn: 'Skills competition prize', method: 'by_level',
    levels: { 区县级: 2, 市级: 3, 省级: 4, 国家级: 6 }, evidence: '获奖证书照片及主办单位文件', effectiveFrom: FROM, source: SUZHOU },
  { code: 'learning_award', category: 'award', nameZh: '学习类表彰（如百姓学习之星）', nameEn: 'Learning award (e.g. learning star)', method: 'by_level',
    levels: { 区县级: 1, 市级: 2, 省级: 3, 国家级: 4 }, evidence: '表彰文件或证书照片', effectiveFrom: FROM, source: FENGHUA },
  { code: 'degree_course', category: 'degree_course', nameZh: '学历教育课程', nameEn: 'Degree course passed', method: 'per_hours', hoursPerCredit: 16, validityYears: 10,
    evidence: '学校出具的成绩单（含课程学时和成绩）', effectiveFrom: FROM, source: FENGHUA },
  { code: 'informal_learning', category: 'informal', nameZh: '非正式学习成果', nameEn: 'Informal learning outcome', method: 'fixed', fixedCredits: 0.5, validityYears: 3,
    evidence: '学习成果展示材料（作品、照片）及社区或团队出具的证明', effectiveFrom: FROM, source: FENGHUA },
];
