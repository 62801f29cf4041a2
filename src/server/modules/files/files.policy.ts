// What may be uploaded for which purpose, how big, and what the bytes really are. A file whose bytes do
// not match the type its name and header claim is refused: a renamed executable never becomes a "PDF".
import { extname } from 'node:path';
import { visibleRegionRoots, isStaff, type Actor } from '../../kernel/actor';
import { isWithin } from '../../kernel/region-code';

export const FILE_PURPOSES = ['image', 'document', 'video', 'audio', 'evidence', 'spreadsheet'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];
/**
 * Who reads a claimed file besides its uploader and the system administrator: anyone (`public`), staff over
 * its region (`staff`), no one (`private`), or only the role whose work needs it, over its region:
 * `credits` — credit-bank officers reviewing recognition; `awards` — the administrators reviewing nominations.
 */
export type FileAccess = 'public' | 'staff' | 'private' | 'credits' | 'awards';

/** The role each purpose-bound access admits (stored in a varchar(8)). */
const REVIEWER_ROLE: Partial<Record<FileAccess, string>> = { credits: 'credit_bank_officer', awards: 'region_admin' };

const MB = 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
const IMAGES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];
const DOCUMENTS = ['application/pdf', DOCX, XLSX, PPTX, 'text/plain'];

export const PURPOSE_RULES: Record<FilePurpose, { types: string[]; maxBytes: number; staffOnly: boolean }> = {
  image: { types: IMAGES, maxBytes: 10 * MB, staffOnly: false },
  document: { types: DOCUMENTS, maxBytes: 50 * MB, staffOnly: false },
  video: { types: ['video/mp4', 'video/webm'], maxBytes: 500 * MB, staffOnly: true },
  audio: { types: ['audio/mpeg', 'audio/mp4', 'audio/ogg'], maxBytes: 100 * MB, staffOnly: true },
  evidence: { types: [...IMAGES, ...DOCUMENTS, 'video/mp4'], maxBytes: 100 * MB, staffOnly: false },
  spreadsheet: { types: [XLSX], maxBytes: 20 * MB, staffOnly: false },
};
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(PURPOSE_RULES).map((r) => r.maxBytes));

const BY_EXTENSION: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.pdf': 'application/pdf',
  '.docx': DOCX,
  '.xlsx': XLSX,
  '.pptx': PPTX,
  '.txt': 'text/plain',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.webm': 'video/webm',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
};
const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'audio/mp3': 'audio/mpeg',
  'audio/x-m4a': 'audio/mp4',
  'audio/m4a': 'audio/mp4',
  'text/plain; charset=utf-8': 'text/plain',
};
const GENERIC = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/zip', 'application/x-zip-compressed']);

export const typeOfExtension = (filename: string): string | null => BY_EXTENSION[extname(filename).toLowerCase()] ?? null;

/** The type a client claims: the part's Content-Type unless it is generic, then the file name's extension. */
export function claimedType(filename: string, headerType: string | undefined): string | null {
  const header = (headerType ?? '').toLowerCase().trim();
  const fromHeader = ALIASES[header] ?? header.split(';')[0].trim();
  const fromName = typeOfExtension(filename);
  if (GENERIC.has(fromHeader)) return fromName;
  if (fromName && fromName !== fromHeader) return null; // name and header disagree
  return fromHeader;
}

const ascii = (b: Buffer, start: number, end: number) => b.subarray(start, end).toString('latin1');

/** The type the first bytes show, given the claimed type (zip containers and MP4 brands need the hint). */
export function sniffType(head: Buffer, claimed: string): string | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (ascii(head, 0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'image/webp';
  if (ascii(head, 0, 5) === '%PDF-') return 'application/pdf';
  if (ascii(head, 0, 4) === 'PK\x03\x04') return [DOCX, XLSX, PPTX].includes(claimed) ? claimed : 'application/zip';
  if (ascii(head, 4, 8) === 'ftyp') return ascii(head, 8, 11) === 'M4A' || claimed === 'audio/mp4' ? 'audio/mp4' : 'video/mp4';
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return 'video/webm';
  if (ascii(head, 0, 4) === 'OggS') return 'audio/ogg';
  if (ascii(head, 0, 3) === 'ID3' || (head.length >= 2 && head[0] === 0xff && (head[1] & 0xe0) === 0xe0)) return 'audio/mpeg';
  if (claimed === 'text/plain' && !head.includes(0) && isUtf8Prefix(head)) return 'text/plain';
  return null;
}

/** Valid UTF-8, allowing a multi-byte character cut off at the end of the sample. */
function isUtf8Prefix(b: Buffer): boolean {
  for (let cut = 0; cut < 4 && cut <= b.length; cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, b.length - cut));
      return true;
    } catch {
      /* try a shorter prefix */
    }
  }
  return false;
}

export function canUpload(actor: Actor, purpose: FilePurpose): boolean {
  return !PURPOSE_RULES[purpose].staffOnly || isStaff(actor);
}

export function canRead(actor: Actor | null, file: { access: string | null; uploadedBy: string; regionCode: string | null }): boolean {
  if (file.access === 'public') return true;
  if (!actor) return false;
  if (actor.userId === file.uploadedBy || actor.role === 'system_admin') return true;
  if (!isStaff(actor)) return false;
  const reviewer = REVIEWER_ROLE[file.access as FileAccess];
  if (reviewer ? actor.role !== reviewer : file.access !== 'staff') return false;
  const roots = visibleRegionRoots(actor);
  // A file of a district is for the district's staff, and so for everyone beneath who works under it.
  return roots === 'all' || !file.regionCode || isWithin(file.regionCode, roots) || roots.some((r) => isWithin(r, [file.regionCode!]));
}
