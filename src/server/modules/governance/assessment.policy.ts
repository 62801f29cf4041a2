// How an assessment ranks: weighted totals out of 100 and competition ranking (1, 2, 2, 4). Pure, table-tested.
export function weightedTotal(criteria: { id: string; weight: number }[], scores: Map<string, number>): number {
  const totalWeight = criteria.reduce((s, c) => s + c.weight, 0);
  if (!totalWeight) return 0;
  return Math.round((criteria.reduce((s, c) => s + (scores.get(c.id) ?? 0) * c.weight, 0) / totalWeight) * 100) / 100;
}

export function rank<T extends { total: number }>(rows: T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.total - a.total);
  return sorted.map((r, i) => ({ ...r, rank: i > 0 && sorted[i - 1].total === r.total ? sorted.findIndex((x) => x.total === r.total) + 1 : i + 1 }));
}

/** On-time reporting as a score: the share of due tasks that had a progress report by their deadline; no task due scores full marks. */
export const onTimeScore = (due: number, onTime: number) => (due === 0 ? 100 : Math.round((onTime / due) * 10000) / 100);
