// How an assessment ranks: weighted totals out of 100 and competition ranking (1, 2, 2, 4). Pure, table-tested.
/**
 * The weighted total out of 100 over the criteria that can be scored: a criterion with no data (nothing due,
 * an indicator the platform holds no value for) is left out and the others' weights carry the total, so
 * having nothing to measure neither rewards nor punishes.
 */
export function weightedTotal(criteria: { id: string; weight: number }[], scores: Map<string, number>, noData: Set<string> = new Set()): number {
  const counted = criteria.filter((c) => !noData.has(c.id));
  const totalWeight = counted.reduce((s, c) => s + c.weight, 0);
  if (!totalWeight) return 0;
  return Math.round((counted.reduce((s, c) => s + (scores.get(c.id) ?? 0) * c.weight, 0) / totalWeight) * 100) / 100;
}

export function rank<T extends { total: number }>(rows: T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.total - a.total);
  return sorted.map((r, i) => ({ ...r, rank: i > 0 && sorted[i - 1].total === r.total ? sorted.findIndex((x) => x.total === r.total) + 1 : i + 1 }));
}

/** On-time reporting as a score: the share of due tasks that had a progress report by their deadline; no task due is no score (null), not full marks. */
export const onTimeScore = (due: number, onTime: number): number | null => (due === 0 ? null : Math.round((onTime / due) * 10000) / 100);

/**
 * An indicator's value as a 0–100 score: a percentage scores its value; another unit scores its share of the
 * standard that applies (capped at 100); without either there is no scale, so no score.
 */
export function indicatorScore(value: number, unit: string, threshold: number | null): number | null {
  if (unit === '%') return Math.round(Math.max(0, Math.min(100, value)) * 100) / 100;
  if (threshold && threshold > 0) return Math.round(Math.min(100, (value / threshold) * 100) * 100) / 100;
  return null;
}
