// Who may see, change, book and decide on venues of the three-level pool.
import type { Actor } from '../../kernel/actor';
import { canEditOwned, canSeeOwned, type Owned } from '../../kernel/ownership';
import { isWithin } from '../../kernel/region-code';

/** Roles that do the network's work; leaders and reporters only look. */
const WORKING_ROLES = new Set(['system_admin', 'region_admin', 'institution_staff']);

export const canRequestBooking = (actor: Actor, venue: Owned) => WORKING_ROLES.has(actor.role ?? '') && canSeeOwned(actor, venue);

/** The owner decides; a booking by the owner itself, or of a venue that needs no approval, is approved at once. */
export const canDecideBooking = (actor: Actor, venue: Owned) => canEditOwned(actor, venue);
export const isApprovedOnRequest = (actor: Actor, venue: Owned & { approvalRequired: boolean }) => !venue.approvalRequired || canEditOwned(actor, venue);

export const canCancelBooking = (actor: Actor, venue: Owned, booking: { requestedBy: string }) =>
  booking.requestedBy === actor.userId || canEditOwned(actor, venue);

/** A venue sits inside the area of whoever owns it (a street's venue in that street). */
export const isPlacedUnderOwner = (regionCode: string, ownerRegionCode: string) => isWithin(regionCode, [ownerRegionCode]);

/** Two ranges overlap when each starts before the other ends; touching ends do not overlap. */
export const overlaps = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

export const MAX_BOOKING_HOURS = 24 * 14;
export const MAX_CALENDAR_DAYS = 62;
