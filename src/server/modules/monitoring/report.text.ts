// The report's words, written from the one overview the dashboard also shows: every sentence names a
// figure's value, its coverage and its check exactly as the overview holds them, so the report can never
// say "达标" beside a list of shortfalls, or "no data" beside data. Pure, in Chinese and English; the
// document model (report.document.ts) arranges them, the .docx and the web page only lay them out.
import type { Alert } from './overview.text';
import type { Figure, Overview } from './overview.service';
import { fmt } from './overview.text';
import { unitIn as unitInLanguage } from '../../../contracts/units';

export type ReportLocale = 'zh-CN' | 'en';

export const unitIn = (u: string, locale: ReportLocale) => unitInLanguage(u, locale);
const unitOf = (u: string, locale: ReportLocale) => {
  const x = unitIn(u, locale);
  return x && u !== 'bool' ? (x === '%' ? '%' : ` ${x}`) : '';
};
export const nameOf = (x: { nameZh: string; nameEn: string }, locale: ReportLocale) => (locale === 'en' ? x.nameEn : x.nameZh);
export const valueText = (f: { value: number | null; decimals: number; unit: string }, locale: ReportLocale = 'zh-CN') =>
  f.value === null ? '—' : `${fmt(f.value, f.decimals)}${unitOf(f.unit, locale)}`;

export const STATUS: Record<ReportLocale, Record<string, string>> = {
  'zh-CN': { meets: '达标', below: '未达标', above: '超出上限', no_data: '无数据', partial: '报送不全，暂不判定' },
  en: { meets: 'Meets', below: 'Below', above: 'Above the limit', no_data: 'No data', partial: 'Incomplete reporting, not judged' },
};

/** One figure as a sentence: value, the fraction a rate was counted from, coverage when partial, each check. */
export function figureSentence(f: Figure, locale: ReportLocale = 'zh-CN'): string | null {
  if (f.value === null) return null;
  const en = locale === 'en';
  const counted =
    typeof f.detail?.numerator === 'number' && typeof f.detail?.denominator === 'number' && f.unit === '%'
      ? en
        ? ` (${fmt(f.detail.numerator as number, 0)} of ${fmt(f.detail.denominator as number, 0)})`
        : `（${fmt(f.detail.numerator as number, 0)}/${fmt(f.detail.denominator as number, 0)}）`
      : '';
  const coverage = f.coverage && !f.coverage.complete ? (en ? ` (${f.coverageText}; incomplete)` : `（${f.coverageText}，数据不全）`) : '';
  const checks = f.checks
    .filter((c) => c.status !== 'no_data')
    .map((c) => {
      if (c.status === 'partial') return en ? `not yet judged against ${c.setName} (${c.thresholdText})` : `对照${c.setName}（${c.thresholdText}）暂不判定`;
      if (en) return `${c.status === 'meets' ? 'meeting' : c.status === 'below' ? 'below' : 'above'} ${c.setName} (${c.thresholdText})`;
      return `${c.status === 'meets' ? '达到' : c.status === 'below' ? '低于' : '超出'}${c.setName}（${c.thresholdText}）`;
    });
  if (en) return `${f.nameEn}: ${valueText(f, locale)}${counted}${coverage}${checks.length ? `, ${checks.join(', ')}` : ''}.`;
  return `${f.nameZh}${valueText(f, locale)}${counted}${coverage}${checks.length ? `，${checks.join('，')}` : ''}。`;
}

/** What the regions under are called: 街道 / communities. */
export function underWord(o: Overview, locale: ReportLocale, plural = true) {
  if (locale === 'en')
    return o.childLevel === 'street'
      ? plural
        ? 'streets'
        : 'street'
      : o.childLevel === 'community'
        ? plural
          ? 'communities'
          : 'community'
        : plural
          ? 'regions'
          : 'region';
  return o.childLevel === 'street' ? '街道' : o.childLevel === 'community' ? '社区' : '下级区域';
}

const list = (names: string[], locale: ReportLocale) => names.join(locale === 'en' ? ', ' : '、');
const shortOf = (o: Overview, code: string) => o.alerts.filter((a) => a.indicator === code && a.regionCode !== o.region.code);

