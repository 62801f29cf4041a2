// Counters, gauges and histograms for Prometheus, rendered in its text exposition format (0.0.4). One
// registry per process, like prom-client's default: a module declares its metric once at load time and
// counts into it; declaring the same name again returns the same metric (several platforms in one test
// process share it). Hand-written because the hot path needs only a map lookup and an add.

type Labels = Record<string, string | number>;

interface Series {
  labels: string;
  value: number;
}
interface HistogramSeries {
  labels: string;
  counts: number[];
  sum: number;
  count: number;
}

interface Metric {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  render(): string[];
}

const registry = new Map<string, Metric>();
export interface CollectedGauge {
  name: string;
  help: string;
  samples: { labels?: Labels; value: number }[];
  /** Read from the database (the same in every process), not a value of this process. */
  shared?: boolean;
}

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
    name,
    help,
    type: 'counter' as const,
    render: () => [...series.values()].map((s) => `${name}${s.labels} ${numberText(s.value)}`),
    inc(labels?: Labels, by = 1) {
      const key = labelText(labels);
      const s = series.get(key);
      if (s) s.value += by;
      else series.set(key, { labels: key, value: by });
    },
    /** The current value (tests read deltas). */
    get(labels?: Labels) {
      return series.get(labelText(labels))?.value ?? 0;
    },
  }));
  return metric;
}

export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function histogram(name: string, help: string, buckets: number[] = DEFAULT_BUCKETS) {
  const series = new Map<string, HistogramSeries>();
  return declare(name, () => ({
    name,
    help,
    type: 'histogram' as const,
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
    count(labels?: Labels) {
      return series.get(labelText(labels))?.count ?? 0;
    },
  }));
}

/** One metric family as rendered: its sample lines already carry their labels. */
export interface MetricFamily {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  samples: string[];
}

/** This process's metrics, then `gauges`: values read when scraped (pool sizes, queue depths). */
export function collectFamilies(gauges: CollectedGauge[] = []): MetricFamily[] {
  return [...[...registry.values()].map((m) => ({ name: m.name, help: m.help, type: m.type, samples: m.render() })), ...gaugeFamilies(gauges)];
}

export function gaugeFamilies(gauges: CollectedGauge[]): MetricFamily[] {
  return gauges.map((g) => ({
    name: g.name,
    help: g.help,
    type: 'gauge' as const,
    samples: g.samples.map((s) => `${g.name}${labelText(s.labels)} ${numberText(s.value)}`),
  }));
}

/** Prometheus' text exposition format: each family's HELP and TYPE once, then its samples. */
export function renderFamilies(families: MetricFamily[]): string {
  const out: string[] = [];
  for (const f of families) out.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`, ...f.samples);
  return out.join('\n') + '\n';
}

export const renderMetrics = (gauges: CollectedGauge[] = []) => renderFamilies(collectFamilies(gauges));

/** A sample line is `name{labels} value` or `name value`; the value never holds a space, a label value may. */
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;

/** The same families with one more label on every sample (`worker="2"`), to tell processes apart. */
export function withLabel(families: MetricFamily[], key: string, value: string): MetricFamily[] {
  const extra = `${key}="${escapeLabel(value)}"`;
  return families.map((f) => ({
    ...f,
    samples: f.samples.map((line) => {
      const m = SAMPLE.exec(line);
      if (!m) return line;
      return `${m[1]}{${m[2] ? m[2] + ',' : ''}${extra}} ${m[3]}`;
    }),
  }));
}

/** Several processes' families as one: a family named by several keeps its first HELP and joins the samples. */
export function mergeFamilies(parts: MetricFamily[][]): MetricFamily[] {
  const byName = new Map<string, MetricFamily>();
  for (const part of parts) {
    for (const f of part) {
      const known = byName.get(f.name);
      if (known) known.samples.push(...f.samples);
      else byName.set(f.name, { ...f, samples: [...f.samples] });
    }
  }
  return [...byName.values()];
}
