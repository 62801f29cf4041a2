// The indicator system shipped with the platform: data/indicators.csv (38 learning-city indicators with
// their national thresholds) plus the base figures they are built from, and the standard sets the five
// seed policies set. Loaded once into the database; from then on staff edit them in the console.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { IndicatorBody, IndicatorInput, StandardSetInput } from '../../../contracts/monitoring';

type Source = IndicatorBody['source'];
const computed = (query: string): Source => ({ kind: 'computed', query });
/** `annual`: how one unit's quarters (halves, months) make its year — money and person-times add up, head counts and rates keep the latest. */
const reported = (aggregate: 'sum' | 'own', annual: 'sum' | 'average' | 'latest'): Source => ({ kind: 'reported', aggregate, annual });
const derived = (formula: string): Source => ({ kind: 'derived', formula });

/** Base figures: populations, staff, funding and participation counts the ratios divide. */
const BASE: [string, string, string, string, Source, number?][] = [
  ['POP', '常住人口', 'Resident population', '人', computed('population.total'), 0],
  ['POP60', '60岁及以上常住人口', 'Residents aged 60+', '人', computed('population.age60plus'), 0],
  ['MINORS', '未成年常住人口', 'Residents under 18', '人', reported('sum', 'latest'), 0],
  ['FUNDING', '社区教育专项经费', 'Community-education funding', '元', reported('sum', 'sum'), 0],
  ['FUNDING_BUDGET', '社区教育经费年初预算', 'Community-education budget', '元', reported('sum', 'latest'), 0],
  ['FT_STAFF', '社区教育专职人员数', 'Full-time community-education staff', '人', computed('institutions.full_time_staff'), 0],
  ['PT_STAFF', '兼职教师与志愿者数', 'Part-time instructors and volunteers', '人', computed('institutions.part_time_staff'), 0],
  ['STREET_SCHOOL_STAFF', '街道社区学校专职人员数', 'Full-time staff of the street school', '人', computed('institutions.street_school_staff'), 0],
  ['STREET_SCHOOL_AREA', '街道社区学校用房面积', 'Floor area of the street school', 'm²', computed('institutions.street_school_floor_area'), 0],
  ['POINT_STAFF', '社区教学点人员数', 'Staff of the community teaching point', '人', computed('institutions.learning_point_staff'), 0],
  ['PARTICIPANTS', '年内参与学习的居民（去重）', 'Residents who took part in the year', '人', reported('sum', 'latest'), 0],
  ['PARTICIPATIONS', '参与人次', 'Participations', '人次', reported('sum', 'sum'), 0],
  ['ELDERLY_REGULAR', '经常性参与学习的60岁以上居民', 'Residents 60+ in regular learning', '人', reported('sum', 'latest'), 0],
  ['MINOR_PARTICIPANTS', '参与学习的未成年人', 'Minors who took part', '人', reported('sum', 'latest'), 0],
  ['LEARNERS', '学习档案中的学习者（去重）', 'Learners in the learning archive', '人', computed('archive.learners'), 0],
  ['LEARNING_RECORDS', '学习档案记录数', 'Learning records', '条', computed('archive.records'), 0],
  ['LEARNING_HOURS', '学习档案学时', 'Learning hours recorded', '学时', computed('archive.hours'), 1],
  ['REGISTERED', '平台注册居民数', 'Residents registered on the platform', '人', computed('residents.registered'), 0],
  ['CREDITED', '年内获得学分认定的居民数', 'Residents credited in the year', '人', computed('creditbank.depositors'), 0],
];

