// Monitoring contracts: indicator definitions and standard sets (data, not code), data-reporting forms
// and their submissions. Shared by the API, the Excel upload and the console forms.
import { z } from 'zod';
import { pageOf } from './answer-shapes';

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
export const standardSetInput = standardSetBody.extend({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,31}$/, 'standard.code_format'),
});

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
  deadline: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}(T.*)?$/, 'form.deadline_format'),
  units: z
    .array(z.object({ regionCode: z.string().max(12).nullish(), institutionId: z.string().uuid().nullish() }))
    .min(1)
    .max(500),
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
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  decimals: z.number().int(),
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
export const reportTextsBody = z.object({
  region: z.string().max(12),
  year: reportYear,
  locale: z.enum(REPORT_LOCALES),
  problems: editableText,
  priorities: editableText,
});

// Answers: what the routes send (the serializer checks every answer against them; OpenAPI documents them).
export const chartPoint = z.object({ name: z.string(), value: z.number().nullable() }).strict();
export const yearValue = z.object({ year: z.number(), value: z.number().nullable() }).strict();
export const computedSource = z.object({ kind: z.literal('computed'), query: z.string() }).strict();
export const derivedSource = z.object({ kind: z.literal('derived'), formula: z.string() }).strict();
export const regionRef = z.object({ code: z.string(), name: z.string(), level: z.string() }).strict();
export const populationFigure = z.object({ year: z.number(), total: z.number(), age60plus: z.number().nullable(), source: z.string() }).strict();
export const reportedSource = z
  .object({ kind: z.literal('reported'), aggregate: z.enum(['sum', 'own']), annual: z.enum(['sum', 'average', 'latest']).optional() })
  .strict();
export const populationCount = z.object({ total: z.number(), age60plus: z.number().nullable(), source: z.string() }).strict();
export const regionWithLevel = z
  .object({ code: z.string(), name: z.string(), level: z.enum(['city', 'district', 'street', 'community', 'province']) })
  .strict();
export const reportTable = z
  .object({ head: z.array(z.string()), rows: z.array(z.array(z.string())), numeric: z.array(z.boolean()), note: z.string().optional() })
  .strict();
export const reportComparison = z
  .object({ lastYear: z.array(z.string()), lastYearTable: reportTable.nullable(), standards: z.array(z.string()), standardsTable: reportTable.nullable() })
  .strict();
export const standardRuleShape = z
  .object({
    indicator: z.string(),
    level: z.enum(['city', 'district', 'street', 'community']),
    op: z.enum(['>=', '<=']),
    value: z.number(),
    note: z.string(),
    perResidents: z.number().nullable().optional(),
  })
  .strict();
export const reportHeadings = z
  .object({
    summary: z.string(),
    work: z.string(),
    comparison: z.string(),
    lastYear: z.string(),
    standards: z.string(),
    problems: z.string(),
    priorities: z.string(),
    appendixRegions: z.string(),
    appendixSources: z.string(),
  })
  .strict();
export const formFieldShape = z
  .object({
    key: z.string(),
    label: z.string(),
    type: z.enum(['number', 'boolean', 'integer', 'text']),
    unit: z.string(),
    required: z.boolean(),
    help: z.string(),
    min: z.number().nullable().optional(),
    max: z.number().nullable().optional(),
    feeds: z.string().nullable().optional(),
  })
  .strict();
export const standardSet = z
  .object({
    nameZh: z.string(),
    nameEn: z.string(),
    source: z.string(),
    rules: z.array(standardRuleShape),
    code: z.string(),
    version: z.number(),
    updatedAt: z.string(),
  })
  .strict();
export const assignment = z
  .object({
    id: z.string(),
    taskId: z.string(),
    title: z.string(),
    period: z.string(),
    deadline: z.string(),
    unitKind: z.string(),
    regionCode: z.string(),
    institutionId: z.string().nullable(),
    unitName: z.string(),
    status: z.string(),
    version: z.number(),
    firstSubmittedAt: z.string().nullable(),
    acceptedAt: z.string().nullable(),
    onTime: z.boolean().nullable(),
    isOverdue: z.boolean(),
  })
  .strict();
