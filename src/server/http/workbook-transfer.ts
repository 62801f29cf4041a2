// Excel files in and out of routes: downloads named for the user, uploads checked before anything parses them.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Invalid } from '../kernel/errors';
import { XLSX_TYPE, attachment, checkWorkbookArchive } from '../kernel/excel';

/** Answers with a workbook (a template, or an export's stream) saved under `filename`. */
export const sendWorkbook = (reply: FastifyReply, filename: string, body: unknown) =>
  reply.type(XLSX_TYPE).header('Content-Disposition', attachment(filename)).send(body);

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
