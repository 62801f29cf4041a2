// Monitoring's credit-bank indicator I34 (学习成果认定率): residents who received credits in the year over the
// residents with a learning record in the year, for every region of a subtree. Registered by the platform
// wiring, so monitoring never reads the credit bank's tables.
import { yearBounds, type NamedQuery, type QueryContext } from '../monitoring/index';

/** Learners per region of the computation (monitoring's shared participation read). */
type LearnersOf = (c: QueryContext) => Promise<Map<string, { learners: number }>>;

const PREFIXES = [2, 4, 6, 9, 12];

export function creditQueries(
  source: { depositorsByRegion(rootCode: string, from: Date, to: Date): Promise<{ code: string; n: number }[]> },
  learnersOf: LearnersOf,
): Record<string, NamedQuery> {
  return {
    'creditbank.depositors': {
      description: '年内获得学分认定的居民数（按账户所属社区）',
      async run(c) {
        const { from, to } = yearBounds(c.year);
        const sums = new Map<string, number>();
        for (const r of await source.depositorsByRegion(c.rootCode, from, to))
          for (const n of PREFIXES) if (n <= r.code.length) sums.set(r.code.slice(0, n), (sums.get(r.code.slice(0, n)) ?? 0) + r.n);
        return new Map(c.nodes.map((node) => [node.code, { value: sums.get(node.code) ?? 0 }]));
      },
    },
    'creditbank.recognition_rate': {
      description: '年内获得学分的居民 / 年内学习档案中有记录的居民 × 100',
      async run(c) {
        const { from, to } = yearBounds(c.year);
        const [depositors, learning] = await Promise.all([source.depositorsByRegion(c.rootCode, from, to), learnersOf(c)]);
        const sums = new Map<string, number>();
        for (const r of depositors) for (const n of PREFIXES) if (n <= r.code.length) sums.set(r.code.slice(0, n), (sums.get(r.code.slice(0, n)) ?? 0) + r.n);
        return new Map(
          c.nodes.map((node) => {
            const base = learning.get(node.code)?.learners ?? 0;
            const credited = sums.get(node.code) ?? 0;
            return [node.code, { value: base ? Math.min(100, (credited / base) * 100) : null, detail: { credited, learners: base } }];
          }),
        );
      },
    },
  };
}
