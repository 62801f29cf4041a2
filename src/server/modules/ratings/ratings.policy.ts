// Who may rate and edit a rating when. Pure functions, table-tested.

/** A rating may be changed for this many days after it was first given; afterwards it stands. */
export const RATING_EDIT_DAYS = 14;

/** Residents rate what they completed (a class) or attended (an event). */
export const canRate = (completedOrAttended: boolean) => completedOrAttended;

export const canEditRating = (createdAt: Date, now: Date) => now.getTime() - createdAt.getTime() <= RATING_EDIT_DAYS * 86_400_000;

/** Averages to one decimal, as residents read stars; null when nobody rated yet. */
export const averageOf = (sum: number, count: number) => (count > 0 ? Math.round((sum / count) * 10) / 10 : null);

/** 王秀英 → 王*英, 李明 → 李*: a neighbour's comment is shown under a masked name. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return name;
  if (chars.length === 2) return chars[0] + '*';
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}