/** How each row of data/indicators.csv is obtained on this platform. */
const HOW: Record<string, { source: Source; en: string; decimals?: number }> = {
  I01: { source: derived('FUNDING / POP'), en: 'Community-education funding per resident' },
  I02: { source: derived('FUNDING / FUNDING_BUDGET * 100'), en: 'Funding execution rate', decimals: 1 },
  I03: { source: reported('own', 'average'), en: 'Enterprise training funds as share of payroll', decimals: 1 },
  I04: { source: derived('FT_STAFF / POP * 10000'), en: 'Full-time staff per 10,000 residents' },
  I05: { source: computed('institutions.street_school_staff_rate'), en: 'Street schools meeting the staffing standard', decimals: 1 },
  I06: { source: computed('institutions.teaching_point_staffed_rate'), en: 'Teaching points with staff', decimals: 1 },
  I07: { source: computed('institutions.street_school_area_rate'), en: 'Street schools meeting the floor-area standard', decimals: 1 },
  I08: { source: derived('PT_STAFF / POP * 10000'), en: 'Part-time instructors and volunteers per 10,000 residents' },
  I09: { source: computed('coverage.street_school_rate'), en: 'Streets with a community school', decimals: 1 },
  I10: { source: computed('coverage.community_point_rate'), en: 'Communities with a teaching point', decimals: 1 },
  I11: { source: computed('coverage.street_elderly_school_rate'), en: 'Streets with an elderly school', decimals: 1 },
  I12: { source: computed('coverage.community_elderly_point_rate'), en: 'Communities with an elderly learning point', decimals: 1 },
  I13: { source: computed('institutions.elderly_university_count'), en: 'County-level elderly universities', decimals: 0 },
  I14: { source: derived('PARTICIPANTS / POP * 100'), en: 'Yearly participation rate', decimals: 1 },
  I15: { source: derived('PARTICIPATIONS / POP'), en: 'Participations per resident' },
  I16: { source: derived('ELDERLY_REGULAR / POP60 * 100'), en: 'Regular participation of residents 60+', decimals: 1 },
  I17: { source: derived('MINOR_PARTICIPANTS / MINORS * 100'), en: 'Participation of minors', decimals: 1 },
  I18: { source: reported('own', 'latest'), en: 'Training rate of registered unemployed', decimals: 1 },
  I19: { source: reported('own', 'latest'), en: 'Training rate of migrant workers', decimals: 1 },
  I20: { source: reported('own', 'latest'), en: 'Practical-skills training rate of farmers', decimals: 1 },
  I21: { source: reported('own', 'latest'), en: 'Transfer training rate of rural labour', decimals: 1 },
  I22: { source: reported('own', 'latest'), en: 'Yearly training participation of employees', decimals: 1 },
  I23: { source: computed('organisations.count'), en: 'Learning organisations', decimals: 0 },
  I24: { source: derived('REGISTERED / POP * 100'), en: 'Platform registration rate', decimals: 1 },
  I25: { source: computed('learning.online_minutes_per_learner'), en: 'Online learning minutes per active learner', decimals: 0 },
  I26: { source: computed('courses.elderly_smart_tech_rate'), en: 'Smart-technology training coverage of residents 60+', decimals: 1 },
  I27: { source: computed('courses.digital_count'), en: 'Digital courses', decimals: 0 },
  I28: { source: computed('courses.satisfaction_rate'), en: 'Learner satisfaction', decimals: 1 },
  I29: { source: computed('courses.attendance_rate'), en: 'Attendance rate', decimals: 1 },
  I30: { source: computed('courses.completion_rate'), en: 'Completion rate', decimals: 1 },
  I31: { source: computed('courses.fill_rate'), en: 'Class fill rate', decimals: 1 },
  I32: { source: computed('courses.category_coverage'), en: 'Course category coverage', decimals: 1 },
  I33: { source: computed('activities.learning_week_participations'), en: 'Lifelong learning week participations', decimals: 0 },
  I34: { source: computed('creditbank.recognition_rate'), en: 'Learning outcome recognition rate', decimals: 1 },
  I35: { source: computed('reporting.on_time_rate'), en: 'Monitoring data reported on time', decimals: 1 },
  I36: { source: computed('reporting.completeness_rate'), en: 'Data completeness', decimals: 1 },
  I37: { source: reported('own', 'latest'), en: 'Learning-city building coverage (province/national view)', decimals: 1 },
  I38: { source: reported('sum', 'sum'), en: 'Joint meetings of member units', decimals: 0 },
};

const AREA = /^([FKB]\d)/;

