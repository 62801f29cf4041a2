// The UNESCO Key Features of Learning Cities (KFLC, 2013; 《学习型城市的关键特征》), the framework the Global
// Network of Learning Cities' biennial self-report is written under: three areas of focus for the wider
// benefits (the pediment), six building blocks (the columns) and three fundamental conditions (the steps).
// Each indicator of data/indicators.csv names its feature in `kflc_area` (kept on the definition as `area`);
// what follows adds the titles, the base figures that give a feature its context, and what the feature asks
// for that this platform does not measure, so the report names its gaps instead of passing over them.

export type KflcGroup = 'benefits' | 'blocks' | 'conditions';
export interface KflcFeature {
  key: string;
  group: KflcGroup;
  titleZh: string;
  titleEn: string;
  /** Base figures (area BASE) shown under this feature beside its indicators. */
  base: string[];
  /** What the feature asks for that the platform holds no data on, whatever the year. */
  gapZh: string;
  gapEn: string;
}

export const KFLC_GROUPS: { key: KflcGroup; titleZh: string; titleEn: string; introZh: string; introEn: string }[] = [
  {
    key: 'benefits',
    titleZh: '更广泛的效益',
    titleEn: 'Wider benefits of building a learning city',
    introZh: '关键特征框架的三大关注领域：学习型城市建设为个人、经济与文化、可持续发展带来的效益。',
    introEn:
      "The framework's three areas of focus: what building a learning city brings to people, to the economy and culture, and to sustainable development.",
  },
  {
    key: 'blocks',
    titleZh: '学习型城市的主要支柱',
    titleEn: 'Major building blocks of a learning city',
    introZh: '六大支柱：教育系统、家庭和社区、工作场所、现代学习技术、学习质量与终身学习文化。',
    introEn:
      'The six building blocks: the education system, families and communities, the workplace, modern learning technologies, quality in learning and a culture of learning throughout life.',
  },
  {
    key: 'conditions',
    titleZh: '建设学习型城市的基本条件',
    titleEn: 'Fundamental conditions for building a learning city',
    introZh: '三项基本条件：政治意愿与承诺、各利益相关方的治理与参与、资源的调动与利用。',
    introEn:
      'The three fundamental conditions: political will and commitment, governance and participation of all stakeholders, and the mobilisation and utilisation of resources.',
  },
];

