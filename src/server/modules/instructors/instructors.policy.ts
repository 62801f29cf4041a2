// Vetting of pool instructors: pending → approved → suspended (and back to approved when reinstated).
export type VettingStatus = 'pending' | 'approved' | 'suspended';

const NEXT: Record<VettingStatus, VettingStatus[]> = {
  pending: ['approved', 'suspended'],
  approved: ['suspended'],
  suspended: ['approved'],
};

export const canMoveVetting = (from: VettingStatus, to: VettingStatus) => NEXT[from].includes(to);
export const fromStatesOf = (to: VettingStatus) => (Object.keys(NEXT) as VettingStatus[]).filter((s) => NEXT[s].includes(to));
/** A suspension (or a refusal of a pending instructor) must say why; an approval may. */
export const needsReason = (to: VettingStatus) => to === 'suspended';
