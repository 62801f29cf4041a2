// Encryption at rest for personal data: AES-256-GCM for values we must read back, and an HMAC beside it
// so uniqueness can be enforced without decrypting. Both use one 32-byte key derived per purpose.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, createHash } from 'node:crypto';

export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  keyedHash(plain: string): string;
}

export function createFieldCipher(masterKey: Buffer): FieldCipher {
  if (masterKey.length !== 32) throw new Error('the data key must be 32 bytes');
  const derive = (purpose: string) => createHmac('sha256', masterKey).update(purpose).digest();
  const encKey = derive('learncity:field-encryption:v1');
  const macKey = derive('learncity:field-hash:v1');
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
    },
    decrypt(stored) {
      const [version, iv, tag, body] = stored.split('.');
      if (version !== 'v1') throw new Error('unknown ciphertext version');
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
    keyedHash(plain) {
      return createHmac('sha256', macKey).update(plain).digest('hex');
    },
  };
}

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
