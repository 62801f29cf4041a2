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

/** 204: no body. */
export const noContent = z.null().describe('No body');
