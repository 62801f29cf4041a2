// Monitoring contracts: indicator definitions and standard sets (data, not code), data-reporting forms
// and their submissions. Shared by the API, the Excel upload and the console forms.
import { z } from 'zod';

export const INDICATOR_CODE = /^[A-Z][A-Z0-9_]{0,31}$/;
export const FIELD_KEY = /^[a-z][a-z0-9_]{0,39}$/;
export const PERIOD = /^\d{4}(Q[1-4]|H[12]|M(0[1-9]|1[0-2]))?$/;
export const KFLC_AREAS = ['F1', 'F2', 'F3', 'K1', 'K2', 'K3', 'K4', 'K5', 'K6', 'B1', 'B2', 'B3', 'BASE'] as const;
export const LEVELS = ['city', 'district', 'street', 'community'] as const;

export const indicatorSource = z.discriminatedUnion('kind', [
  /** A named query over the platform's own records (a region subtree and a year). */
  z.object({ kind: z.literal('computed'), query: z.string().trim().min(1).max(80) }),
  /**
   * Values of form fields that feed this indicator; `sum` rolls units up the tree, `own` keeps each unit's figure.
   * `annual` turns one unit's periods (quarters, halves, months) into the year's figure: `sum` adds them (funding),
   * `average` averages them (a rate), `latest` keeps the last period's (a head count); unset, `sum` aggregates
   * add periods and `own` keeps the latest. Every reported value carries its coverage (see `coverage`).
   */
  z.object({ kind: z.literal('reported'), aggregate: z.enum(['sum', 'own']).default('sum'), annual: z.enum(['sum', 'average', 'latest']).optional() }),
  /** Arithmetic over other indicators' codes, e.g. `FUNDING / POP`. */
  z.object({ kind: z.literal('derived'), formula: z.string().trim().min(1).max(200) }),
]);

export const indicatorBody = z.object({
  nameZh: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(120),
  area: z.enum(KFLC_AREAS),
  unit: z.string().trim().max(20).default(''),
  decimals: z.number().int().min(0).max(4).default(2),
  description: z.string().trim().max(500).default(''),
  source: indicatorSource,
  /** Higher is better (most) or lower is better (rare); used for rankings. */
  higherIsBetter: z.boolean().default(true),
});
export const indicatorInput = indicatorBody.extend({ code: z.string().trim().regex(INDICATOR_CODE, 'indicator.code_format') });

export const standardRule = z.object({
  indicator: z.string().regex(INDICATOR_CODE, 'indicator.code_format'),
  level: z.enum(LEVELS),
  op: z.enum(['>=', '<=']),
  value: z.number().min(-1e12).max(1e12),
  /** The threshold grows with the region's residents: max(value, residents × perResidents). */
  perResidents: z.number().min(0).max(1).nullish(),
  note: z.string().trim().max(200).default(''),
});
export const standardSetBody = z.object({
  nameZh: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(120),
  source: z.string().trim().max(200).default(''),
  rules: z.array(standardRule).max(200),
});
export const standardSetInput = standardSetBody.extend({ code: z.string().trim().regex(/^[a-z][a-z0-9_]{0,31}$/, 'standard.code_format') });

export const FIELD_TYPES = ['integer', 'number', 'text', 'boolean'] as const;
export const formField = z.object({
  key: z.string().trim().regex(FIELD_KEY, 'form.field_key_format'),
  label: z.string().trim().min(1).max(60),
  type: z.enum(FIELD_TYPES),
  unit: z.string().trim().max(20).default(''),
  required: z.boolean().default(false),
  min: z.number().nullish(),
  max: z.number().nullish(),
  help: z.string().trim().max(200).default(''),
  /** The indicator this field's accepted values feed (a `reported` indicator). */
  feeds: z.string().regex(INDICATOR_CODE, 'indicator.code_format').nullish(),
});
export const formTemplateInput = z.object({
  title: z.string().trim().min(1).max(100),
  description: z.string().trim().max(1000).nullish(),
  ownerRegionCode: z.string().trim().min(1).max(12),
  fields: z.array(formField).min(1).max(100),
});

export const formTaskInput = z.object({
  templateId: z.string().uuid(),
  title: z.string().trim().max(100).nullish(),
  period: z.string().trim().regex(PERIOD, 'form.period_format'),
  deadline: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}(T.*)?$/, 'form.deadline_format'),
  units: z.array(z.object({ regionCode: z.string().max(12).nullish(), institutionId: z.string().uuid().nullish() })).min(1).max(500),
});

export const submissionInput = z.object({ values: z.record(z.string(), z.unknown()) });
export const reviewInput = z.object({ decision: z.enum(['accept', 'return']), comment: z.string().trim().max(1000).default('') });

export type IndicatorBody = z.infer<typeof indicatorBody>;
export type IndicatorInput = z.infer<typeof indicatorInput>;
export type StandardRule = z.infer<typeof standardRule>;
export type StandardSetBody = z.infer<typeof standardSetBody>;
export type StandardSetInput = z.infer<typeof standardSetInput>;
export type FormField = z.infer<typeof formField>;
export type FormTemplateInput = z.infer<typeof formTemplateInput>;
export type FormTaskInput = z.infer<typeof formTaskInput>;
export type ReviewInput = z.infer<typeof reviewInput>;

/**
 * How much of what should have been reported was, behind one aggregate (dashboard figures, results, the
 * report): `reported` of `expected` units (`unit`: a region level or `unit` for institutions), per period;
 * `complete` false means the figure is shown but judged against no standard (its checks read `partial`).
 */
export const coverage = z.object({
  rule: z.enum(['sum', 'average', 'latest']),
  expected: z.number().int(),
  reported: z.number().int(),
  unit: z.enum(['street', 'community', 'district', 'city', 'unit']),
  periods: z.array(z.object({ period: z.string(), expected: z.number().int(), accepted: z.number().int() })),
  yearComplete: z.boolean(),
  complete: z.boolean(),
  from: z.array(z.string()).optional(),
});
/** One figure as the dashboard and the report read it (fields added over time; none renamed). */
export const figure = z.object({
  code: z.string(), nameZh: z.string(), nameEn: z.string(), unit: z.string(), decimals: z.number().int(),
  value: z.number().nullable(),
  /** meets | below | above | no_data | partial (coverage incomplete: not judged); null without a standard. */
  status: z.enum(['meets', 'below', 'above', 'no_data', 'partial']).nullable(),
  /** When this value was computed (ISO); null when never. */
  computedAt: z.string().nullable(),
  /** Null for figures counted from the platform's own records, which are complete by construction. */
  coverage: coverage.nullable(),
  /** "1/18 个街道已报送（2026Q4）" in the request's language; null without coverage. */
  coverageText: z.string().nullable(),
  /** What a rate was counted from (numerator, denominator; waitlisted for the fill rate), when the query says. */
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type Coverage = z.infer<typeof coverage>;

/** The annual report's languages: the document is written whole in one of them. */
export const REPORT_LOCALES = ['zh-CN', 'en'] as const;
const reportYear = z.coerce.number().int().min(2000).max(2100);
/** Which report: region, year and (default: the request's language) the language it is written in. */
export const reportQuery = z.object({ region: z.string().max(12), year: reportYear, locale: z.enum(REPORT_LOCALES).optional() });
const editableText = z.string().trim().min(1).max(8000).nullable();
/** A leader's problems and next year's priorities for the export; null keeps (or, both null, restores) the drafted text. */
export const reportTextsBody = z.object({ region: z.string().max(12), year: reportYear, locale: z.enum(REPORT_LOCALES), problems: editableText, priorities: editableText });
