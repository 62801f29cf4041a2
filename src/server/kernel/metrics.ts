// Counters, gauges and histograms for Prometheus, rendered in its text exposition format (0.0.4). One
// registry per process, like prom-client's default: a module declares its metric once at load time and
// counts into it; declaring the same name again returns the same metric (several platforms in one test
// process share it). Hand-written because the hot path needs only a map lookup and an add.

type Labels = Record<string, string | number>;

interface Series { labels: string; value: number }
interface HistogramSeries { labels: string; counts: number[]; sum: number; count: number }

interface Metric {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  render(): string[];
}

const registry = new Map<string, Metric>();
export interface CollectedGauge { name: string; help: string; samples: { labels?: Labels; value: number }[] }

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function labelText(labels: Labels | undefined): string {
  if (!labels) return '';
  const keys = Object.keys(labels);
  if (keys.length === 0) return '';
  return '{' + keys.map((k) => `${k}="${escapeLabel(String(labels[k]))}"`).join(',') + '}';
}

const numberText = (n: number) => (Number.isFinite(n) ? String(n) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN');

function declare<M extends Metric>(name: string, make: () => M): M {
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) throw new Error(`bad metric name ${name}`);
  const existing = registry.get(name);
  if (existing) return existing as M;
  const metric = make();
  registry.set(name, metric);
  return metric;
}

export function counter(name: string, help: string) {
  const series = new Map<string, Series>();
  const metric = declare(name, () => ({
    name, help, type: 'counter' as const,
    render: () => [...series.values()].map((s) => `${name}${s.labels} ${numberText(s.value)}`),
    inc(labels?: Labels, by = 1) {
      const key = labelText(labels);
      const s = series.get(key);
      if (s) s.value += by;
      else series.set(key, { labels: key, value: by });
    },
    /** The current value (tests read deltas). */
    get(labels?: Labels) { return series.get(labelText(labels))?.value ?? 0; },
  }));
  return metric;
}

export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function histogram(name: string, help: string, buckets: number[] = DEFAULT_BUCKETS) {
  const series = new Map<string, HistogramSeries>();
  return declare(name, () => ({
    name, help, type: 'histogram' as const,
    render() {
      const lines: string[] = [];
      for (const s of series.values()) {
        // The bucket label joins the series' own labels inside one pair of braces.
        const inner = s.labels ? s.labels.slice(1, -1) + ',' : '';
        let cumulative = 0;
        buckets.forEach((b, i) => {
          cumulative += s.counts[i];
          lines.push(`${name}_bucket{${inner}le="${b}"} ${cumulative}`);
        });
        lines.push(`${name}_bucket{${inner}le="+Inf"} ${s.count}`, `${name}_sum${s.labels} ${s.sum}`, `${name}_count${s.labels} ${s.count}`);
      }
      return lines;
    },
    /** Records one observation (seconds for durations). */
    observe(labels: Labels | undefined, value: number) {
      const key = labelText(labels);
      let s = series.get(key);
      if (!s) series.set(key, (s = { labels: key, counts: new Array(buckets.length).fill(0), sum: 0, count: 0 }));
      const i = buckets.findIndex((b) => value <= b);
      if (i >= 0) s.counts[i]++;
      s.sum += value;
      s.count++;
    },
    count(labels?: Labels) { return series.get(labelText(labels))?.count ?? 0; },
  }));
}

/**
 * Every metric in the text exposition format, followed by `gauges`: values the platform reads when scraped
 * (pool sizes, queue depths), which belong to one platform rather than to the process.
 */
export function renderMetrics(gauges: CollectedGauge[] = []): string {
  const out: string[] = [];
  for (const m of registry.values()) {
    out.push(`# HELP ${m.name} ${m.help}`, `# TYPE ${m.name} ${m.type}`, ...m.render());
  }
  for (const g of gauges) {
    out.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`, ...g.samples.map((s) => `${g.name}${labelText(s.labels)} ${numberText(s.value)}`));
  }
  return out.join('\n') + '\n';
}
