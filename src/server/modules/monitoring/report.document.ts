// The annual community-education development report as a document model: cover, summary, the year's work
// under the headings the policy documents use, comparisons with last year and with each standard, problems
// and priorities (drafted, or as a leader edited them), and an appendix with every region under and the
// data's sources and coverage. Pure: built from one overview (and last year's), so the .docx and the web
// page, which only lay it out, say the same as the dashboard.
import type { Definition } from './indicators.service';
import type { Figure, Overview } from './overview.service';
import { fmt } from './overview.text';
import {
  STATUS,
  draftPriorities,
  draftProblems,
  extraSentences,
  figureSentence,
  judgementSentence,
  nameOf,
  summarySentence,
  underWord,
  unitIn,
  valueText,
  type ReportLocale,
} from './report.text';
import { localTime } from '../../../contracts/local-time';

/** A table of the report; `numeric` says which columns hold numbers (aligned right on paper). */
export interface ReportTable {
  head: string[];
  rows: string[][];
  numeric: boolean[];
  note?: string;
}

const isNumber = (x: string) => /^[−+±-]?[\d,]+(\.\d+)?(\s|%|（|\(|$)/.test(x) || x === '—';
function tableOf(head: string[], rows: string[][], note?: string): ReportTable {
  return {
    head,
    rows,
    numeric: head.map((_, i) => i > 0 && rows.some((r) => r[i] !== '—') && rows.every((r) => isNumber(r[i] ?? ''))),
    ...(note ? { note } : {}),
  };
}
export interface ReportChart {
  key: string;
  title: string;
  unit: string;
  decimals: number;
  items: { name: string; value: number | null }[];
  mark?: number;
  markText?: string;
  missingText: string;
}
export interface ReportChapter {
  key: string;
  heading: string;
  paragraphs: string[];
  table: ReportTable | null;
}
export interface EditableText {
  text: string;
  drafted: string;
  edited: boolean;
  updatedAt: string | null;
}
export interface ReportDocument {
  locale: ReportLocale;
  region: { code: string; name: string };
  year: number;
  title: string;
  issuer: string;
  issuedOn: string;
  dataAsOf: string | null;
  headings: Record<'summary' | 'work' | 'comparison' | 'lastYear' | 'standards' | 'problems' | 'priorities' | 'appendixRegions' | 'appendixSources', string>;
  summary: string[];
  summaryTable: ReportTable;
  chapters: ReportChapter[];
  comparison: { lastYear: string[]; lastYearTable: ReportTable | null; standards: string[]; standardsTable: ReportTable | null };
  problems: EditableText;
  priorities: EditableText;
  appendix: { regions: ReportTable | null; noRegions: string | null; charts: ReportChart[]; sources: ReportTable; missing: string[]; coverage: string[] };
}
export interface SavedTexts {
  problems: string | null;
  priorities: string | null;
  updatedAt: string;
}

/** The year's work, by the headings of the seed policies (Nankai, Gongshu, Zhongmou, Suzhou), and the figures each tells. */
const CHAPTERS: { key: string; zh: string; en: string; codes: string[] }[] = [
  { key: 'network', zh: '健全社区教育网络', en: 'The community-education network', codes: ['I09', 'I10'] },
  { key: 'resources', zh: '整合社区教育资源', en: 'Learning resources', codes: ['I07', 'I32'] },
  {
    key: 'activities',
    zh: '丰富各类学习活动',
    en: 'Learning activities',
    codes: [
      'PARTICIPANTS',
      'I14',
      'PARTICIPATIONS',
      'I15',
      'LEARNERS',
      'LEARNING_RECORDS',
      'LEARNING_HOURS',
      'MINORS',
      'MINOR_PARTICIPANTS',
      'I17',
      'I28',
      'I29',
      'I30',
      'I31',
      'I33',
    ],
  },
  { key: 'elderly', zh: '积极发展老年教育', en: 'Education for older residents', codes: ['POP60', 'ELDERLY_REGULAR', 'I16', 'I11', 'I12', 'I13', 'I26'] },
  { key: 'organisations', zh: '推进学习型组织创建', en: 'Learning organisations', codes: ['I23'] },
  { key: 'creditBank', zh: '推进学分银行建设', en: 'The credit bank', codes: ['CREDITED', 'I34'] },
  { key: 'digital', zh: '加强终身学习数字化建设', en: 'Digital learning', codes: ['REGISTERED', 'I24', 'I25', 'I27'] },
  { key: 'funding', zh: '加大经费保障', en: 'Funding', codes: ['FUNDING', 'I01', 'I02'] },
  { key: 'staffing', zh: '加强队伍建设', en: 'Staffing', codes: ['FT_STAFF', 'I04', 'PT_STAFF', 'I08', 'I05', 'I06'] },
];
export const CHAPTER_KEYS = CHAPTERS.map((c) => c.key);
/** The columns of the appendix's table of regions (a subset of the dashboard's heat table that fits A4). */
const REGION_COLUMNS = ['POP', 'FUNDING', 'I01', 'FT_STAFF', 'PARTICIPANTS', 'I14', 'LEARNERS'];
/** The figures charted region by region (the dashboard's rankings), every region under on each. */
const CHARTED = ['I14', 'LEARNERS', 'FUNDING', 'STREET_SCHOOL_STAFF'];

const ZH_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A date as an official document prints it, in the installation's time zone. */
export function issuedOn(at: Date, locale: ReportLocale): string {
  const [y, m, d] = localTime.date(at).split('-').map(Number);
  return locale === 'en' ? `${d} ${EN_MONTHS[m - 1]} ${y}` : `${y}年${m}月${d}日`;
}

/** Where a figure comes from, in words. */
const QUERY_SOURCES: Record<string, [string, string]> = {
  population: ['区划人口数据（人口普查及街道填报）', 'population figures (census and street returns)'],
  institutions: ['平台登记的社区教育机构及其人员、用房', 'institutions registered on the platform, with their staff and premises'],
  coverage: ['平台登记的社区教育机构', 'institutions registered on the platform'],
  archive: ['居民终身学习档案', "residents' lifelong-learning archive"],
  residents: ['平台居民注册记录', "residents' registrations on the platform"],
  courses: ['课程、报名、考勤与评价记录', 'course, enrolment, attendance and rating records'],
  activities: ['活动报名与签到记录', 'event sign-ups and check-ins'],
  learning: ['在线学习记录（xAPI）', 'online learning records (xAPI)'],
  creditbank: ['学分银行存入与认定记录', 'credit-bank deposits and recognitions'],
  organisations: ['居民学习团队与学习型组织记录', "residents' learning teams and learning organisations"],
  reporting: ['填报任务记录', 'reporting-task records'],
};

function sourceText(def: Definition | undefined, defs: Map<string, Definition>, locale: ReportLocale): string {
  const en = locale === 'en';
  if (!def) return '—';
  const s = def.source;
  if (s.kind === 'computed') {
    const q = QUERY_SOURCES[s.query.split('.')[0]];
    return q ? q[en ? 1 : 0] : s.query;
  }
  if (s.kind === 'reported') return en ? 'returns of the reporting units' : '各单位填报';
  const names = def.inputs.map((c) => {
    const d = defs.get(c);
    return d ? nameOf(d, locale) : c;
  });
  return en ? `calculated from ${names.join(', ')}` : `由${names.join('、')}计算`;
}

/** Why a figure has no value, in the words of the appendix (one sentence per reason, not one per figure). */
function missingReason(f: Figure, def: Definition | undefined): 'untasked' | 'unreported' | 'records' | 'inputs' {
  if (def?.source.kind === 'reported') return f.coverage ? 'unreported' : 'untasked';
  if (def?.source.kind === 'derived') return 'inputs';
  return 'records';
}
/** The same reasons in a table cell. */
const REASONS_SHORT: Record<ReportLocale, Record<ReturnType<typeof missingReason>, string>> = {
  'zh-CN': { untasked: '本年度未采集', unreported: '尚无单位报送', records: '平台尚无记录', inputs: '计算所需数据不全' },
  en: { untasked: 'not collected this year', unreported: 'not yet reported', records: 'no records yet', inputs: 'inputs incomplete' },
};
const REASONS: Record<ReportLocale, Record<ReturnType<typeof missingReason>, string>> = {
  'zh-CN': {
    untasked: '本年度未下发采集这些数据的填报任务',
    unreported: '填报任务已下发，但尚无单位报送并通过审核',
    records: '平台上尚无相应记录',
    inputs: '计算所需的数据不全',
  },
  en: {
    untasked: 'no reporting task collected them this year',
    unreported: 'they were asked for, but no unit has reported them and had the return accepted',
    records: 'the platform holds no records of them yet',
    inputs: 'the figures they are calculated from are incomplete',
  },
};

function change(f: Figure, previous: number | null, locale: ReportLocale): string {
  if (f.value === null || previous === null) return '—';
  const d = f.value - previous;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  const abs = fmt(Math.abs(d), f.decimals);
  if (f.unit === '%') return `${sign}${abs}${locale === 'en' ? ' pp' : ' 个百分点'}`;
  const pct = previous !== 0 ? `（${sign}${fmt(Math.abs(d / previous) * 100, 1)}%）` : '';
  return `${sign}${abs}${locale === 'en' ? pct.replace('（', ' (').replace('）', ')') : pct}`;
}

/** A text as saved (edited when it differs from today's draft) or as drafted. */
const editable = (text: string | null | undefined, drafted: string, saved: SavedTexts | null): EditableText =>
  typeof text === 'string' && text !== drafted
    ? { text, drafted, edited: true, updatedAt: saved!.updatedAt }
    : { text: drafted, drafted, edited: false, updatedAt: null };

/** The headline figures with data; last year's column only when last year has figures. */
function summaryTable(o: Overview, locale: ReportLocale, checksText: (f: Figure) => string): ReportTable {
  const en = locale === 'en';
  const figures = o.headline.filter((f) => f.value !== null);
  const withPrevious = figures.some((f) => f.previous !== null);
  return tableOf(
    [
      en ? 'Indicator' : '指标',
      en ? String(o.year) : `${o.year}年`,
      ...(withPrevious ? [en ? String(o.year - 1) : `${o.year - 1}年`] : []),
      en ? 'Standard' : '对照标准',
    ],
    figures.map((f) => [
      nameOf(f, locale),
      valueText(f, locale),
      ...(withPrevious ? [f.previous === null ? '—' : valueText({ ...f, value: f.previous }, locale)] : []),
      checksText(f),
    ]),
  );
}

export function buildReportDocument(input: {
  overview: Overview;
  previous: Overview | null;
  definitions: Definition[];
  issuer: { nameZh: string; nameEn: string };
  at: Date;
  saved: SavedTexts | null;
  locale: ReportLocale;
}): ReportDocument {
  const { overview: o, previous, locale } = input;
  const en = locale === 'en';
  const defs = new Map(input.definitions.map((d) => [d.code, d]));
  const all = [...o.headline, ...Object.values(o.sections).flat()];
  const byCode = new Map(all.map((f) => [f.code, f]));
  const prevByCode = new Map(previous ? [...previous.headline, ...Object.values(previous.sections).flat()].map((f) => [f.code, f.value]) : []);
  const status = STATUS[locale];
  const under = underWord(o, locale);
  const checksText = (f: Figure) =>
    f.checks
      .filter((c) => c.status !== 'no_data')
      .map((c) => `${c.setName} ${c.thresholdText}${en ? ': ' : '：'}${status[c.status]}`)
      .join(en ? '; ' : '；') || '—';

  const chapters: ReportChapter[] = CHAPTERS.map((c, i) => {
    const figures = c.codes.map((code) => byCode.get(code)).filter((f): f is Figure => !!f);
    const withData = figures.filter((f) => f.value !== null);
    const sentences = [...withData.map((f) => figureSentence(f, locale)!), ...extraSentences(c.key, o, locale)];
    const paragraph = sentences.length
      ? sentences.join(en ? ' ' : '')
      : en
        ? `The platform holds no figures for this part of the work in ${o.year} (see Appendix 2).`
        : `本年度该项工作尚无可统计的数据（见附录二）。`;
    return {
      key: c.key,
      heading: en ? `2.${i + 1} ${c.en}` : `（${ZH_NUM[i]}）${c.zh}`,
      paragraphs: [paragraph],
      table: withData.length
        ? tableOf(
            en ? ['Indicator', 'Value', 'Standard'] : ['指标', '数值', '对照标准'],
            withData.map((f) => [nameOf(f, locale), valueText(f, locale), checksText(f)]),
          )
        : null,
    };
  });
  const reported = [
    ...new Map(
      CHAPTERS.flatMap((c) => c.codes)
        .map((code) => [code, byCode.get(code)])
        .filter((x): x is [string, Figure] => !!x[1]),
    ).values(),
  ];
  const missing = reported.filter((f) => f.value === null);

  // Last year: the same figures as last year's overview computed them.
  const hadLastYear = reported.some((f) => prevByCode.get(f.code) !== null && prevByCode.get(f.code) !== undefined);
  const compared = reported.filter((f) => f.value !== null);
  const rise = compared.filter((f) => (prevByCode.get(f.code) ?? null) !== null && f.value! > prevByCode.get(f.code)!).length;
  const fall = compared.filter((f) => (prevByCode.get(f.code) ?? null) !== null && f.value! < prevByCode.get(f.code)!).length;
  const both = compared.filter((f) => (prevByCode.get(f.code) ?? null) !== null).length;
  const lastYear = hadLastYear
    ? [
        en
          ? `Of the ${both} indicators with figures for both ${o.year - 1} and ${o.year}, ${rise} rose, ${fall} fell and ${both - rise - fall} were unchanged.`
          : `${o.year - 1}年和${o.year}年均有数据的 ${both} 项指标中，${rise} 项上升，${fall} 项下降，${both - rise - fall} 项持平。`,
      ]
    : [
        en
          ? `No figures were computed for ${o.year - 1}, so this report makes no comparison with last year.`
          : `${o.year - 1}年没有计算结果，本报告不作与上年的比较。`,
      ];
  const lastYearTable = hadLastYear
    ? tableOf(
        en ? ['Indicator', String(o.year), String(o.year - 1), 'Change'] : ['指标', `${o.year}年`, `${o.year - 1}年`, '变化'],
        compared.map((f) => {
          const p = prevByCode.get(f.code) ?? null;
          return [nameOf(f, locale), valueText(f, locale), p === null ? '—' : valueText({ ...f, value: p }, locale), change(f, p, locale)];
        }),
        compared.some((f) => (prevByCode.get(f.code) ?? null) === null) ? (en ? '— : no figure for that year.' : '“—”表示该年没有数据。') : undefined,
      )
    : null;

  const judged = o.compliance.flatMap((c) =>
    c.checks
      .filter((k) => k.status !== 'no_data')
      .map((k) => [
        nameOf(c, locale),
        valueText(c, locale),
        k.thresholdText,
        k.setName,
        k.status === 'partial' ? `${status.partial}${en ? ` (${c.coverageText})` : `（${c.coverageText}）`}` : status[k.status],
      ]),
  );
  const standardsTable = judged.length
    ? tableOf(en ? ['Indicator', 'Value', 'Standard', 'Set', 'Result'] : ['指标', '数值', '标准', '标准来源', '结论'], judged)
    : null;
  const standards = o.compliance.length
    ? [judgementSentence(o, locale), ...o.sentences]
    : [en ? `${o.region.name} has not chosen standards to be measured against.` : `${o.region.name}尚未选择对照的标准。`];

  const draftedProblems = draftProblems(o, missing.length, locale);
  const draftedPriorities = draftPriorities(o, missing.length, locale);
  const saved = input.saved;

  // Appendix: every region under, and each charted figure with every region on it.
  const regionCols = REGION_COLUMNS.map((code) => o.heat.columns.find((c) => c.code === code)).filter((c): c is NonNullable<typeof c> => !!c);
  const anyBlank = o.heat.rows.some((r) => regionCols.some((c) => r.figures[c.code]?.value === null));
  const regions = o.heat.rows.length
    ? tableOf(
        [
          en ? 'Region' : under,
          ...regionCols.map((c) =>
            `${nameOf(c, locale)}${unitIn(c.unit, locale) ? `（${unitIn(c.unit, locale)}）` : ''}`.replace(/（(.*)）$/, en ? ' ($1)' : '（$1）'),
          ),
        ],
        [
          ...o.heat.rows.map((r) => [r.name, ...regionCols.map((c) => fmt(r.figures[c.code]?.value ?? null, c.decimals))]),
          [o.region.name, ...regionCols.map((c) => fmt(byCode.get(c.code)?.value ?? null, c.decimals))],
        ],
        anyBlank ? (en ? '— : not reported, or no records on the platform.' : `“—”表示该${under}未报送或平台无相应记录。`) : undefined,
      )
    : null;
  const charts: ReportChart[] = CHARTED.flatMap((code) => {
    const col = o.heat.columns.find((c) => c.code === code);
    // A chart says something when two regions or more have the figure and not all of them are nought; the table above has the rest.
    const values = o.heat.rows.map((r) => r.figures[code]?.value ?? null).filter((v): v is number => v !== null);
    if (!col || values.length < 2 || values.every((v) => v === 0)) return [];
    const items = o.heat.rows
      .map((r) => ({ name: r.name, value: r.figures[code]?.value ?? null }))
      .sort((a, b) => (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) || (b.value ?? 0) - (a.value ?? 0));
    const rule = o.compliance.find((c) => c.code === code)?.checks.find((k) => k.op === '>=');
    return [
      {
        key: code,
        decimals: col.decimals,
        title: en ? `${col.nameEn} by ${underWord(o, locale, false)}` : `各${under}${col.nameZh}`,
        unit: unitIn(col.unit, locale),
        items: items.map((x) => ({ ...x, value: x.value === null ? null : Number(x.value.toFixed(col.decimals)) })),
        ...(rule ? { mark: rule.threshold, markText: `${rule.setName} ${rule.thresholdText}` } : {}),
        missingText: en ? 'no data' : '无数据',
      },
    ];
  });

  const byReason = new Map<string, Figure[]>();
  for (const f of missing) {
    const r = missingReason(f, defs.get(f.code));
    byReason.set(r, [...(byReason.get(r) ?? []), f]);
  }
  const missingText = [...byReason].map(([reason, fs]) =>
    en
      ? `${fs.length} indicator${fs.length === 1 ? ' has' : 's have'} no figure for ${o.year} because ${REASONS.en[reason as keyof typeof REASONS.en]}: ${fs.map((f) => f.nameEn).join(', ')}.`
      : `以下 ${fs.length} 项指标本年度没有数据，原因是${REASONS['zh-CN'][reason as keyof (typeof REASONS)['zh-CN']]}：${fs.map((f) => f.nameZh).join('、')}。`,
  );
  const byCoverage = new Map<string, Figure[]>();
  for (const f of reported.filter((x) => x.value !== null && x.coverageText)) byCoverage.set(f.coverageText!, [...(byCoverage.get(f.coverageText!) ?? []), f]);
  const coverage = [
    en
      ? "Figures counted from the platform's own records cover every unit registered on it. Figures reported by units are shown with who reported:"
      : '由平台记录统计的指标覆盖平台登记的全部单位；由各单位填报的指标，其报送情况如下：',
    ...[...byCoverage].map(([text, fs]) => `${text}${en ? ': ' : '：'}${fs.map((f) => nameOf(f, locale)).join(en ? ', ' : '、')}${en ? '.' : '。'}`),
  ];
  if (!byCoverage.size)
    coverage.splice(
      0,
      1,
      en
        ? "Every figure of this report is counted from the platform's own records, which cover every unit registered on it."
        : '本报告的指标均由平台记录统计，覆盖平台登记的全部单位。',
    );

  return {
    locale,
    region: { code: o.region.code, name: o.region.name },
    year: o.year,
    title: en ? `${o.region.name} Community Education Development Report ${o.year}` : `${o.region.name}${o.year}年度社区教育发展报告`,
    issuer: en ? input.issuer.nameEn || input.issuer.nameZh : input.issuer.nameZh,
    issuedOn: issuedOn(input.at, locale),
    dataAsOf: o.computedAt ? issuedOn(new Date(o.computedAt), locale) : null,
    headings: en
      ? {
          summary: '1 Summary',
          work: `2 The work of ${o.year}`,
          comparison: '3 Comparisons',
          lastYear: `3.1 Compared with ${o.year - 1}`,
          standards: '3.2 Against the standards',
          problems: '4 Problems found',
          priorities: `5 Priorities for ${o.year + 1}`,
          appendixRegions: `Appendix 1 Figures by ${underWord(o, locale, false)}`,
          appendixSources: 'Appendix 2 Data sources and coverage',
        }
      : {
          summary: '一、总体情况',
          work: `二、${o.year}年主要工作`,
          comparison: '三、与上年和标准的比较',
          lastYear: '（一）与上年比较',
          standards: '（二）对照标准',
          problems: '四、存在的问题',
          priorities: `五、${o.year + 1}年工作重点`,
          appendixRegions: `附录一 各${under}主要数据`,
          appendixSources: '附录二 数据来源与覆盖情况',
        },
    summary: [summarySentence(o, locale), judgementSentence(o, locale)],
    summaryTable: summaryTable(o, locale, checksText),
    chapters,
    comparison: { lastYear, lastYearTable, standards, standardsTable },
    problems: editable(saved?.problems, draftedProblems, saved),
    priorities: editable(saved?.priorities, draftedPriorities, saved),
    appendix: {
      regions,
      charts,
      missing: missingText,
      coverage,
      noRegions: regions
        ? null
        : en
          ? `${o.region.name} has no regions under it; its figures are all in the chapters above.`
          : `${o.region.name}没有下级区域，各项数据均见正文。`,
      sources: tableOf(
        en ? ['Indicator', 'Source', 'Coverage'] : ['指标', '数据来源', '覆盖情况'],
        reported.map((f) => [
          nameOf(f, locale),
          sourceText(defs.get(f.code), defs, locale),
          f.value === null
            ? REASONS_SHORT[locale][missingReason(f, defs.get(f.code))]
            : (f.coverageText ?? (en ? 'all units on the platform' : '平台全部单位')),
        ]),
      ),
    },
  };
}