export const KFLC_FEATURES: KflcFeature[] = [
  {
    key: 'B1',
    group: 'benefits',
    titleZh: '个人赋能与社会凝聚',
    titleEn: 'Individual empowerment and social cohesion',
    base: ['PARTICIPANTS', 'LEARNERS', 'LEARNING_HOURS'],
    gapZh: '平台记录居民参与学习的情况，不记录识字与基本技能水平、公民参与、性别平等和弱势群体融入等成效。',
    gapEn:
      'The platform records who takes part in learning, not literacy and basic skills, active citizenship, gender equality or the inclusion of disadvantaged groups.',
  },
  {
    key: 'B2',
    group: 'benefits',
    titleZh: '经济发展与文化繁荣',
    titleEn: 'Economic development and cultural prosperity',
    base: [],
    gapZh: '平台没有就业、收入、创业创新和文化场馆（图书馆、博物馆等）使用的数据。',
    gapEn: 'The platform holds no data on employment, income, enterprise and innovation, or the use of libraries, museums and other cultural venues.',
  },
  {
    key: 'B3',
    group: 'benefits',
    titleZh: '可持续发展',
    titleEn: 'Sustainable development',
    base: [],
    gapZh: '平台尚无对应本项的指标：可持续发展教育、环境教育和城市资源消耗均不在平台记录之内。',
    gapEn:
      "No platform indicator covers this area: education for sustainable development, environmental education and the city's use of resources are not recorded on the platform.",
  },
  {
    key: 'K1',
    group: 'blocks',
    titleZh: '促进教育系统中的包容性学习',
    titleEn: 'Inclusive learning in the education system',
    base: [],
    gapZh: '学前、基础、职业、高等和成人学历教育的入学与完成情况由教育统计系统掌握，不在本平台。',
    gapEn:
      'Enrolment and completion in early childhood, basic, vocational, higher and adult education are held by the education statistics system, not by this platform.',
  },
  {
    key: 'K2',
    group: 'blocks',
    titleZh: '振兴家庭和社区学习',
    titleEn: 'Revitalised learning in families and communities',
    base: ['ELDERLY_REGULAR', 'MINOR_PARTICIPANTS'],
    gapZh: '家庭学习（亲子、家庭教育）没有单独统计。',
    gapEn: 'Learning in families (parents and children learning together, family education) is not counted separately.',
  },
  {
    key: 'K3',
    group: 'blocks',
    titleZh: '促进为了工作和在工作场所的有效学习',
    titleEn: 'Effective learning for and in the workplace',
    base: [],
    gapZh: '职工培训由企业和人社部门填报，平台本身不记录工作场所中的培训。',
    gapEn: 'Workplace training is reported by enterprises and the human-resources bureau; the platform does not record training at work itself.',
  },
  {
    key: 'K4',
    group: 'blocks',
    titleZh: '扩大现代学习技术的使用',
    titleEn: 'Extended use of modern learning technologies',
    base: ['REGISTERED'],
    gapZh: '全体居民的上网条件和数字素养没有统计，平台只掌握在本平台注册和学习的居民。',
    gapEn: 'Internet access and digital literacy of all residents are not measured; the platform knows only the residents who register and learn on it.',
  },
  {
    key: 'K5',
    group: 'blocks',
    titleZh: '提高学习质量，追求卓越',
    titleEn: 'Enhanced quality and excellence in learning',
    base: [],
    gapZh: '学习成效（经考核的能力提升）和教师资质没有作为指标统计。',
    gapEn: 'Learning outcomes (assessed gains in competence) and the qualifications of instructors are not measured as indicators.',
  },
  {
    key: 'K6',
    group: 'blocks',
    titleZh: '营造充满活力的终身学习文化',
    titleEn: 'A vibrant culture of learning throughout life',
    base: ['PARTICIPATIONS', 'CREDITED'],
    gapZh: '平台之外的学习活动（图书馆、媒体、民间组织举办的活动）不计入。',
    gapEn: 'Learning events outside the platform (held by libraries, the media or civil-society groups) are not counted.',
  },
  {
    key: 'F1',
    group: 'conditions',
    titleZh: '强有力的政治意愿和承诺',
    titleEn: 'Strong political will and commitment',
    base: [],
    gapZh: '终身学习发展规划、领导小组和成员单位职责是政策文件与治理安排，平台的治理模块记录职责与考核，但不形成本项的统计指标。',
    gapEn:
      "The lifelong-learning plan, the leading group and its member units' duties are policy and governance arrangements; the platform's governance module keeps the duties and their assessment, but they give no indicator here.",
  },
  {
    key: 'F2',
    group: 'conditions',
    titleZh: '所有利益相关方的治理与参与',
    titleEn: 'Governance and participation of all stakeholders',
    base: [],
    gapZh: '社会组织、企业和居民参与规划与决策的情况没有统计。',
    gapEn: 'How civil society, enterprises and residents take part in planning and decisions is not measured.',
  },
  {
    key: 'F3',
    group: 'conditions',
    titleZh: '资源的调动与利用',
    titleEn: 'Mobilisation and utilisation of resources',
    base: ['FUNDING', 'FT_STAFF', 'PT_STAFF'],
    gapZh: '社会和企业投入的学习经费、公共文化场馆用于学习的情况没有填报。',
    gapEn: 'Private and philanthropic funding for learning, and the use of public cultural venues for learning, are not reported.',
  },
];
