// Named queries for participation, answered by the learning archive: learners (distinct residents with a
// record in the year), learning records and hours, for every region of the subtree. Registered by the
// platform wiring so monitoring does not reach into the archive's tables.
import type { NamedQuery, QueryContext } from './monitoring.queries';
import { localTime } from '../../../contracts/local-time';

export interface ParticipationSource {
  /** Learners, records and hours of a local calendar year per region code of the subtree. */
  statisticsByRegion(rootCode: string, year: number): Promise<Map<string, { learners: number; records: number; hours: number }>>;
}

/** A calendar year in the installation's zone, as instants. */
export function yearBounds(year: number) {
  return { from: localTime.startOfYear(year), to: localTime.startOfYear(year + 1) };
}

export type ParticipationTotals = (c: QueryContext) => ReturnType<ParticipationSource['statisticsByRegion']>;

/**
 * The participation figures of one computation, read once: every named query that needs them (the three
 * below, the credit bank's recognition rate) shares one read of the archive's summary — at scale a scan of
 * 1.5 M rows. A computation is known by its `nodes` array.
 */
export function sharedParticipation(source: ParticipationSource): ParticipationTotals {
  const cache = new WeakMap<QueryContext['nodes'], ReturnType<ParticipationSource['statisticsByRegion']>>();
  return (c) => {
    let p = cache.get(c.nodes);
    if (!p) {
      p = source.statisticsByRegion(c.rootCode, c.year);
      cache.set(c.nodes, p);
    }
    return p;
  };
}

export function participationQueries(totals: ParticipationTotals): Record<string, NamedQuery> {
  const of = (key: 'learners' | 'records' | 'hours', description: string): NamedQuery => ({
    description,
    async run(c) {
      const t = await totals(c);
      return new Map(c.nodes.map((n) => [n.code, { value: t.get(n.code)?.[key] ?? 0 }]));
    },
  });
  return {
    'archive.learners': of('learners', '年内在学习档案中有记录的居民（去重）'),
    'archive.records': of('records', '年内学习档案记录数'),
    'archive.hours': of('hours', '年内学习档案记录的学时'),
  };
}