export const formTemplate = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    fields: z.array(formFieldShape),
    ownerRegionCode: z.string(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .strict();
export const indicatorBodyShape = z
  .object({
    nameZh: z.string(),
    nameEn: z.string(),
    area: z.enum(['F1', 'F2', 'F3', 'K1', 'K2', 'K3', 'K4', 'K5', 'K6', 'B1', 'B2', 'B3', 'BASE']),
    unit: z.string(),
    decimals: z.number(),
    description: z.string(),
    source: z.union([computedSource, reportedSource, derivedSource]),
    higherIsBetter: z.boolean(),
  })
  .strict();
export const definition = z
  .object({
    code: z.string(),
    version: z.number(),
    sortOrder: z.number(),
    updatedAt: z.string(),
    queryAvailable: z.boolean().nullable(),
    inputs: z.array(z.string()),
    ...indicatorBodyShape.shape,
  })
  .strict();
export const complianceCheck = z
  .object({
    set: z.string(),
    setName: z.string(),
    op: z.enum(['>=', '<=']),
    threshold: z.number(),
    thresholdText: z.string(),
    status: z.enum(['partial', 'meets', 'below', 'above', 'no_data']),
    note: z.string(),
  })
  .strict();
export const indicatorCoverage = z
  .object({
    rule: z.enum(['sum', 'average', 'latest']),
    expected: z.number(),
    reported: z.number(),
    unit: z.enum(['unit', 'city', 'district', 'street', 'community']),
    periods: z.array(z.object({ period: z.string(), expected: z.number(), accepted: z.number() }).strict()),
    yearComplete: z.boolean(),
    complete: z.boolean(),
    from: z.array(z.string()).optional(),
  })
  .strict();
export const indicatorResult = z
  .object({
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    area: z.string(),
    unit: z.string(),
    decimals: z.number(),
    value: z.number().nullable(),
    checks: z.array(complianceCheck),
    status: z.enum(['partial', 'meets', 'below', 'above', 'no_data']).nullable(),
    computedAt: z.string().nullable(),
    definitionVersion: z.number().nullable(),
    coverage: indicatorCoverage.nullable(),
    coverageText: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()).nullable(),
  })
  .strict();
export const indicatorFigure = z
  .object({
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    unit: z.string(),
    decimals: z.number(),
    value: z.number().nullable(),
    status: z.enum(['partial', 'meets', 'below', 'above', 'no_data']).nullable(),
    checks: z.array(complianceCheck),
    computedAt: z.string().nullable(),
    coverage: indicatorCoverage.nullable(),
    coverageText: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()).nullable(),
  })
  .strict();
export const indicatorAlert = z
  .object({
    regionCode: z.string(),
    regionName: z.string(),
    level: z.string(),
    indicator: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    unit: z.string(),
    decimals: z.number(),
    value: z.number(),
    threshold: z.number(),
    thresholdText: z.string(),
    set: z.string(),
    setName: z.string(),
    gap: z.number(),
  })
  .strict();
export const childRow = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.string(),
    figures: z.record(
      z.string(),
      z
        .object({
          value: z.number().nullable(),
          status: z.enum(['partial', 'meets', 'below', 'above', 'no_data']).nullable(),
          coverageText: z.string().nullable(),
        })
        .strict(),
    ),
  })
  .strict();
export const reportChapter = z.object({ key: z.string(), heading: z.string(), paragraphs: z.array(z.string()), table: reportTable.nullable() }).strict();
export const editableReportText = z.object({ text: z.string(), drafted: z.string(), edited: z.boolean(), updatedAt: z.string().nullable() }).strict();
export const reportChart = z
  .object({
    key: z.string(),
    title: z.string(),
    unit: z.string(),
    decimals: z.number(),
    items: z.array(chartPoint),
    mark: z.number().optional(),
    markText: z.string().optional(),
    missingText: z.string(),
  })
  .strict();
export const citedFigure = z.object({ code: z.string(), year: z.number(), value: z.number() }).strict();
export const unescoSentence = z.object({ text: z.string(), figures: z.array(citedFigure) }).strict();
export const unescoFeature = z
  .object({
    key: z.string(),
    title: z.string(),
    coverage: z.object({ indicators: z.number(), withData: z.number() }).strict(),
    sentences: z.array(unescoSentence),
    missing: z.array(z.string()),
    gap: z.string(),
  })
  .strict();
export const appendixRow = z
  .object({
    feature: z.string(),
    code: z.string(),
    name: z.string(),
    unit: z.string(),
    value: z.string(),
    previous: z.string(),
    coverage: z.string(),
    source: z.string(),
  })
  .strict();
export const formTemplatePage = pageOf(formTemplate);
export const formTemplateDetail = formTemplate;
/** A data-reporting task as its list and its page both name it. */
const formTaskFields = {
  id: z.string(),
  templateId: z.string(),
  title: z.string(),
  period: z.string(),
  deadline: z.string(),
  ownerRegionCode: z.string(),
};
export const formTaskPage = pageOf(
  z
    .object({
      ...formTaskFields,
      total: z.number(),
      submitted: z.number(),
      accepted: z.number(),
      onTime: z.number(),
    })
    .strict(),
);
export const formTaskDetail = z
  .object({
    ...formTaskFields,
    fields: z.array(formFieldShape),
    assignments: z.array(assignment),
    onTimeRate: z.number().nullable(),
  })
  .strict();
