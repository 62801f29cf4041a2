// What the portal reads from the lottery API.
export interface PublicRound {
  id: string; name: string; description: string | null; opensAt: string; closesAt: string; maxChoices: number; phase: 'upcoming' | 'open' | 'closed' | 'drawn' | 'cancelled';
  seedHash: string | null; seed: string | null; listDigest: string | null; applications: number; cancelReason: string | null;
  offerings: LotteryChoice[];
}
/** A class one can choose, with what an applicant weighs it by: when, where, at what cost. */
export interface LotteryChoice {
  id: string; title: string; termName: string | null; capacity: number | null; seats: number; applicants: number;
  mode: 'offline' | 'online' | 'blended'; placeName: string | null; feeCents: number;
  schedule: { weekdays: number[]; startTime: string; endTime: string } | null; firstStartsAt: string | null; lastEndsAt: string | null;
}
export interface MyApplication {
  status: 'active' | 'withdrawn'; choices: { offeringId: string; title: string }[]; token: string | null;
  result: { position: number | null; won: { offeringId: string; title: string; choiceRank: number | null; enrolmentId: string | null }[] } | null;
}
