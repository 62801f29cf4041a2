import type { App } from '../../http/app';
import { idParam, routeOptions } from '../../http/route-options';
import { Invalid, invalidField } from '../../kernel/errors';
import { FILE_PURPOSES, MAX_UPLOAD_BYTES, type FilePurpose } from './files.policy';
import type { FilesService } from './files.service';
import { rangeNotSatisfiable, uploadedFile } from '../../../contracts/files';
import { fileBody, noContent } from '../../../contracts/answer-shapes';

const route = routeOptions(['files']);

/** A single `bytes=start-end` range (or suffix `bytes=-n`) within `size`; null when it cannot be served. */
export function parseRange(header: string, size: number): { start: number; end: number } | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number, end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start <= end && start < size ? { start, end } : null;
}

const INLINE = /^(image|video|audio)\/|^application\/pdf$|^text\/plain$/;

export function fileRoutes(files: FilesService) {
  return (app: App) => {
    app.post(
      '/api/files',
      route('Upload a file (multipart: field "purpose", then field "file"); attach it to an entity by its id', { response: { 201: uploadedFile } }),
      async (req, reply) => {
        if (!req.isMultipart()) throw new Invalid('import.bad_file');
        // A refusal must not wait for (or read) a body of gigabytes: decide from the headers where they
        // suffice, and close the connection after any refusal so the rest of the body is never read.
        reply.header('Connection', 'close');
        const queryPurpose = (req.query as { purpose?: string }).purpose;
        const length = Number(req.headers['content-length']);
        await files.checkBeforeBody(req.ctx, {
          purpose: (FILE_PURPOSES as readonly string[]).includes(queryPurpose ?? '') ? (queryPurpose as FilePurpose) : undefined,
          contentLength: Number.isFinite(length) && length >= 0 ? length : undefined,
        });
        const part = await req.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
        if (!part) throw invalidField('file', 'validation.required');
        const field = part.fields.purpose as { value?: unknown } | undefined;
        const purpose = String(field?.value ?? (req.query as { purpose?: string }).purpose ?? '');
        if (!(FILE_PURPOSES as readonly string[]).includes(purpose)) {
          throw invalidField('purpose', 'validation.one_of', { values: FILE_PURPOSES.join(', ') });
        }
        const stored = await files.upload(req.ctx, { purpose: purpose as FilePurpose, filename: part.filename, headerType: part.mimetype, stream: part.file });
        reply.removeHeader('Connection');
        return reply.status(201).send(stored);
      },
    );

    app.get(
      '/api/files/:id',
      route('Download a file; supports Range', {
        params: idParam,
        response: {
          200: fileBody('The stored file (its own content type)'),
          206: fileBody('The stored file (its own content type)'),
          304: noContent,
          416: rangeNotSatisfiable,
        },
      }),
      async (req, reply) => {
        const { file, read } = await files.open(req.ctx, req.params.id);
        const disposition = INLINE.test(file.contentType) ? 'inline' : 'attachment';
        reply
          .header('Accept-Ranges', 'bytes')
          .header('ETag', `"${file.sha256}"`)
          .header('X-Content-Type-Options', 'nosniff')
          // A file that is not public is somebody's data (evidence, a photo): kept in no cache.
          .header('Cache-Control', file.access === 'public' ? 'public, max-age=3600' : 'no-store')
          .header('Content-Disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
          .type(file.contentType);
        if (req.headers['if-none-match'] === `"${file.sha256}"`) return reply.status(304).send(null);
        const rangeHeader = req.headers.range;
        if (rangeHeader) {
          const range = parseRange(rangeHeader, file.size);
          if (!range) return reply.status(416).header('Content-Range', `bytes */${file.size}`).send(undefined);
          return reply
            .status(206)
            .header('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`)
            .header('Content-Length', range.end - range.start + 1)
            .send(read(range));
        }
        return reply.header('Content-Length', file.size).send(read());
      },
    );
  };
}
