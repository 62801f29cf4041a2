// The contracts of terms, campaigns, classes and events, shared by the API and the console/portal forms.
import { z } from 'zod';
import { COURSE_MODES, TARGET_GROUPS } from './courses';
import { pageOf } from './answer-shapes';

export const OFFERING_KINDS = ['class', 'event'] as const;
export const EVENT_TYPES = ['lecture', 'visit', 'performance', 'activity'] as const;
export const ENROLMENT_MODES = ['first_come', 'lottery', 'approval', 'open'] as const;
export const RETURNING_RULES = ['none', 'priority_returning', 'priority_new'] as const;
export const OFFERING_STATUSES = ['draft', 'published', 'cancelled', 'finished'] as const;
export const PLAN_STATUSES = ['draft', 'published', 'cancelled'] as const;
export const DAY_PARTS = ['morning', 'afternoon', 'evening'] as const;
export type OfferingKind = (typeof OFFERING_KINDS)[number];
export type EnrolmentMode = (typeof ENROLMENT_MODES)[number];
export type DayPart = (typeof DAY_PARTS)[number];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.invalid');
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'validation.invalid');
const text = (max: number) => z.string().trim().max(max);

export const termInput = z.object({
  name: z.string().trim().min(1, 'validation.required').max(100),
  ownerRegionCode: z.string().trim().max(12).optional(),
  ownerInstitutionId: z.string().uuid().nullish(),
  startsOn: day,
  endsOn: day,
  maxEnrolmentsPerResident: z.number().int().min(1).max(50).nullish(),
});
export const termPatch = termInput.omit({ ownerRegionCode: true, ownerInstitutionId: true }).partial();
export type TermInput = z.infer<typeof termInput>;
export type TermPatch = z.infer<typeof termPatch>;

export const campaignInput = z.object({
  name: z.string().trim().min(1, 'validation.required').max(100),
  ownerRegionCode: z.string().trim().max(12).optional(),
  description: text(4000).default(''),
  startsOn: day,
  endsOn: day,
});
export const campaignPatch = campaignInput.omit({ ownerRegionCode: true }).partial();
export type CampaignInput = z.infer<typeof campaignInput>;
export type CampaignPatch = z.infer<typeof campaignPatch>;

/** A class's weekly rule, in Shanghai local time. */
export const weeklySchedule = z.object({
  weekdays: z.array(z.number().int().min(1).max(7)).min(1, 'validation.required').max(7),
  startTime: time,
  endTime: time,
  fromDate: day,
  toDate: day,
  skipDates: z.array(day).max(100).default([]),
});
/** An event's sessions, each a date and a time range in Shanghai local time. */
export const eventSession = z.object({ date: day, startTime: time, endTime: time });

export const eligibilityInput = z.object({
  minAge: z.number().int().min(0).max(120).optional(),
  maxAge: z.number().int().min(0).max(120).optional(),
  regionRoots: z.array(z.string().trim().max(12)).max(20).optional(),
  targetGroups: z.array(z.enum(TARGET_GROUPS)).max(TARGET_GROUPS.length).optional(),
});

const offeringFields = {
  title: z.string().trim().min(1, 'validation.required').max(100),
  description: text(4000),
  categoryCode: z.string().trim().min(1).max(32),
  targetGroups: z.array(z.enum(TARGET_GROUPS)).max(TARGET_GROUPS.length),
  mode: z.enum(COURSE_MODES),
  regionCode: z.string().trim().max(12),
  institutionId: z.string().uuid().nullable(),
  venueId: z.string().uuid().nullable(),
  instructorId: z.string().uuid().nullable(),
  capacity: z.number().int().min(1).max(100_000).nullable(),
  feeCents: z.number().int().min(0).max(100_000_000),
  feeWaiver: text(500),
  enrolmentMode: z.enum(ENROLMENT_MODES),
  enrolmentOpensAt: z.string().datetime({ offset: true }).nullable(),
  enrolmentClosesAt: z.string().datetime({ offset: true }).nullable(),
  cancelCutoffHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  eligibility: eligibilityInput,
  returningRule: z.enum(RETURNING_RULES),
  previousOfferingId: z.string().uuid().nullable(),
  completionThreshold: z.number().int().min(1).max(100),
  campaignId: z.string().uuid().nullable(),
};