/** Parses data/indicators.csv (no quoted commas in it; fields are split on commas). */
function csvIndicators(): { code: string; area: string; nameZh: string; formula: string; unit: string; threshold: string; source: string }[] {
  const file = fileURLToPath(new URL('../../../../data/indicators.csv', import.meta.url));
  const [, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  return lines.map((line) => {
    const [code, area, nameZh, formula, unit, threshold, source] = line.split(',');
    return { code, area: AREA.exec(area)?.[1] ?? 'F2', nameZh, formula, unit, threshold, source };
  });
}

export function catalogueIndicators(): IndicatorInput[] {
  const base: IndicatorInput[] = BASE.map(([code, nameZh, nameEn, unit, source, decimals]) => ({
    code,
    nameZh,
    nameEn,
    unit,
    source,
    area: 'BASE',
    decimals: decimals ?? 2,
    description: '',
    higherIsBetter: true,
  }));
  const rows = csvIndicators().map((r): IndicatorInput => {
    const how = HOW[r.code];
    return {
      code: r.code,
      nameZh: r.nameZh,
      nameEn: how.en,
      area: r.area as IndicatorInput['area'],
      unit: r.unit,
      decimals: how.decimals ?? 2,
      description: `${r.formula}${r.threshold ? `；参考标准：${r.threshold}（${r.source}）` : ''}`,
      source: how.source,
      higherIsBetter: true,
    };
  });
  return [...base, ...rows];
}

const rule = (indicator: string, level: 'district' | 'street' | 'community' | 'city', value: number, note = '', perResidents?: number) => ({
  indicator,
  level,
  op: '>=' as const,
  value,
  note,
  ...(perResidents ? { perResidents } : {}),
});

export const CATALOGUE_STANDARDS: StandardSetInput[] = [
  {
    code: 'national',
    nameZh: '国家标准',
    nameEn: 'National standards',
    source: '教育部社区教育示范区标准（2010）、老年教育发展规划（2016—2020年）',
    rules: [
      rule('I01', 'district', 2, '人均社区教育经费不低于 2 元'),
      rule('I14', 'district', 50, '东部地区年参与率 ≥ 50%'),
      rule('I16', 'district', 20, '老年人经常性学习参与率 ≥ 20%'),
      rule('I17', 'district', 50, '未成年人参与率 ≥ 50%'),
      rule('I11', 'district', 50, '乡镇（街道）老年学校建校率 ≥ 50%'),
      rule('I12', 'district', 30, '村（居）老年学习点覆盖率 ≥ 30%'),
      rule('I13', 'district', 1, '至少 1 所县级老年大学'),
      rule('I18', 'district', 70),
      rule('I19', 'district', 50),
      rule('I20', 'district', 30),
      rule('I21', 'district', 50),
      rule('I09', 'district', 100, '每个街道（乡镇）有社区学校'),
      rule('I35', 'district', 100, '监测数据按期报送'),
    ],
  },
  {
    code: 'zhongmou',
    nameZh: '中牟县标准',
    nameEn: 'Zhongmou standards',
    source: '中牟县社区教育实施意见（2018）',
    rules: [rule('I01', 'district', 2, '按常住人口每人每年不少于 2 元'), rule('I03', 'district', 2, '企业职工教育经费 2%')],
  },
  {
    code: 'fenghua',
    nameZh: '奉化区标准',
    nameEn: 'Fenghua standards',
    source: '奉化区学习型城市建设意见（2019）',
    rules: [rule('I03', 'district', 1.5, '企业按职工工资总额 1.5%—2.5% 提取职工教育经费')],
  },
  {
    code: 'suzhou',
    nameZh: '苏州市标准',
    nameEn: 'Suzhou standards',
    source: '苏州市社区教育意见（2024）',
    rules: [
      rule('I04', 'district', 1.5, '专职人员按每万名常住人口 1.5 名配备'),
      rule('I09', 'district', 100, '每个乡镇（街道）有社区教育中心'),
      rule('I10', 'district', 100, '每个村（社区）有学习点'),
    ],
  },
  {
    code: 'gongshu',
    nameZh: '拱墅区标准',
    nameEn: 'Gongshu standards',
    source: '拱墅区社区教育实施意见（2023）',
    rules: [
      rule('I01', 'district', 4, '按常住人口每人每年不少于 4 元'),
      rule('I04', 'district', 0.5, '专职工作者每万人不少于 0.5 名'),
      rule('STREET_SCHOOL_STAFF', 'street', 3, '街道分院按常住人口 0.01% 配备专职人员，且不少于 3 名', 0.0001),
      rule('POINT_STAFF', 'community', 1, '社区教学点至少 1 名工作人员'),
      rule('STREET_SCHOOL_AREA', 'street', 500, '街道社区学校用房不少于 500 平方米'),
      rule('I05', 'district', 100),
      rule('I06', 'district', 100),
      rule('I07', 'district', 100),
    ],
  },
];

/** The sets a new installation measures itself against, by its root region. */
export function defaultStandardSets(rootCode: string): string[] {
  const own: Record<string, string> = { '330105': 'gongshu', '410122': 'zhongmou', '330213': 'fenghua', '3205': 'suzhou' };
  return ['national', ...(own[rootCode] ? [own[rootCode]] : [])];
}
