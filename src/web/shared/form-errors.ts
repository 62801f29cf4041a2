// Field errors found in the browser with the contract schema the API validates the same request with, worded
// as the API words them (contracts/field-messages.ts), so a field says the same before and after the round trip.
import type { z } from 'zod';
import { fieldIssues, fieldMessage, type FieldMessageLocale } from '../../contracts/field-messages';
import { currentLocale } from './locale';

/**
 * What the API would answer in `details.fields` for this request body, in the UI's language; empty when the
 * schema accepts it. `names` renames a schema field to the form's own (a login field that takes a phone).
 */
export function formErrors(
  schema: z.ZodType,
  body: unknown,
  names: Record<string, string> = {},
  locale: FieldMessageLocale = currentLocale(),
): Record<string, string> {
  const result = schema.safeParse(body);
  if (result.success) return {};
  return Object.fromEntries(Object.entries(fieldIssues(result.error.issues, body)).map(([field, m]) => [names[field] ?? field, fieldMessage(m, locale)]));
}

/** Field errors under the form item they belong to: `availability.0.to` is shown by the item of `availability`. */
export function byFormItem(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) out[path.split('.')[0]] ??= message;
  return out;
}
