// What a partner's statement about a resident means for the learning archive, and the verbs of the
// platform's own events. Pure functions, table-tested.
import type { Obj } from './xapi.validate';

/** Verbs whose statements count as learning: the archive's outcome for each. Others are stored but not archived. */
export const COUNTED_VERBS: Record<string, 'completed' | 'attended'> = {
  'http://adlnet.gov/expapi/verbs/completed': 'completed',
  'http://adlnet.gov/expapi/verbs/passed': 'completed',
  'http://adlnet.gov/expapi/verbs/mastered': 'completed',
  'https://w3id.org/xapi/adl/verbs/satisfied': 'completed',
  'http://adlnet.gov/expapi/verbs/attended': 'attended',
};

/** Hours as a number, in `result.extensions` or `context.extensions`, when a partner does not send `result.duration`. */
export const HOURS_EXTENSION = 'https://learncity.org/xapi/extensions/hours';

/** The platform's own events (enrolled, attended, completed, rated, credited) and the verb IRIs they are stored with. */
export const PLATFORM_VERBS = {
  enrolled: { id: 'http://adlnet.gov/expapi/verbs/registered', display: { 'zh-CN': '报名', 'en-US': 'enrolled' } },
  attended: { id: 'http://adlnet.gov/expapi/verbs/attended', display: { 'zh-CN': '参加', 'en-US': 'attended' } },
  completed: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'zh-CN': '完成', 'en-US': 'completed' } },
  rated: { id: 'http://id.tincanapi.com/verb/rated', display: { 'zh-CN': '评价', 'en-US': 'rated' } },
  credited: { id: 'https://learncity.org/xapi/verbs/credited', display: { 'zh-CN': '认定学分', 'en-US': 'credited' } },
} as const;
export type PlatformVerb = keyof typeof PLATFORM_VERBS;

const MAX_HOURS = 500;

/** ISO 8601 duration (`PT1H30M`, `P1DT2H`, `PT5400S`) in hours; null when absent or not a duration. */
export function durationHours(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value);
  if (!m || value === 'P' || value.endsWith('T')) return null;
  const [w, d, h, min, s] = m.slice(1).map((x) => Number(x ?? 0));
  return w * 168 + d * 24 + h + min / 60 + s / 3600;
}

function hoursOf(statement: Obj): number {
  const result = statement.result as Obj | undefined;
  const fromDuration = durationHours(result?.duration);
  const ext =
    (result?.extensions as Obj | undefined)?.[HOURS_EXTENSION] ?? ((statement.context as Obj | undefined)?.extensions as Obj | undefined)?.[HOURS_EXTENSION];
  const fromExtension = typeof ext === 'number' && Number.isFinite(ext) && ext >= 0 ? ext : null;
  const hours = fromDuration ?? fromExtension ?? 0;
  // One decimal, as the archive keeps it; an absurd figure from a partner is capped rather than refused.
  return Math.min(MAX_HOURS, Math.round(hours * 10) / 10);
}

/** The activity's name in Chinese, else English, else any language, else its id. */
export function titleOf(object: Obj): string {
  const name = ((object.definition as Obj | undefined)?.name ?? {}) as Record<string, string>;
  const keys = Object.keys(name);
  const key = keys.find((k) => k.toLowerCase().startsWith('zh')) ?? keys.find((k) => k.toLowerCase().startsWith('en')) ?? keys[0];
  return String(key ? name[key] : (object.id ?? '')).slice(0, 200);
}

export interface PartnerLearning {
  title: string;
  hours: number;
  outcome: 'completed' | 'attended';
  occurredAt: Date;
  activityId: string;
}

/**
 * The archive entry a stored statement stands for, or null when it does not count: a verb that is not a
 * completion or attendance, an object that is not an activity, or a completion the result marks as failed.
 */
export function learningOf(statement: Obj): PartnerLearning | null {
  const outcome = COUNTED_VERBS[String((statement.verb as Obj | undefined)?.id)];
  if (!outcome) return null;
  const object = statement.object as Obj;
  if ((object.objectType ?? 'Activity') !== 'Activity') return null;
  const result = statement.result as Obj | undefined;
  if (result?.success === false || result?.completion === false) return null;
  const stored = new Date(String(statement.stored));
  const claimed = new Date(String(statement.timestamp ?? statement.stored));
  // Learning cannot have happened after it was reported: a partner's clock ahead of ours is corrected.
  const occurredAt = Number.isNaN(claimed.getTime()) || claimed > stored ? stored : claimed;
  return { title: titleOf(object), hours: hoursOf(statement), outcome, occurredAt, activityId: String(object.id) };
}
