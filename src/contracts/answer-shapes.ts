// Shapes many answers share: a page of a list (API.md "Lists"), a file download, an empty answer.
import { z } from 'zod';

/** `{ items, total, page, pageSize }`: one page of a list and the count of all matches. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z
    .object({
      items: z.array(item),
      total: z.number().int().describe('how many match the filters, over all pages'),
      page: z.number().int(),
      pageSize: z.number().int(),
    })
    .strict();

/** A download (Excel, Word, CSV, PDF): the body is the file's bytes, not JSON. */
export const fileBody = (what: string) => z.any().describe(`${what} (binary file, not JSON)`).meta({ type: 'string', format: 'binary' });

/** Who owns a pool entry, as kernel/ownership.ts presentOwner answers it, and whether it is shared below. */
export const poolOwnerAnswer = {
  ownerRegionCode: z.string(),
  ownerRegionName: z.string(),
  ownerLevel: z.enum(['district', 'street', 'community']),
  ownerInstitutionId: z.string().nullable(),
  ownerInstitutionName: z.string().nullable(),
  shared: z.boolean(),
};

/** A pool's counts (kernel/ownership.ts presentPoolSummary): per owner level, street, kind and status. */
export const poolSummary = z
  .object({
    total: z.number(),
    byLevel: z.object({ district: z.number(), street: z.number(), community: z.number() }).strict(),
    byStreet: z.array(z.object({ code: z.string(), name: z.string(), count: z.number() }).strict()),
    byKind: z.record(z.string(), z.number()),
    byStatus: z.record(z.string(), z.number()),
  })
  .strict();

/** A bulk action on a pool's selected entries: how many changed, and why each of the others was skipped. */
export const poolBulkAnswer = z
  .object({ updated: z.number(), skipped: z.array(z.object({ id: z.string(), reason: z.enum(['not_found', 'read_only', 'not_applicable']) }).strict()) })
  .strict();

/** 204: no body. */
export const noContent = z.null().describe('No body');
