// Request validation with zod, keeping the issues so the error mapper can name each field in the
// caller's language (contracts/field-messages.ts: the same words the web forms show).
import type { FastifySchemaCompiler } from 'fastify';
import type { ZodType } from 'zod';
import { fieldIssues, type FieldMessageKey } from '../../contracts/field-messages';

/** The message key of each faulty field, found at once so the error keeps no part of what was sent. */
export class RequestValidationError extends Error {
  statusCode = 422;
  constructor(public readonly fields: Record<string, FieldMessageKey>) {
    super('request validation failed');
  }
}

export const zodValidatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(fieldIssues(result.error.issues, data, httpPart ?? 'body')) };
  };

// The issue → message key mapping is shared with the web forms; the Excel imports read it from here too.
export { issueMessage } from '../../contracts/field-messages';
