// The venue and booking contracts shared by the API, the Excel import and the console forms.
import { z } from 'zod';
import { CONTACT_PHONE } from './institutions';

/** Who runs the venue: an institution of the network, or an outside unit opening its rooms. */
export const VENUE_UNIT_KINDS = ['institution', 'library', 'museum', 'culture_centre', 'school', 'enterprise', 'sports_ground', 'community_centre', 'other'] as const;
export const BOOKING_PURPOSES = ['class', 'event', 'ad_hoc'] as const;
export const BOOKING_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;

export const venueInput = z.object({
  name: z.string().trim().min(1).max(100),
  ownerRegionCode: z.string().trim().min(1).max(12),
  ownerInstitutionId: z.string().uuid().nullish(),
  shared: z.boolean().default(false),
  unitKind: z.enum(VENUE_UNIT_KINDS),
  unitName: z.string().trim().max(100).nullish(),
  regionCode: z.string().trim().min(1).max(12),
  address: z.string().trim().max(200).nullish(),
  floorAreaM2: z.number().min(0).max(1_000_000).nullish(),
  capacity: z.number().int().min(0).max(100_000).nullish(),
  facilities: z.array(z.string().trim().min(1).max(30)).max(30).default([]),
  stepFree: z.boolean().default(false),
  lift: z.boolean().default(false),
  hearingLoop: z.boolean().default(false),
  openingHours: z.string().trim().max(200).nullish(),
  photoIds: z.array(z.string().uuid()).max(12).default([]),
  bookable: z.boolean().default(true),
  approvalRequired: z.boolean().default(true),
  contactName: z.string().trim().max(50).nullish(),
  contactPhone: z.string().trim().regex(CONTACT_PHONE, 'phone.invalid_contact').or(z.literal('')).nullish(),
});

export const venuePatch = venueInput.partial().extend({ status: z.enum(['active', 'inactive']).optional() });

export const bookingInput = z.object({
  venueId: z.string().uuid(),
  startsAt: z.string().datetime({ offset: true }),
  endsAt: z.string().datetime({ offset: true }),
  purpose: z.enum(BOOKING_PURPOSES),
  referenceId: z.string().uuid().nullish(),
  title: z.string().trim().min(1).max(100),
});

export const bookingDecision = z.object({
  decision: z.enum(['approved', 'rejected']),
  reason: z.string().trim().max(200).nullish(),
});

export type VenueInput = z.infer<typeof venueInput>;
export type VenuePatch = z.infer<typeof venuePatch>;
export type BookingInput = z.infer<typeof bookingInput>;