/**
 * What a new class and a new event leave optional or default alike. (A key spread after `...offeringFields`
 * keeps that key's place, so the documented field order is offeringFields'.)
 */
const newOfferingDefaults = {
  regionCode: offeringFields.regionCode.optional(),
  institutionId: offeringFields.institutionId.optional(),
  venueId: offeringFields.venueId.optional(),
  instructorId: offeringFields.instructorId.optional(),
  feeCents: offeringFields.feeCents.default(0),
  feeWaiver: offeringFields.feeWaiver.default(''),
  enrolmentMode: offeringFields.enrolmentMode.default('first_come'),
  enrolmentOpensAt: offeringFields.enrolmentOpensAt.optional(),
  enrolmentClosesAt: offeringFields.enrolmentClosesAt.optional(),
  cancelCutoffHours: offeringFields.cancelCutoffHours.default(24),
  eligibility: eligibilityInput.default({}),
  returningRule: offeringFields.returningRule.default('none'),
  previousOfferingId: offeringFields.previousOfferingId.optional(),
  completionThreshold: offeringFields.completionThreshold.default(80),
  campaignId: offeringFields.campaignId.optional(),
};

export const classInput = z.object({
  kind: z.literal('class'),
  termId: z.string().uuid(),
  courseId: z.string().uuid(),
  schedule: weeklySchedule,
  ...offeringFields,
  // Taken from the course when absent.
  title: offeringFields.title.optional(),
  description: offeringFields.description.optional(),
  categoryCode: offeringFields.categoryCode.optional(),
  targetGroups: offeringFields.targetGroups.optional(),
  mode: offeringFields.mode.optional(),
  capacity: z.number().int().min(1).max(100_000),
  ...newOfferingDefaults,
});

export const eventInput = z.object({
  kind: z.literal('event'),
  eventType: z.enum(EVENT_TYPES),
  termId: z.string().uuid().nullish(),
  courseId: z.string().uuid().nullish(),
  sessions: z.array(eventSession).min(1, 'validation.required').max(60),
  ...offeringFields,
  description: offeringFields.description.default(''),
  targetGroups: offeringFields.targetGroups.default(['general']),
  mode: offeringFields.mode.default('offline'),
  capacity: offeringFields.capacity.default(null),
  ...newOfferingDefaults,
});

export const offeringInput = z.discriminatedUnion('kind', [classInput, eventInput]);
export type ClassInput = z.infer<typeof classInput>;
export type EventInput = z.infer<typeof eventInput>;
export type OfferingInput = z.infer<typeof offeringInput>;

/** Changes to an offering; schedule, sessions, venue and instructor only while it is a draft. */
export const offeringPatch = z
  .object({
    ...offeringFields,
    eventType: z.enum(EVENT_TYPES),
    schedule: weeklySchedule,
    sessions: z.array(eventSession).min(1).max(60),
  })
  .partial();
export type OfferingPatch = z.infer<typeof offeringPatch>;

export const cancelInput = z.object({ reason: z.string().trim().min(1, 'validation.required').max(200) });

/** What the console asks before saving: the sessions a schedule generates and any clash. */
export const schedulePreviewInput = z.object({
  schedule: weeklySchedule.optional(),
  sessions: z.array(eventSession).max(60).optional(),
  venueId: z.string().uuid().nullish(),
  instructorId: z.string().uuid().nullish(),
  excludeOfferingId: z.string().uuid().nullish(),
});

