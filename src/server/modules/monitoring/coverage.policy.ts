// Reported figures and their coverage: a unit's periods become one annual figure by the indicator's rule
// (sum, average, latest), units roll up the region tree, and every aggregate records how many of the units
// that should have reported did, for which periods. A figure on partial coverage is shown with its
// coverage and never judged against a standard. Pure, table-tested.
import type { IndicatorBody } from '../../../contracts/monitoring';

export type AnnualRule = 'sum' | 'average' | 'latest';
export interface Coverage {
  /** How the units' periods became the annual figure. */
  rule: AnnualRule;
  /** Units that should have reported (all regions at the reporting level under this one, or the institutions asked). */
  expected: number;
  /** Of those, the units whose every assignment of the year feeding this indicator was accepted. */
  reported: number;
  /** What a unit is: a region level (street, community, district) or `unit` for institutions. */
  unit: 'street' | 'community' | 'district' | 'city' | 'unit';
  periods: { period: string; expected: number; accepted: number }[];
  /** For a `sum` rule: the tasked periods cover the whole year (the year itself, both halves, four quarters or twelve months). */
  yearComplete: boolean;
  complete: boolean;
  /** For a derived indicator: the reported inputs the coverage was taken from. */
  from?: string[];
}

export type ReportedSource = Extract<IndicatorBody['source'], { kind: 'reported' }>;
/** The rule a definition declares, or the one its aggregate always implied (sum adds periods, own keeps the latest). */
export const annualRuleOf = (s: ReportedSource): AnnualRule => s.annual ?? (s.aggregate === 'own' ? 'latest' : 'sum');

/** One unit's periods as one annual figure; null when no period holds a number. */
export function annualValue(rule: AnnualRule, periods: { period: string; value: number }[]): number | null {
  if (!periods.length) return null;
  if (rule === 'sum') return periods.reduce((s, p) => s + p.value, 0);
  if (rule === 'average') return periods.reduce((s, p) => s + p.value, 0) / periods.length;
  return [...periods].sort((a, b) => a.period.localeCompare(b.period)).at(-1)!.value;
}

/** Whether a set of periods of one year covers the whole year. */
export function coversYear(periods: string[]): boolean {
  const set = new Set(periods.map((p) => p.slice(4)));
  if (set.has('')) return true;
  if (set.has('H1') && set.has('H2')) return true;
  if (['Q1', 'Q2', 'Q3', 'Q4'].every((q) => set.has(q))) return true;
  return Array.from({ length: 12 }, (_, i) => `M${String(i + 1).padStart(2, '0')}`).every((m) => set.has(m));
}

export interface Assignment {
  unitKey: string;
  regionCode: string;
  isInstitution: boolean;
  period: string;
  accepted: boolean;
  value: number | null;
}

const LEVEL_BY_LENGTH: Record<number, Coverage['unit']> = { 4: 'city', 6: 'district', 9: 'street', 12: 'community' };

/**
 * Coverage of one node: `assignments` are every assignment of the year feeding the indicator under it;
 * `levelNodes` the codes of all regions under the node at each level (to know which regions should report
 * when regions, not institutions, are asked).
 */
export function coverageOf(rule: AnnualRule, assignments: Assignment[], levelNodes: (length: number) => string[]): Coverage | null {
  if (!assignments.length) return null;
  const regional = assignments.every((a) => !a.isInstitution);
  const lengths = new Set(assignments.map((a) => a.regionCode.length));
  const unit: Coverage['unit'] = regional && lengths.size === 1 ? (LEVEL_BY_LENGTH[[...lengths][0]] ?? 'unit') : 'unit';
  const byUnit = new Map<string, Assignment[]>();
  for (const a of assignments) {
    const list = byUnit.get(a.unitKey);
    if (list) list.push(a);
    else byUnit.set(a.unitKey, [a]);
  }
  // Asked regions are one level of the tree: every region of that level under the node should report,
  // whether or not the task listed it (a sum over 1 of 18 streets is not the district's figure).
  const expectedKeys = unit === 'unit' ? [...byUnit.keys()] : [...new Set([...levelNodes([...lengths][0]), ...byUnit.keys()])];
  const reported = expectedKeys.filter((k) => (byUnit.get(k) ?? []).length > 0 && byUnit.get(k)!.every((a) => a.accepted && a.value !== null)).length;
  const periodNames = [...new Set(assignments.map((a) => a.period))].sort();
  const periods = periodNames.map((period) => {
    const inPeriod = assignments.filter((a) => a.period === period);
    return {
      period,
      expected: unit === 'unit' ? new Set(inPeriod.map((a) => a.unitKey)).size : expectedKeys.length,
      accepted: new Set(inPeriod.filter((a) => a.accepted && a.value !== null).map((a) => a.unitKey)).size,
    };
  });
  const yearComplete = coversYear(periodNames);
  return {
    rule,
    expected: expectedKeys.length,
    reported,
    unit,
    periods,
    yearComplete,
    complete: expectedKeys.length > 0 && reported === expectedKeys.length && (rule !== 'sum' || yearComplete),
  };
}

/** A derived figure is as complete as its least complete reported input. */
export function combineCoverage(inputs: { code: string; coverage: Coverage }[]): Coverage | null {
  if (!inputs.length) return null;
  const worst = [...inputs].sort(
    (a, b) =>
      Number(a.coverage.complete) - Number(b.coverage.complete) ||
      a.coverage.reported / Math.max(1, a.coverage.expected) - b.coverage.reported / Math.max(1, b.coverage.expected),
  )[0];
  return { ...worst.coverage, complete: inputs.every((i) => i.coverage.complete), from: inputs.map((i) => i.code) };
}

const UNIT_ZH: Record<Coverage['unit'], string> = { street: '个街道', community: '个社区', district: '个区（县）', city: '个市', unit: '个单位' };
const UNIT_EN: Record<Coverage['unit'], [string, string]> = {
  street: ['street', 'streets'],
  community: ['community', 'communities'],
  district: ['district', 'districts'],
  city: ['city', 'cities'],
  unit: ['unit', 'units'],
};

/** "1/18 个街道已报送（2026Q4）" / "1 of 18 streets reported (2026Q4)". */
export function coverageText(c: Coverage, locale: string): string {
  const periods = c.periods.map((p) => p.period).join(locale === 'en' ? ', ' : '、');
  const missingYear = c.rule === 'sum' && !c.yearComplete && c.periods.length ? (locale === 'en' ? '; not the whole year' : '，未覆盖全年') : '';
  if (locale === 'en') return `${c.reported} of ${c.expected} ${UNIT_EN[c.unit][c.expected === 1 ? 0 : 1]} reported (${periods}${missingYear})`;
  return `${c.reported}/${c.expected} ${UNIT_ZH[c.unit]}已报送（${periods}${missingYear}）`;
}