/** Sentences a chapter says beyond its figures, each counted from the same overview. */
export function extraSentences(key: string, o: Overview, locale: ReportLocale): string[] {
  const en = locale === 'en';
  const out: string[] = [];
  const figure = (code: string) =>
    Object.values(o.sections)
      .flat()
      .find((f) => f.code === code);
  if (key === 'staffing') {
    const short = shortOf(o, 'STREET_SCHOOL_STAFF');
    if (short.length)
      out.push(
        en
          ? `Street schools short of the staffing standard: ${short.length} (${list(
              short.map((a) => a.regionName),
              locale,
            )}).`
          : `专职人员未达到配备标准的街道社区学校 ${short.length} 所：${list(
              short.map((a) => a.regionName),
              locale,
            )}。`,
      );
    const points = o.alerts.filter((a) => a.indicator === 'POINT_STAFF');
    if (points.length)
      out.push(
        en
          ? `Communities whose teaching point has no staff: ${points.length} (${list(
              points.map((a) => a.regionName),
              locale,
            )}).`
          : `教学点没有工作人员的社区 ${points.length} 个：${list(
              points.map((a) => a.regionName),
              locale,
            )}。`,
      );
  }
  if (key === 'resources') {
    const area = shortOf(o, 'STREET_SCHOOL_AREA');
    if (area.length)
      out.push(
        en
          ? `Street schools short of the floor-area standard: ${area.length} (${list(
              area.map((a) => a.regionName),
              locale,
            )}).`
          : `用房面积未达到标准的街道社区学校 ${area.length} 所：${list(
              area.map((a) => a.regionName),
              locale,
            )}。`,
      );
  }
  if (key === 'creditBank' && figure('CREDITED')?.value === 0) out.push(en ? `No resident was credited in ${o.year}.` : `${o.year}年尚无居民获得学分认定。`);
  if (key === 'organisations' && figure('I23')?.value === 0)
    out.push(en ? `At the end of ${o.year} ${o.region.name} had no active residents' learning team.` : `${o.year}年末${o.region.name}尚无在办的居民学习团队。`);
  if (key === 'activities') {
    const waitlisted = figure('I31')?.detail?.waitlisted;
    if (typeof waitlisted === 'number' && waitlisted > 0)
      out.push(en ? `A further ${fmt(waitlisted, 0)} enrolments were on waiting lists.` : `另有 ${fmt(waitlisted, 0)} 人次在候补名单上。`);
  }
  return out;
}

/** The summary's first paragraph: population, funding and staff as the headline holds them. */
export function summarySentence(o: Overview, locale: ReportLocale = 'zh-CN'): string {
  const en = locale === 'en';
  const parts = ['POP', 'POP60', 'FUNDING', 'I01', 'FT_STAFF', 'I04']
    .map((code) => o.headline.find((f) => f.code === code))
    .filter((f): f is NonNullable<typeof f> => !!f && f.value !== null)
    .map((f) => {
      const partial = f.coverage && !f.coverage.complete ? (en ? ` (${f.coverageText})` : `（${f.coverageText}）`) : '';
      return en ? `${f.nameEn.toLowerCase()} ${valueText(f, locale).trim()}${partial}` : `${f.nameZh} ${valueText(f, locale).trim()}${partial}`;
    });
  if (en)
    return parts.length
      ? `In ${o.year}, ${o.region.name} counted ${parts.join(', ')}, with ${o.childCount} ${underWord(o, locale)} under it.`
      : `${o.region.name} has no figures for ${o.year} yet.`;
  return parts.length
    ? `${o.year}年，${o.region.name}${parts.join('，')}。下辖${underWord(o, locale)} ${o.childCount} 个。`
    : `${o.region.name}${o.year}年尚无可用数据。`;
}

/** How the judged figures stand: how many meet, fall short or are not judged, and how many regions under fall short. */
export function judgementSentence(o: Overview, locale: ReportLocale): string {
  const checks = o.compliance.flatMap((c) => c.checks);
  const count = (s: string) => checks.filter((c) => c.status === s).length;
  const regions = new Set(o.alerts.filter((a) => a.regionCode !== o.region.code).map((a) => a.regionCode)).size;
  // Clauses of nought are left out: "0 rest on incomplete reporting" says nothing.
  if (locale === 'en') {
    const parts = [
      `${count('meets')} checks are met`,
      `${count('below') + count('above')} are not`,
      ...(count('partial') ? [`${count('partial')} rest on incomplete reporting and are not judged`] : []),
      ...(count('no_data') ? [`${count('no_data')} have no data`] : []),
    ];
    return (
      `Against the chosen standards, ${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}.` +
      (o.childCount ? ` ${regions} of ${o.childCount} ${underWord(o, locale)} fall short on at least one standard.` : '')
    );
  }
  const parts = [
    `${count('meets')} 项达标`,
    `${count('below') + count('above')} 项未达标`,
    ...(count('partial') ? [`${count('partial')} 项因报送不全暂不判定`] : []),
    ...(count('no_data') ? [`${count('no_data')} 项无数据`] : []),
  ];
  return `对照所选标准，${parts.join('，')}。` + (o.childCount ? `${o.childCount} 个${underWord(o, locale)}中有 ${regions} 个至少一项未达标。` : '');
}

/** A shortfall with its unit: percentage points for a rate. */
const gap = (a: Alert, locale: ReportLocale) =>
  `${fmt(a.gap, Number.isInteger(Number(a.gap.toFixed(6))) ? 0 : Math.max(a.decimals, 1))}${a.unit === '%' ? (locale === 'en' ? ' percentage points' : ' 个百分点') : unitOf(a.unit, locale)}`;