// ---- Answers of the public catalogue (the OpenAPI document's response bodies; checked against real answers
// in test/server/offerings.api.test.ts) ----
const when = z.string().describe('ISO 8601 instant (UTC)').nullable();
/** The card the catalogue lists: one class or event. */
export const catalogCard = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(OFFERING_KINDS),
    eventType: z.string().nullable().describe('lecture | visit | performance | activity, for events'),
    title: z.string(),
    categoryCode: z.string(),
    categoryName: z.string().describe("in the caller's language"),
    targetGroups: z.array(z.string()),
    mode: z.string().describe('offline | online | blended'),
    regionCode: z.string().describe('where it takes place: a community (12 digits) or street (9)'),
    regionName: z.string(),
    streetName: z.string().nullable(),
    institutionId: z.string().uuid().nullable(),
    institutionName: z.string().nullable(),
    venueId: z.string().uuid().nullable(),
    venueName: z.string().nullable(),
    stepFree: z.boolean().describe('the venue has step-free access'),
    instructorId: z.string().uuid().nullable(),
    instructorName: z.string().nullable(),
    termId: z.string().uuid().nullable(),
    termName: z.string().nullable(),
    campaignId: z.string().uuid().nullable(),
    campaignName: z.string().nullable(),
    capacity: z.number().int().nullable().describe('null: no limit'),
    seatsTaken: z.number().int(),
    seatsLeft: z.number().int().nullable().describe('may be up to a second old here; enrolment decides with the live count'),
    feeCents: z.number().int().describe('fee in fen (1/100 yuan)'),
    enrolmentMode: z.enum(ENROLMENT_MODES),
    enrolmentOpensAt: when,
    enrolmentClosesAt: when,
    firstStartsAt: when,
    lastEndsAt: when,
    weekdays: z.array(z.number().int().min(1).max(7)).describe('ISO weekdays of its sessions, Shanghai time'),
    dayParts: z.array(z.enum(DAY_PARTS)),
    totalHours: z.number(),
    scheduleText: z.string().describe("e.g. 每周二 09:00–11:00, in the caller's language"),
    status: z.enum(OFFERING_STATUSES),
    nearness: z.number().int().min(0).max(3).describe("0 the resident's own community, 1 their street, 2 their district, 3 elsewhere or not signed in"),
    enrolmentState: z.enum(['not_open', 'open', 'closed', 'none']).describe('whether residents can apply now; none for open events'),
  })
  .strict();
export const catalogPage = z
  .object({
    items: z.array(catalogCard),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    homeRegionCode: z.string().nullable().describe('the signed-in resident\'s community, by which "near home" sorts'),
  })
  .strict();
/** Where an offering takes place, who teaches it and what it belongs to: its page shows them, in the catalogue and the console alike. */
const offeringSurroundings = {
  venue: z
    .object({
      id: z.string().uuid(),
      name: z.string(),
      unitName: z.string().nullable(),
      address: z.string().nullable(),
      regionCode: z.string(),
      regionName: z.string(),
      capacity: z.number().int().nullable(),
      facilities: z.array(z.string()),
      stepFree: z.boolean(),
      lift: z.boolean(),
      hearingLoop: z.boolean(),
      openingHours: z.string().nullable(),
    })
    .strict()
    .nullable(),
  instructor: z
    .object({
      id: z.string().uuid(),
      name: z.string(),
      bio: z.string().nullable(),
      qualifications: z.string().nullable(),
      languages: z.array(z.string()),
      specialities: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() }).strict()),
    })
    .strict()
    .nullable(),
  term: z
    .object({ id: z.string().uuid(), name: z.string(), startsOn: z.string(), endsOn: z.string(), maxEnrolmentsPerResident: z.number().int().nullable() })
    .strict()
    .nullable(),
  campaign: z.object({ id: z.string().uuid(), name: z.string() }).strict().nullable(),
};
const offeringSession = z
  .object({ id: z.string().uuid(), seq: z.number().int(), startsAt: z.string(), endsAt: z.string(), hours: z.number(), status: z.string() })
  .strict();
/** One class or event's page. */
export const catalogItem = catalogCard
  .extend({
    description: z.string(),
    feeWaiver: z.string(),
    cancelCutoffHours: z.number().int(),
    completionThreshold: z.number().int().describe('attendance % for completion'),
    eligibility: z
      .object({
        minAge: z.number().int().optional(),
        maxAge: z.number().int().optional(),
        regionRoots: z.array(z.string()).optional(),
        targetGroups: z.array(z.string()).optional(),
      })
      .strict(),
    eligibilityText: z.array(z.string()),
    returningRule: z.enum(RETURNING_RULES),
    previousOfferingId: z.string().uuid().nullable(),
    ...offeringSurroundings,
    sessions: z.array(offeringSession),
  })
  .strict();

// Answers: what the routes send (the serializer checks every answer against them; OpenAPI documents them).
/** A term's or a campaign's status and what the console needs to edit it (the version a change must name). */
const planRecordState = { status: z.string(), canEdit: z.boolean(), version: z.number(), createdAt: z.string(), updatedAt: z.string() };
export const planCampaign = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    ownerRegionCode: z.string(),
    ownerRegionName: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    ...planRecordState,
  })
  .strict();
