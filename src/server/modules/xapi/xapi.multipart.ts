// multipart/mixed bodies of the statement resource: the statements as the first part, then one part
// per attachment carrying its SHA-2 in X-Experience-API-Hash.
import { XapiInvalid } from './xapi.validate';

export interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

export function boundaryOf(contentType: string): string | null {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : null;
}

export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new XapiInvalid('multipart body: boundary not found');
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') break;
    // skip transport padding and the CRLF after the delimiter
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    else if (body[pos] === 0x0a) pos += 1;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), pos);
    const nextLf = next < 0 ? body.indexOf(Buffer.concat([Buffer.from('\n'), delimiter]), pos) : -1;
    if (next < 0 && nextLf < 0) throw new XapiInvalid('multipart body: unterminated part');
    const end = next >= 0 ? next : nextLf;
    const chunk = body.subarray(pos, end);
    let headerEnd = chunk.indexOf('\r\n\r\n');
    let sep = 4;
    if (headerEnd < 0) {
      headerEnd = chunk.indexOf('\n\n');
      sep = 2;
    }
    if (headerEnd < 0) {
      // a part with no headers starts with the blank line
      if (chunk.subarray(0, 2).toString() === '\r\n') {
        headerEnd = 0;
        sep = 2;
      } else throw new XapiInvalid('multipart body: part without headers');
    }
    const headers: Record<string, string> = {};
    for (const line of chunk.subarray(0, headerEnd).toString('utf8').split(/\r?\n/)) {
      const i = line.indexOf(':');
      if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    parts.push({ headers, body: chunk.subarray(headerEnd + sep) });
    pos = end + (next >= 0 ? 2 : 1);
  }
  return parts;
}

export function buildMultipart(boundary: string, parts: { contentType: string; headers?: Record<string, string>; body: Buffer }[]): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const head = [`--${boundary}`, `Content-Type: ${p.contentType}`, ...Object.entries(p.headers ?? {}).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
    chunks.push(Buffer.from(head), p.body, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}
