// Who may do what in a learning team. Pure functions, table-tested.
export type Membership = { role: string; status: string } | null;

export const isLeader = (m: Membership) => m?.role === 'leader' && m.status === 'member';
export const isMember = (m: Membership) => m?.status === 'member';
/** A resident may ask to join unless they are already in, or already waiting. */
export const canAskToJoin = (m: Membership) => !m || m.status === 'declined' || m.status === 'left';
/** Member names are for the team itself; the public sees the leader's masked name and the count. */
export const canSeeMembers = (m: Membership) => isMember(m);

/** 王秀英 → 王*英, 李明 → 李*: enough for neighbours to recognise, not enough to harvest. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return name;
  if (chars.length === 2) return chars[0] + '*';
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}