export const planTerm = z
  .object({
    id: z.string(),
    name: z.string(),
    ownerRegionCode: z.string(),
    ownerRegionName: z.string(),
    ownerInstitutionId: z.string().nullable(),
    startsOn: z.string(),
    endsOn: z.string(),
    maxEnrolmentsPerResident: z.number().nullable(),
    ...planRecordState,
  })
  .strict();
export const weeklyScheduleShape = z
  .object({
    weekdays: z.array(z.number()),
    startTime: z.string(),
    endTime: z.string(),
    fromDate: z.string(),
    toDate: z.string(),
    skipDates: z.array(z.string()),
  })
  .strict();
export const eligibilityShape = z
  .object({
    minAge: z.number().optional(),
    maxAge: z.number().optional(),
    regionRoots: z.array(z.string()).optional(),
    targetGroups: z.array(z.string()).optional(),
  })
  .strict();
export const termPage = pageOf(planTerm);
export const termDetail = planTerm;
export const campaignPage = pageOf(planCampaign);
export const campaignDetail = planCampaign;
/** What an offering's list row and its detail both carry (the detail narrows the codes to their enums). */
const offeringRowFields = {
  id: z.string(),
  kind: z.string(),
  eventType: z.string().nullable(),
  title: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  targetGroups: z.array(z.string()),
  mode: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  streetName: z.string().nullable(),
  institutionId: z.string().nullable(),
  institutionName: z.string().nullable(),
  venueId: z.string().nullable(),
  venueName: z.string().nullable(),
  stepFree: z.boolean(),
  instructorId: z.string().nullable(),
  instructorName: z.string().nullable(),
  termId: z.string().nullable(),
  termName: z.string().nullable(),
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
  capacity: z.number().nullable(),
  seatsTaken: z.number(),
  seatsLeft: z.number().nullable(),
  feeCents: z.number(),
  enrolmentMode: z.string(),
  enrolmentOpensAt: z.string().nullable(),
  enrolmentClosesAt: z.string().nullable(),
  firstStartsAt: z.string().nullable(),
  lastEndsAt: z.string().nullable(),
  weekdays: z.array(z.number()),
  dayParts: z.array(z.string()),
  totalHours: z.number(),
  scheduleText: z.string(),
  status: z.string(),
};
export const offeringPage = pageOf(z.object({ canEdit: z.boolean(), version: z.number(), updatedAt: z.string(), ...offeringRowFields }).strict());
export const schedulePreview = z
  .object({
    sessions: z.array(
      z
        .object({
          seq: z.number(),
          date: z.string(),
          weekday: z.number(),
          startsAt: z.string(),
          endsAt: z.string(),
          hours: z.number(),
          venueClash: z.object({ id: z.string(), title: z.string(), startsAt: z.string(), endsAt: z.string() }).strict().nullable(),
          instructorClash: z.object({ title: z.string(), startsAt: z.string(), endsAt: z.string() }).strict().nullable(),
        })
        .strict(),
    ),
    totalHours: z.number(),
  })
  .strict();
export const offeringDetail = z
  .object({
    courseId: z.string().nullable(),
    schedule: weeklyScheduleShape.nullable(),
    cancelReason: z.string().nullable(),
    canEdit: z.boolean(),
    scheduleEditable: z.boolean(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
    description: z.string(),
    feeWaiver: z.string(),
    cancelCutoffHours: z.number(),
    completionThreshold: z.number(),
    eligibility: eligibilityShape,
    eligibilityText: z.array(z.string()),
    returningRule: z.enum(RETURNING_RULES),
    previousOfferingId: z.string().nullable(),
    ...offeringSurroundings,
    enrolmentState: z.enum(['none', 'open', 'not_open', 'closed']),
    sessions: z.array(offeringSession),
    ...offeringRowFields,
    kind: z.enum(OFFERING_KINDS),
    eventType: z.enum(EVENT_TYPES).nullable(),
    targetGroups: z.array(z.enum(TARGET_GROUPS)),
    enrolmentMode: z.enum(ENROLMENT_MODES),
  })
  .strict();
export const publicCampaignPage = campaignPage;