/** Problems found, drafted from the shortfalls, the incomplete reporting and the missing data; one per line. */
export function draftProblems(o: Overview, missing: number, locale: ReportLocale): string {
  const en = locale === 'en';
  const out: string[] = [];
  for (const a of o.alerts.filter((x) => x.regionCode === o.region.code)) {
    out.push(
      en
        ? `${a.nameEn} is ${fmt(a.value, a.decimals)}${unitOf(a.unit, locale)}, short of ${a.setName} (${a.thresholdText}) by ${gap(a, locale)}.`
        : `${a.nameZh}为 ${fmt(a.value, a.decimals)}${unitOf(a.unit, locale)}，低于${a.setName}（${a.thresholdText}），差 ${gap(a, locale)}。`,
    );
  }
  for (const group of groupChildren(o)) {
    const a0 = group[0];
    out.push(
      en
        ? `${group.length} ${underWord(o, locale, group.length !== 1)} fall short of ${a0.setName} on ${a0.nameEn}: ${list(
            group.map((a) => a.regionName),
            locale,
          )}.`
        : `${group.length} 个${underWord(o, locale)}${a0.nameZh}未达到${a0.setName}：${list(
            group.map((a) => a.regionName),
            locale,
          )}。`,
    );
  }
  if (o.partial.length) {
    out.push(
      en
        ? `Reporting is incomplete for ${o.partial.length} indicators (${list(
            o.partial.map((p) => `${p.nameEn}: ${p.coverageText}`),
            locale,
          )}), so they are not judged.`
        : `${o.partial.length} 项指标报送不全（${list(
            o.partial.map((p) => `${p.nameZh}：${p.coverageText}`),
            locale,
          )}），无法判定是否达标。`,
    );
  }
  if (missing)
    out.push(
      en ? `${missing} indicators of this report have no data for the year (see Appendix 2).` : `本报告中有 ${missing} 项指标本年度没有数据（见附录二）。`,
    );
  if (!out.length)
    out.push(en ? 'Every indicator judged meets the chosen standards and reporting is complete.' : '各项已判定指标均达到所选标准，数据报送完整。');
  return out.map((s, i) => `${i + 1}. ${s}`).join('\n');
}

/** Next year's priorities, one per shortfall (and one for reporting and data), drafted for a leader to edit. */
export function draftPriorities(o: Overview, missing: number, locale: ReportLocale): string {
  const en = locale === 'en';
  const out: string[] = [];
  for (const a of o.alerts.filter((x) => x.regionCode === o.region.code)) {
    out.push(
      en
        ? `Raise ${a.nameEn.toLowerCase()} from ${fmt(a.value, a.decimals)}${unitOf(a.unit, locale)} to ${a.setName} (${a.thresholdText}).`
        : `将${a.nameZh}由 ${fmt(a.value, a.decimals)}${unitOf(a.unit, locale)} 提高到${a.setName}（${a.thresholdText}）。`,
    );
  }
  for (const group of groupChildren(o)) {
    const a0 = group[0];
    const names = list(
      group.map((a) => a.regionName),
      locale,
    );
    if (a0.indicator === 'STREET_SCHOOL_STAFF') {
      const need = group.reduce((s, a) => s + Math.ceil(a.gap), 0);
      out.push(
        en
          ? `Staff the street schools of ${names} to the standard: at least ${need} more full-time staff.`
          : `为${names}的街道社区学校补足专职人员，共需增加不少于 ${need} 人。`,
      );
    } else if (a0.indicator === 'POINT_STAFF') {
      out.push(en ? `Give every teaching point a staff member, first in ${names}.` : `为${names}的社区教学点配备工作人员，做到每个教学点至少 1 人。`);
    } else {
      out.push(
        en
          ? `Bring ${a0.nameEn.toLowerCase()} in ${names} up to ${a0.setName} (${a0.thresholdText}).`
          : `推动${names}的${a0.nameZh}达到${a0.setName}（${a0.thresholdText}）。`,
      );
    }
  }
  if (o.partial.length || missing) {
    out.push(
      en
        ? 'Have every unit report on time and complete the data the report lacks, so that every indicator can be judged.'
        : '督促各单位按期完整报送，补齐本报告缺失的数据，使每项指标都能对照标准判定。',
    );
  }
  if (!out.length) out.push(en ? 'Keep every indicator at or above the chosen standards.' : '保持各项指标稳定达到所选标准。');
  return out.map((s, i) => `${i + 1}. ${s}`).join('\n');
}

/** Shortfalls of the regions under, one group per indicator and standard, worst first. */
function groupChildren(o: Overview): Alert[][] {
  const by = new Map<string, Alert[]>();
  for (const a of o.alerts.filter((x) => x.regionCode !== o.region.code)) by.set(`${a.indicator}|${a.set}`, [...(by.get(`${a.indicator}|${a.set}`) ?? []), a]);
  return [...by.values()].map((g) => [...g].sort((a, b) => b.gap - a.gap));
}
