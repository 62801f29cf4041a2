// Where a transcript's lines come from: the learning archive (hours by record), with the credits the
// credit bank deposited for each record when platform.ts passes `creditsTranscriptSource`.
import type { ArchiveService } from '../archive/index';
import { localTime } from '../../../contracts/local-time';

export interface TranscriptEntry {
  title: string;
  categoryCode: string | null;
  hours: number;
  credits: number | null;
  outcome: string;
  occurredOn: string;
  provider: string | null;
}
export interface Transcript {
  entries: TranscriptEntry[];
  totals: { categoryCode: string | null; hours: number; credits: number | null }[];
  totalHours: number;
  totalCredits: number | null;
}
export type TranscriptSource = (residentId: string) => Promise<Transcript>;

type ArchiveRecord = Awaited<ReturnType<ArchiveService['recordsOf']>>[number];

function fromRecords(records: ArchiveRecord[]): Transcript {
  const entries: TranscriptEntry[] = records.map((r) => ({
    title: r.title,
    categoryCode: r.categoryCode,
    hours: r.hours,
    credits: null,
    outcome: r.outcome,
    occurredOn: localTime.date(r.occurredAt),
    provider: r.provider,
  }));
  const byCategory = new Map<string | null, number>();
  for (const e of entries) byCategory.set(e.categoryCode, (byCategory.get(e.categoryCode) ?? 0) + e.hours);
  return {
    entries,
    totals: [...byCategory].map(([categoryCode, hours]) => ({ categoryCode, hours, credits: null })),
    totalHours: entries.reduce((s, e) => s + e.hours, 0),
    totalCredits: null,
  };
}

export function archiveTranscriptSource(archive: Pick<ArchiveService, 'recordsOf'>): TranscriptSource {
  return async (residentId) => fromRecords(await archive.recordsOf(residentId));
}

/**
 * The archive's lines with the credits the credit bank deposited for each (ledger entries keyed
 * `archive:<sourceType>:<sourceId>`, corrections included), and the credit balance by credit category.
 */
export function creditsTranscriptSource(
  archive: Pick<ArchiveService, 'recordsOf'>,
  credits: {
    transcript(
      residentId: string,
    ): Promise<{ balance: number; entries: { sourceKey: string | null; credits: number; kind: string; correctsEntryId?: string | null; id: string }[] }>;
  },
): TranscriptSource {
  return async (residentId) => {
    const [records, ledger] = await Promise.all([archive.recordsOf(residentId), credits.transcript(residentId)]);
    const base = fromRecords(records);
    const bySource = new Map<string, number>();
    const keyOfEntry = new Map(ledger.entries.map((e) => [e.id, e.sourceKey]));
    for (const e of ledger.entries) {
      if (e.kind === 'use') continue;
      const key = e.sourceKey ?? (e.correctsEntryId ? (keyOfEntry.get(e.correctsEntryId) ?? null) : null);
      if (key) bySource.set(key, Math.round(((bySource.get(key) ?? 0) + e.credits) * 10) / 10);
    }
    const entries = base.entries.map((e, i) => ({ ...e, credits: bySource.get(`archive:${records[i].sourceType}:${records[i].sourceId}`) ?? 0 }));
    const byCategory = new Map<string | null, number>();
    for (const e of entries) byCategory.set(e.categoryCode, Math.round(((byCategory.get(e.categoryCode) ?? 0) + e.credits) * 10) / 10);
    return {
      entries,
      totals: base.totals.map((t) => ({ ...t, credits: byCategory.get(t.categoryCode) ?? 0 })),
      totalHours: base.totalHours,
      totalCredits: ledger.balance,
    };
  };
}
