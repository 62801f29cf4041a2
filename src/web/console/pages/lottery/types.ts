// Shapes the lottery API answers with, as the console reads them.
export interface RoundOffering { id: string; title: string; termName: string | null; capacity: number | null; seatsTaken: number; seats: number; applicants: number; firstChoice: number }
export interface Round {
  id: string; name: string; description: string | null; regionCode: string; institutionId: string | null; opensAt: string; closesAt: string;
  maxChoices: number; quota: number | null; autoDraw: boolean; status: string; phase: string; seedHash: string | null; seed: string | null;
  listDigest: string | null; applications: number; offerings: RoundOffering[]; drawnAt: string | null;
  /** A published round before its window opens may still be corrected. */
  isCorrectable: boolean; cancelReason: string | null;
}
export interface Outcome { position: number; token: string; displayName: string; offeringId: string | null; offeringTitle: string | null; choiceRank: number | null; enrolmentId: string | null }
export interface OfferingOption { id: string; title: string }
