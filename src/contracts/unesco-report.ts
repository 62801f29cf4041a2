// The UNESCO GNLC biennial self-report: which region and year, and the report's language (chosen by the
// caller, independent of the screen's language).
import { z } from 'zod';

export const unescoReportQuery = z.object({
  region: z.string().max(12),
  year: z.coerce.number().int().min(2000).max(2100),
  /** zh-CN or en; the request's language when absent. */
  lang: z.enum(['zh-CN', 'en']).optional(),
});
export type UnescoReportQuery = z.infer<typeof unescoReportQuery>;
