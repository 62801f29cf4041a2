// The venue and booking contracts shared by the API, the Excel import and the console forms.
import { z } from 'zod';
import { contactInput } from './institutions';
import { pageOf, poolBulkAnswer, poolOwnerAnswer, poolSummary } from './answer-shapes';

/** Who runs the venue: an institution of the network, or an outside unit opening its rooms. */
export const VENUE_UNIT_KINDS = [
  'institution',
  'library',
  'museum',
  'culture_centre',
  'school',
  'enterprise',
  'sports_ground',
  'community_centre',
  'other',
] as const;
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
  ...contactInput,
});

export const venuePatch = venueInput.partial().extend({ status: z.enum(['active', 'inactive']).optional() });

export const bookingInput = z
  .object({
    venueId: z.string().uuid(),
    startsAt: z.string().datetime({ offset: true }),
    endsAt: z.string().datetime({ offset: true }),
    purpose: z.enum(BOOKING_PURPOSES),
    referenceId: z.string().uuid().nullish(),
    title: z.string().trim().min(1, 'validation.required').max(100, 'validation.too_long'),
    // Checked here, not only by the service, so the booking form says it before sending; an unreadable time is its own fault.
  })
  .refine((b) => !(Date.parse(b.endsAt) <= Date.parse(b.startsAt)), { path: ['endsAt'], message: 'booking.ends_before_start' });

// A rejection says why (the booker reads it); the console's prompt asks with this schema.
export const bookingDecision = z
  .object({ decision: z.enum(['approved', 'rejected']), reason: z.string().trim().max(200).nullish() })
  .refine((d) => d.decision !== 'rejected' || !!d.reason, { path: ['reason'], message: 'booking.reason_required' });

export type VenueInput = z.infer<typeof venueInput>;
export type VenuePatch = z.infer<typeof venuePatch>;
export type BookingInput = z.infer<typeof bookingInput>;

// Answers: what the routes send (the serializer checks every answer against them; OpenAPI documents them).
export const venueBooking = z
  .object({
    id: z.string(),
    venueId: z.string(),
    venueName: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    purpose: z.enum(['class', 'event', 'ad_hoc']),
    referenceId: z.string().nullable(),
    title: z.string(),
    status: z.enum(['pending', 'approved', 'rejected', 'cancelled']),
    requestedBy: z.string(),
    requesterName: z.string(),
    requestedAt: z.string(),
    decidedAt: z.string().nullable(),
    reason: z.string().nullable(),
    canDecide: z.boolean(),
    canCancel: z.boolean(),
  })
  .strict();
export const venue = z
  .object({
    id: z.string(),
    name: z.string(),
    ...poolOwnerAnswer,
    unitKind: z.enum(VENUE_UNIT_KINDS),
    unitName: z.string().nullable(),
    regionCode: z.string(),
    regionName: z.string(),
    address: z.string().nullable(),
    floorAreaM2: z.number().nullable(),
    capacity: z.number().nullable(),
    facilities: z.array(z.string()),
    stepFree: z.boolean(),
    lift: z.boolean(),
    hearingLoop: z.boolean(),
    openingHours: z.string().nullable(),
    photos: z.array(z.object({ id: z.string(), filename: z.string(), url: z.string() }).strict()),
    bookable: z.boolean(),
    approvalRequired: z.boolean(),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
    status: z.enum(['active', 'inactive']),
    canEdit: z.boolean(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .strict();
export const venuePage = pageOf(venue);
export const summaryAnswer = poolSummary;
export const venueImportStarted = z.object({ jobId: z.string() }).strict();
export const venueDetail = venue;
export const bulkAnswer = poolBulkAnswer;
export const calendarAnswer = z.object({ venueId: z.string(), venueName: z.string(), from: z.string(), to: z.string(), items: z.array(venueBooking) }).strict();
export const venueBookingPage = pageOf(venueBooking);
export const venueBookingDetail = venueBooking;
