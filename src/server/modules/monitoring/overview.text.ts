// Sentences written from the figures, in the reader's language (the report asks for Chinese): which
// regions fall short of which standard and by how much, and which figures rest on incomplete reporting.
import { unitIn } from '../../../contracts/units';

export interface Alert {
  regionCode: string;
  regionName: string;
  level: string;
  indicator: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  decimals: number;
  value: number;
  threshold: number;
  thresholdText: string;
  set: string;
  setName: string;
  gap: number;
}

/** A number as the report prints it: fixed decimals, thousands separated. */
export function fmt(value: number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A shortfall: whole when it is whole, else with at least one decimal. */
const gapText = (a: Alert) => fmt(a.gap, Number.isInteger(Number(a.gap.toFixed(6))) ? 0 : Math.max(a.decimals, 1));
const unitText = (u: string) => (u === '%' ? ' 个百分点' : u && u !== 'bool' ? ` ${u}` : '');

/** One sentence per indicator that somebody falls short of; the region's own first, then the regions under it. */
export function alertSentences(region: { code: string; name: string }, alerts: Alert[], partial: unknown[] = [], locale = 'zh-CN'): string[] {
  if (locale === 'en') return alertSentencesEn(region, alerts, partial);
  const regionName = region.name;
  if (alerts.length === 0)
    return [partial.length ? `${regionName}已判定的指标均达到所选标准；报送不全的指标暂不判定。` : `${regionName}各项已有数据的指标均达到所选标准。`];
  const out: string[] = [];
  const own = alerts.filter((a) => a.regionCode === region.code);
  for (const a of own) {
    out.push(
      `${a.regionName}${a.nameZh}为 ${fmt(a.value, a.decimals)}${a.unit === '%' ? '%' : ` ${a.unit}`}，低于${a.setName}（${a.thresholdText}）${gapText(a)}${unitText(a.unit)}。`,
    );
  }
  const below = alerts.filter((a) => !own.includes(a));
  const byIndicator = new Map<string, Alert[]>();
  for (const a of below) byIndicator.set(`${a.indicator}|${a.set}`, [...(byIndicator.get(`${a.indicator}|${a.set}`) ?? []), a]);
  for (const list of byIndicator.values()) {
    const a0 = list[0];
    const worst = [...list].sort((a, b) => b.gap - a.gap);
    const named = worst
      .slice(0, 30)
      .map((a) => `${a.regionName}（${fmt(a.value, a.decimals)}，标准 ${a.thresholdText}，差 ${gapText(a)}${unitText(a.unit)}）`)
      .join('、');
    out.push(`${a0.nameZh}未达到${a0.setName}的有 ${list.length} 个：${named}${list.length > 30 ? ' 等' : ''}。`);
  }
  return out;
}

/** One sentence per figure resting on incomplete reporting: shown with its coverage, judged against nothing. */
export function partialSentences(
  region: { name: string },
  partial: { nameZh: string; nameEn: string; coverageText: string | null }[],
  locale = 'zh-CN',
): string[] {
  if (locale === 'en')
    return partial.map((p) => `${region.name}, ${p.nameEn}: ${p.coverageText ?? 'incomplete reporting'}; incomplete, so not judged against any standard.`);
  return partial.map((p) => `${region.name}${p.nameZh}：${p.coverageText ?? '报送不全'}，数据不全，暂不判定是否达标。`);
}

const unitEn = (u: string) => (u === '%' ? ' percentage points' : u && u !== 'bool' && unitIn(u, 'en') ? ` ${unitIn(u, 'en')}` : '');

function alertSentencesEn(region: { code: string; name: string }, alerts: Alert[], partial: unknown[]): string[] {
  if (alerts.length === 0)
    return [
      partial.length
        ? `${region.name} meets the chosen standards on every indicator judged; figures on incomplete reporting are not judged.`
        : `${region.name} meets the chosen standards on every indicator with data.`,
    ];
  const out: string[] = [];
  const own = alerts.filter((a) => a.regionCode === region.code);
  for (const a of own) {
    out.push(
      `${a.regionName}, ${a.nameEn}: ${fmt(a.value, a.decimals)}${a.unit === '%' ? '%' : unitEn(a.unit)}, below ${a.setName} (${a.thresholdText}) by ${gapText(a)}${unitEn(a.unit)}.`,
    );
  }
  const byIndicator = new Map<string, Alert[]>();
  for (const a of alerts.filter((x) => !own.includes(x)))
    byIndicator.set(`${a.indicator}|${a.set}`, [...(byIndicator.get(`${a.indicator}|${a.set}`) ?? []), a]);
  for (const list of byIndicator.values()) {
    const a0 = list[0];
    const named = [...list]
      .sort((a, b) => b.gap - a.gap)
      .slice(0, 30)
      .map((a) => `${a.regionName} (${fmt(a.value, a.decimals)}, standard ${a.thresholdText}, short by ${gapText(a)}${unitEn(a.unit)})`)
      .join(', ');
    out.push(`${list.length} fall short of ${a0.setName} on ${a0.nameEn}: ${named}${list.length > 30 ? ' and others' : ''}.`);
  }
  return out;
}
