// Where a transcript's lines come from. Today: the learning archive (hours by record). When the credit
// bank's ledger is merged, platform.ts passes `creditsTranscriptSource(services.credits)` instead, with
// credits per line and totals by category; nothing else in this module changes.
import type { ArchiveService } from '../archive/index';

export interface TranscriptEntry { title: string; categoryCode: string | null; hours: number; credits: number | null; outcome: string; occurredOn: string; provider: string | null }
export interface Transcript {
  entries: TranscriptEntry[];
  totals: { categoryCode: string | null; hours: number; credits: number | null }[];
  totalHours: number;
  totalCredits: number | null;
}
export type TranscriptSource = (residentId: string) => Promise<Transcript>;

const shanghaiDate = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export function archiveTranscriptSource(archive: Pick<ArchiveService, 'recordsOf'>): TranscriptSource {
  return async (residentId) => {
    const records = await archive.recordsOf(residentId);
    const entries = records.map((r) => ({ title: r.title, categoryCode: r.categoryCode, hours: r.hours, credits: null, outcome: r.outcome, occurredOn: shanghaiDate(r.occurredAt), provider: r.provider }));
    const byCategory = new Map<string | null, number>();
    for (const e of entries) byCategory.set(e.categoryCode, (byCategory.get(e.categoryCode) ?? 0) + e.hours);
    return {
      entries,
      totals: [...byCategory].map(([categoryCode, hours]) => ({ categoryCode, hours, credits: null })),
      totalHours: entries.reduce((s, e) => s + e.hours, 0),
      totalCredits: null,
    };
  };
}

/** The credit bank's transcript (`services.credits.transcript(residentId)`), once that module is merged. */
export function creditsTranscriptSource(credits: { transcript(residentId: string): Promise<{ entries: Array<Record<string, any>>; totals: Array<Record<string, any>> }> }): TranscriptSource {
  return async (residentId) => {
    const t = await credits.transcript(residentId);
    const entries = t.entries.map((e) => ({
      title: String(e.title ?? ''), categoryCode: e.categoryCode ?? e.category ?? null, hours: Number(e.hours ?? 0), credits: e.credits == null ? null : Number(e.credits),
      outcome: String(e.outcome ?? e.kind ?? ''), occurredOn: String(e.occurredOn ?? e.occurredAt ?? e.at ?? '').slice(0, 10), provider: e.provider ?? null,
    }));
    const totals = t.totals.map((x) => ({ categoryCode: x.categoryCode ?? x.category ?? null, hours: Number(x.hours ?? 0), credits: x.credits == null ? null : Number(x.credits) }));
    return { entries, totals, totalHours: entries.reduce((s, e) => s + e.hours, 0), totalCredits: totals.reduce((s, x) => s + (x.credits ?? 0), 0) };
  };
}
