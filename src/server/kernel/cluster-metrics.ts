// `/metrics` on a cluster: a scrape reaches whichever worker the kernel hands the connection to, so that
// worker asks the supervisor, which collects every worker's metrics over the cluster's IPC channel and
// answers with them merged, each process's samples labelled `worker="<id>"`. Values that belong to the
// database rather than to a process (the job queue) come once, from the asking worker, unlabelled.
import cluster, { type Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { mergeFamilies, withLabel, type MetricFamily } from './metrics';

const GATHER = 'learncity:metrics-gather';
const COLLECT = 'learncity:metrics-collect';
const PART = 'learncity:metrics-part';
const ALL = 'learncity:metrics-all';
/** A worker that does not answer within this (busy, dying) is left out of the scrape, not waited for. */
const COLLECT_MS = 2_000;

/** One process's metrics: its own, and those read from the shared database. */
export interface MetricsPart {
  process: MetricFamily[];
  shared: MetricFamily[];
}

interface Message {
  type?: string;
  id?: string;
  part?: MetricsPart | null;
  families?: MetricFamily[];
}

const send = (message: Message) => {
  if (process.connected) process.send!(message);
};

/** In a worker: answers the supervisor's collections with this process's part. Returns what stops it. */
export function answerMetricsCollection(collect: () => Promise<MetricsPart>): () => void {
  const onMessage = (message: Message) => {
    if (message?.type !== COLLECT) return;
    collect().then(
      (part) => send({ type: PART, id: message.id, part }),
      () => send({ type: PART, id: message.id, part: null }),
    );
  };
  process.on('message', onMessage);
  return () => void process.off('message', onMessage);
}

const alone = (own: MetricsPart) => mergeFamilies([withLabel(own.process, 'worker', String(cluster.worker?.id ?? 0)), own.shared]);

/** In a worker: every worker's metrics through the supervisor, or this worker's alone if it does not answer. */
export function gatherFromWorkers(own: MetricsPart): Promise<MetricFamily[]> {
  if (!process.connected) return Promise.resolve(alone(own));
  const id = randomUUID();
  return new Promise((resolve) => {
    const done = (families: MetricFamily[]) => {
      clearTimeout(timer);
      process.off('message', onMessage);
      resolve(families);
    };
    const onMessage = (message: Message) => {
      if (message?.type === ALL && message.id === id) done(message.families ?? alone(own));
    };
    const timer = setTimeout(() => done(alone(own)), COLLECT_MS * 2);
    process.on('message', onMessage);
    send({ type: GATHER, id });
  });
}

/** In the supervisor: answers each worker's gather request; `extra` adds the supervisor's own families. */
export function serveMetricsGathering(extra: () => MetricFamily[]) {
  cluster.on('message', (asker: Worker, request: Message) => {
    if (request?.type !== GATHER) return;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w?.isConnected()));
    const collectId = randomUUID();
    const parts = new Map<number, MetricsPart>();
    let answered = 0;
    const finish = () => {
      clearTimeout(timer);
      cluster.off('message', onPart);
      const families = mergeFamilies([
        ...[...parts].map(([workerId, part]) => withLabel(part.process, 'worker', String(workerId))),
        parts.get(asker.id)?.shared ?? [],
        extra(),
      ]);
      if (asker.isConnected()) asker.send({ type: ALL, id: request.id, families });
    };
    const onPart = (worker: Worker, message: Message) => {
      if (message?.type !== PART || message.id !== collectId) return;
      if (message.part) parts.set(worker.id, message.part);
      if (++answered === workers.length) finish();
    };
    const timer = setTimeout(finish, COLLECT_MS);
    cluster.on('message', onPart);
    for (const worker of workers) worker.send({ type: COLLECT, id: collectId });
  });
}