export const assignmentPage = pageOf(assignment);
export const assignmentDetail = assignment.extend({
  fields: z.array(formFieldShape),
  canSubmit: z.boolean(),
  canReview: z.boolean(),
  versions: z.array(
    z
      .object({
        version: z.number(),
        values: z.unknown(),
        via: z.string(),
        submittedBy: z.string().nullable(),
        submittedAt: z.string(),
        decision: z.string().nullable(),
        comment: z.string().nullable(),
        reviewedBy: z.string().nullable(),
        reviewedAt: z.string().nullable(),
      })
      .strict(),
  ),
});
export const onTimeRates = z
  .object({
    items: z.array(
      z
        .object({
          rate: z.number().nullable(),
          regionCode: z.string(),
          institutionId: z.string().nullable(),
          unitName: z.string(),
          due: z.number(),
          onTime: z.number(),
          late: z.number(),
          missing: z.number(),
        })
        .strict(),
    ),
  })
  .strict();
export const noticePage = pageOf(
  z.object({ id: z.string(), assignmentId: z.string(), kind: z.string(), message: z.string(), regionCode: z.string(), createdAt: z.string() }).strict(),
);
export const indicatorDefinitions = z
  .object({ items: z.array(definition), queries: z.array(z.object({ name: z.string(), description: z.string() }).strict()) })
  .strict();
export const indicatorDefinitionDetail = z
  .object({
    history: z.array(z.object({ version: z.number(), changedBy: z.string().nullable(), changedAt: z.string(), body: indicatorBodyShape }).strict()),
    ...definition.shape,
  })
  .strict();
export const standardSets = z.object({ items: z.array(standardSet), chosen: z.array(z.string()), chosenAt: z.string().nullable() }).strict();
export const standardSetHistory = z
  .object({
    items: z.array(
      z
        .object({
          version: z.number(),
          changedBy: z.string().nullable(),
          changedAt: z.string(),
          body: z.object({ nameZh: z.string(), nameEn: z.string(), source: z.string(), rules: z.array(standardRuleShape) }).strict(),
        })
        .strict(),
    ),
  })
  .strict();
export const standardSetDetail = standardSet;
export const chosenStandardSets = z.object({ region: z.string(), chosen: z.array(z.string()) }).strict();
export const computationSummary = z
  .object({
    region: z.string(),
    year: z.number(),
    indicators: z.number(),
    regions: z.number(),
    values: z.number(),
    ms: z.number(),
    phasesMs: z.object({ queries: z.number(), write: z.number() }).strict(),
  })
  .strict();
