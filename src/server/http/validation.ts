// Request validation with zod, keeping the issues so the error mapper can name each field in the
// caller's language.
import type { FastifySchemaCompiler } from 'fastify';
import type { ZodType, z } from 'zod';

export class RequestValidationError extends Error {
  statusCode = 422;
  constructor(public readonly issues: z.core.$ZodIssue[], public readonly part: string) {
    super('request validation failed');
  }
}

export const zodValidatorCompiler: FastifySchemaCompiler<ZodType> = ({ schema, httpPart }) => (data) => {
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data };
  return { error: new RequestValidationError(result.error.issues, httpPart ?? 'body') };
};

/** A zod issue as a message key and its parameters. */
export function issueMessage(issue: z.core.$ZodIssue): { key: string; params?: Record<string, string | number> } {
  if (issue.message && issue.message.includes('.') && !issue.message.includes(' ')) return { key: issue.message };
  switch (issue.code) {
    case 'invalid_type':
      if ((issue as { input?: unknown }).input === undefined || (issue as { input?: unknown }).input === null) return { key: 'validation.required' };
      return { key: issue.expected === 'number' || issue.expected === 'int' ? 'validation.number' : 'validation.invalid' };
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? { key: 'validation.required' } : { key: 'validation.too_short', params: { min: Number(issue.minimum) } };
      return { key: 'validation.min', params: { min: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { key: 'validation.too_long', params: { max: Number(issue.maximum) } };
      return { key: 'validation.max', params: { max: Number(issue.maximum) } };
    case 'invalid_value':
      return { key: 'validation.one_of', params: { values: issue.values.map(String).join(', ') } };
    default:
      return { key: 'validation.invalid' };
  }
}
