// Where an installation keeps its state under LEARNCITY_DATA_DIR. The server, `npm run backup` and
// `npm run restore` all read it here, so a backup carries exactly what the server uses.
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { keyFileOnce } from './kernel/key-file';

export function dataDirLayout(dataDir: string) {
  return {
    /** The embedded database's own directory. */
    pglite: join(dataDir, 'pglite'),
    /** Uploaded files. */
    files: join(dataDir, 'files'),
    /** Encrypts ID numbers (unless LEARNCITY_DATA_KEY is set). */
    secretKey: join(dataDir, 'secret.key'),
    /** Signs certificates (unless LEARNCITY_ISSUER_KEY is set). */
    issuerKey: join(dataDir, 'issuer-key.json'),
    /** Backups when LEARNCITY_BACKUP_DIR is not set. */
    backups: join(dataDir, 'backups'),
  };
}

/** The key that encrypts personal data: from the environment, or a key file made on first start. */
export function loadDataKey(dataDir: string, hex?: string): Buffer {
  if (hex) return Buffer.from(hex, 'hex');
  // Processes starting together on one directory all end up with the first one's key (kernel/key-file.ts).
  return Buffer.from(keyFileOnce(dataDirLayout(dataDir).secretKey, () => randomBytes(32).toString('hex')).trim(), 'hex');
}