export const indicatorResults = z
  .object({
    region: regionWithLevel,
    year: z.number(),
    computedAt: z.string().nullable(),
    items: z.array(indicatorResult),
    children: z.array(
      z
        .object({
          code: z.string(),
          name: z.string(),
          level: z.enum(['city', 'district', 'street', 'community', 'province']),
          values: z.record(
            z.string(),
            z.object({ value: z.number().nullable(), status: z.enum(['partial', 'meets', 'below', 'above', 'no_data']).nullable() }).strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();
export const indicatorProvenance = z
  .object({
    region: z.object({ code: z.string(), name: z.string() }).strict(),
    year: z.number(),
    code: z.string(),
    value: z.number().nullable(),
    definitionVersion: z.number().nullable().describe('the definition version the value was computed with; null before any computation'),
    currentVersion: z.number(),
    computedAt: z.string().nullable(),
    definition: indicatorBodyShape,
    provenance: z.record(z.string(), z.unknown()).nullable(),
  })
  .strict();
export const dashboard = z
  .object({
    region: regionWithLevel,
    path: z.array(regionRef),
    year: z.number(),
    computedAt: z.string().nullable(),
    childLevel: z
      .enum(['city', 'district', 'street', 'community', 'province'])
      .nullable()
      .describe("the level of the region's children; null for a community, which has none"),
    childCount: z.number(),
    headline: z.array(
      z
        .object({
          previous: z.number().nullable(),
          series: z.array(yearValue),
          ...indicatorFigure.shape,
        })
        .strict(),
    ),
    sections: z
      .object({
        coverage: z.array(indicatorFigure),
        resources: z.array(indicatorFigure),
        quality: z.array(indicatorFigure),
        digital: z.array(indicatorFigure),
        participation: z.array(indicatorFigure),
        elderly: z.array(indicatorFigure),
        minors: z.array(indicatorFigure),
        creditBank: z.array(indicatorFigure),
        organisations: z.array(indicatorFigure),
      })
      .strict(),
    compliance: z.array(
      z
        .object({
          code: z.string(),
          nameZh: z.string(),
          nameEn: z.string(),
          unit: z.string(),
          decimals: z.number(),
          value: z.number().nullable(),
          checks: z.array(complianceCheck),
          coverage: indicatorCoverage.nullable(),
          coverageText: z.string().nullable(),
        })
        .strict(),
    ),
    alerts: z.array(indicatorAlert),
    sentences: z.array(z.string()),
    rankings: z.array(
      z
        .object({
          code: z.string(),
          nameZh: z.string(),
          nameEn: z.string(),
          unit: z.string(),
          decimals: z.number(),
          items: z.array(
            z
              .object({
                rank: z.number(),
                code: z.string(),
                name: z.string(),
                value: z.number(),
                status: z.enum(['partial', 'meets', 'below', 'above', 'no_data']).nullable(),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
    heat: z
      .object({
        columns: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), unit: z.string(), decimals: z.number() }).strict()),
        rows: z.array(childRow),
      })
      .strict(),
    trends: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), unit: z.string(), points: z.array(yearValue) }).strict()),
    partial: z.array(
      z
        .object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), coverage: indicatorCoverage.nullable(), coverageText: z.string().nullable() })
        .strict(),
    ),
  })
  .strict();
export const populationOverview = z
  .object({
    region: regionWithLevel,
    year: z.number(),
    own: populationFigure.nullable(),
    children: z.array(
      z
        .object({
          code: z.string(),
          name: z.string(),
          level: z.enum(['city', 'district', 'street', 'community', 'province']),
          figure: populationFigure.nullable(),
        })
        .strict(),
    ),
    childrenReported: z.number(),
    childrenTotal: z.number(),
    childrenSum: z.object({ total: z.number(), age60plus: z.number() }).strict(),
    difference: z.object({ total: z.number(), age60plus: z.number().nullable(), percent: z.number().nullable() }).strict().nullable(),
  })
  .strict();
export const censusImport = z
  .object({
    items: z.array(
      z
        .object({ code: z.string(), name: z.string(), year: z.number(), before: populationCount.nullable(), after: populationCount, changed: z.boolean() })
        .strict(),
    ),
    changed: z.number(),
  })
  .strict();
/** What an annual report says, the same on the report page and in the document exported from it. */
const annualReportText = {
  locale: z.enum(['zh-CN', 'en']),
  region: z.object({ code: z.string(), name: z.string() }).strict(),
  year: z.number(),
  title: z.string(),
  issuer: z.string(),
  issuedOn: z.string(),
  dataAsOf: z.string().nullable(),
  headings: reportHeadings,
  summary: z.array(z.string()),
  summaryTable: reportTable,
  chapters: z.array(reportChapter),
  comparison: reportComparison,
  problems: editableReportText,
  priorities: editableReportText,
};
/** The appendix besides its charts (which the page answers drawn, as SVG, and the document as data). */
const annualReportAppendixTables = {
  regions: reportTable.nullable(),
  noRegions: z.string().nullable(),
  sources: reportTable,
  missing: z.array(z.string()),
  coverage: z.array(z.string()),
};
export const annualReportPage = z
  .object({
    appendix: z
      .object({
        charts: z.array(z.object({ svg: z.string(), width: z.number(), height: z.number(), ...reportChart.shape }).strict()),
        ...annualReportAppendixTables,
      })
      .strict(),
    ...annualReportText,
  })
  .strict();
export const annualReportDocument = z
  .object({
    ...annualReportText,
    appendix: z.object({ charts: z.array(reportChart), ...annualReportAppendixTables }).strict(),
  })
  .strict();
export const reportJobStarted = z.object({ id: z.string() }).strict();
export const unescoReport = z
  .object({
    lang: z.enum(['zh-CN', 'en']),
    region: regionRef,
    year: z.number(),
    previousYear: z.number(),
    computedAt: z.string().nullable(),
    title: z.string(),
    subtitle: z.string(),
    submittedBy: z.string(),
    dataAsOf: z.string(),
    labels: z.object({ gap: z.string(), appendix: z.string() }).strict(),
    summary: z.array(unescoSentence),
    groups: z.array(
      z.object({ key: z.enum(['benefits', 'blocks', 'conditions']), title: z.string(), intro: z.string(), features: z.array(unescoFeature) }).strict(),
    ),
    appendix: z.object({ columns: z.array(z.string()), rows: z.array(appendixRow) }).strict(),
  })
  .strict();
