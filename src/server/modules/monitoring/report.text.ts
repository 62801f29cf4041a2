// The report's words, written from the one overview the dashboard also shows: every sentence names a
// figure's value, its coverage and its check exactly as the overview holds them, so the report can never
// say "达标" beside a list of shortfalls, or "no data" beside data. Pure; the .docx only lays it out.
import type { Figure, Overview } from './overview.service';
import { fmt } from './overview.text';

export const STATUS_ZH: Record<string, string> = { meets: '达标', below: '未达标', above: '超出上限', no_data: '暂无数据', partial: '报送不全，暂不判定' };

const unitOf = (u: string) => (u && u !== 'bool' ? (u === '%' ? '%' : ` ${u}`) : '');
export const valueText = (f: { value: number | null; decimals: number; unit: string }) => (f.value === null ? '暂无数据' : `${fmt(f.value, f.decimals)}${unitOf(f.unit)}`);

/** One figure as a sentence: value, coverage when partial, and each check against a standard. */
export function figureSentence(f: Figure): string | null {
  if (f.value === null) return null;
  const coverage = f.coverage && !f.coverage.complete ? `（${f.coverageText}，数据不全）` : '';
  const checks = f.checks.filter((c) => c.status !== 'no_data').map((c) => c.status === 'partial'
    ? `对照${c.setName}（${c.thresholdText}）暂不判定`
    : `${c.status === 'meets' ? '达到' : c.status === 'below' ? '低于' : '超出'}${c.setName}（${c.thresholdText}）`);
  const counted = typeof f.detail?.numerator === 'number' && typeof f.detail?.denominator === 'number' && f.unit === '%'
    ? `（${fmt(f.detail.numerator as number, 0)}/${fmt(f.detail.denominator as number, 0)}）` : '';
  return `${f.nameZh}${valueText(f)}${counted}${coverage}${checks.length ? `，${checks.join('，')}` : ''}。`;
}

export interface ReportSection { key: string; title: string; sentences: string[]; figures: Figure[] }

const TITLES: Record<string, string> = {
  coverage: '网络覆盖', resources: '资源保障（经费与队伍）', participation: '居民参与', elderly: '老年人参与', minors: '未成年人参与',
  quality: '教学质量与活动', digital: '数字化学习', creditBank: '学分银行', organisations: '学习型组织',
};

/** Sentences a section says beyond its figures, each counted from the same overview. */
function extraSentences(key: string, o: Overview): string[] {
  const out: string[] = [];
  if (key === 'resources') {
    const short = o.alerts.filter((a) => a.indicator === 'STREET_SCHOOL_STAFF' && a.regionCode !== o.region.code);
    const area = o.alerts.filter((a) => a.indicator === 'STREET_SCHOOL_AREA' && a.regionCode !== o.region.code);
    if (short.length) out.push(`专职人员未达到配备标准的街道社区学校 ${short.length} 所：${short.map((a) => a.regionName).join('、')}。`);
    if (area.length) out.push(`用房面积未达到标准的街道社区学校 ${area.length} 所：${area.map((a) => a.regionName).join('、')}。`);
    const points = o.alerts.filter((a) => a.indicator === 'POINT_STAFF');
    if (points.length) out.push(`教学点没有工作人员的社区 ${points.length} 个：${points.map((a) => a.regionName).join('、')}。`);
  }
  if (key === 'creditBank') {
    const credited = o.sections.creditBank.find((f) => f.code === 'CREDITED');
    if (credited && credited.value === 0) out.push(`${o.year}年尚无居民获得学分认定。`);
  }
  if (key === 'organisations') {
    const teams = o.sections.organisations.find((f) => f.code === 'I23');
    if (teams && teams.value === 0) out.push(`${o.year}年末${o.region.name}尚无在办的居民学习团队。`);
  }
  if (key === 'quality') {
    const fill = o.sections.quality.find((f) => f.code === 'I31');
    const waitlisted = fill?.detail?.waitlisted;
    if (typeof waitlisted === 'number' && waitlisted > 0) out.push(`另有 ${fmt(waitlisted, 0)} 人次在候补名单上。`);
  }
  return out;
}

export function reportSections(o: Overview): ReportSection[] {
  return Object.entries(o.sections).map(([key, figures]) => {
    const sentences = [...figures.map(figureSentence).filter((s): s is string => s !== null), ...extraSentences(key, o)];
    return { key, title: TITLES[key] ?? key, figures, sentences: sentences.length ? sentences : [`${o.year}年平台上暂无${TITLES[key] ?? key}数据。`] };
  });
}

/** The summary paragraph: population, funding and staff as the headline holds them. */
export function summarySentence(o: Overview): string {
  const under = o.childLevel === 'street' ? '街道' : o.childLevel === 'community' ? '社区' : '下级区域';
  const parts = ['POP', 'POP60', 'FUNDING', 'I01', 'FT_STAFF', 'I04'].map((code) => o.headline.find((f) => f.code === code))
    .filter((f): f is NonNullable<typeof f> => !!f && f.value !== null)
    .map((f) => `${f.nameZh} ${valueText(f).trim()}${f.coverage && !f.coverage.complete ? `（${f.coverageText}）` : ''}`);
  return parts.length ? `${o.year}年，${o.region.name}${parts.join('，')}。下辖${under} ${o.childCount} 个。` : `${o.region.name}${o.year}年尚无可用数据。`;
}
