// A multipart/form-data body as a browser sends it: plain fields first, then one file.
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function multipart(file: Buffer, opts: { filename?: string; contentType?: string; fields?: Record<string, string> } = {}) {
  const boundary = '----learncity' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(opts.fields ?? {})) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  const filename = opts.filename ?? 'upload.xlsx';
  parts.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${opts.contentType ?? XLSX}\r\n\r\n`),
  );
  parts.push(file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
