// The overview as the cockpit reads it (GET /api/monitoring/overview).
export type Status = 'meets' | 'below' | 'above' | 'no_data' | 'partial' | null;
export interface Named { code: string; nameZh: string; nameEn: string; unit: string; decimals: number }
export interface Check { set: string; setName: string; threshold: number; thresholdText: string; status: Status }
export interface Headline extends Named { value: number | null; status: Status; coverageText?: string | null; checks: Check[]; previous: number | null; series: { year: number; value: number | null }[] }
export interface Alert { regionCode: string; regionName: string; indicator: string; nameZh: string; nameEn: string; unit: string; decimals: number; value: number; thresholdText: string; setName: string; gap: number }
export interface HeatRow { code: string; name: string; level: string; figures: Record<string, { value: number | null; status: Status }> }
export interface Overview {
  region: { code: string; name: string; level: string }; path: { code: string; name: string; level: string }[]; year: number; computedAt: string | null;
  childLevel: string | null; childCount: number;
  headline: Headline[]; alerts: Alert[]; sentences: string[];
  rankings: (Named & { items: { rank: number; code: string; name: string; value: number; status: Status }[] })[];
  heat: { columns: Named[]; rows: HeatRow[] };
  trends: { code: string; nameZh: string; nameEn: string; unit: string; points: { year: number; value: number | null }[] }[];
}
