// Excel files in and out of routes: downloads named for the user, uploads checked before anything parses them.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Invalid } from '../kernel/errors';
import { XLSX_TYPE, attachment, checkWorkbookArchive } from '../kernel/excel';
import { requireStaff, type RequestContext } from '../kernel/actor';
import { accepted } from './route-options';

/** Answers with a workbook (a template, or an export's stream) saved under `filename`. */
export const sendWorkbook = (reply: FastifyReply, filename: string, body: unknown) =>
  reply.type(XLSX_TYPE).header('Content-Disposition', attachment(filename)).send(body);

/** Answers with a workbook a service built and named itself (an assessment's results, a form's template). */
export const sendNamedWorkbook = async (reply: FastifyReply, workbook: Promise<{ file: unknown; filename: string }>) => {
  const { file, filename } = await workbook;
  return sendWorkbook(reply, filename, file);
};

/** A pool's import template, for staff only: nobody else may import, so nobody else needs it. */
export async function sendImportTemplate(ctx: RequestContext, reply: FastifyReply, filename: string, template: () => Promise<unknown>) {
  requireStaff(ctx);
  return sendWorkbook(reply, filename, await template());
}

/** The bytes of a multipart upload's "file" field, refused (import.bad_file) when absent; the reader checks them. */
export async function receiveUpload(req: FastifyRequest): Promise<Buffer> {
  const file = req.isMultipart() ? await req.file() : undefined;
  if (!file) throw new Invalid('import.bad_file');
  return file.toBuffer();
}

/** The workbook of a multipart upload's "file" field, refused (import.bad_file) when absent or a zip bomb. */
export async function receiveWorkbook(req: FastifyRequest): Promise<Buffer> {
  const buffer = await receiveUpload(req);
  checkWorkbookArchive(buffer);
  return buffer;
}

/**
 * Answers 202 once an uploaded workbook's import has started as a job: a caller who may not import is refused
 * (`mayImport` throws) before the upload is read, and `start` gets the workbook checked against zip bombs.
 */
export async function acceptWorkbookImport<Answer>(
  req: FastifyRequest,
  reply: { status(code: 202): { send(payload: Answer): unknown } },
  mayImport: (ctx: RequestContext) => unknown,
  start: (workbook: Buffer) => Promise<NoInfer<Answer>>,
): Promise<void> {
  mayImport(req.ctx);
  return accepted(reply, start(await receiveWorkbook(req)));
}
