// Signing and checking Verifiable Credentials: the bundled JSON-LD contexts, a document loader that
// never reaches the network, the issuer's Ed25519 key, and Data Integrity `eddsa-rdfc-2022` proofs.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { decode as decodeBase58 } from 'base58-universal';
import { keyFileOnce } from '../../kernel/key-file';

export const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

const here = dirname(fileURLToPath(import.meta.url));
/** Context URL → file under contexts/ (see contexts/PROVENANCE.md for where each comes from). */
const BUNDLED: Record<string, string> = {
  [VC_V2]: 'credentials-v2.json',
  'https://www.w3.org/2018/credentials/v1': 'credentials-v1.json',
  [OB_V3]: 'ob-v3p0-context-3.0.3.json',
  'https://w3id.org/security/data-integrity/v2': 'data-integrity-v2.json',
  'https://w3id.org/security/multikey/v1': 'multikey-v1.json',
  'https://www.w3.org/ns/credentials/status/v1': 'vc-bitstring-status-list-v1.json',
  'https://www.w3.org/ns/credentials/examples/v2': 'credentials-examples-v2.json',
};
const contexts = new Map(Object.entries(BUNDLED).map(([url, file]) => [url, JSON.parse(readFileSync(join(here, 'contexts', file), 'utf8')) as unknown]));

export class RefusedDocument extends Error {
  constructor(public readonly url: string) { super(`document not bundled, not fetched: ${url}`); }
}

type LoadedDocument = { contextUrl: null; documentUrl: string; document: unknown };

/** A `did:key` (Ed25519) resolves offline: the key is the identifier itself. */
async function resolveDidKey(url: string): Promise<LoadedDocument> {
  const [did, fragment] = url.split('#');
  const multibase = did.slice('did:key:'.length);
  if (!/^z6Mk[1-9A-HJ-NP-Za-km-z]+$/.test(multibase) || (fragment !== undefined && fragment !== multibase)) throw new RefusedDocument(url);
  const key = await Ed25519Multikey.from({ publicKeyMultibase: multibase, id: `${did}#${multibase}`, controller: did });
  const method = await key.export({ publicKey: true, includeContext: true });
  if (fragment) return { contextUrl: null, documentUrl: url, document: method };
  const { '@context': _context, ...bare } = method;
  return {
    contextUrl: null, documentUrl: url,
    document: { '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'], id: did, verificationMethod: [bare], assertionMethod: [bare.id], authentication: [bare.id] },
  };
}

/** The only document loader used here: bundled contexts and `did:key`; any other URL is refused, never fetched. */
export async function documentLoader(url: string): Promise<LoadedDocument> {
  const context = contexts.get(url);
  if (context) return { contextUrl: null, documentUrl: url, document: structuredClone(context) };
  if (url.startsWith('did:key:')) return resolveDidKey(url);
  throw new RefusedDocument(url);
}

export interface Issuer {
  /** `did:key:z6Mk…` */
  did: string;
  verificationMethod: string;
  sign(credential: Record<string, unknown>, now: Date): Promise<Record<string, any>>;
}

async function issuerFrom(key: Ed25519Multikey.KeyPair): Promise<Issuer> {
  const did = `did:key:${key.publicKeyMultibase}`;
  const keyPair = await Ed25519Multikey.from({ ...(await key.export({ publicKey: true, secretKey: true })), id: `${did}#${key.publicKeyMultibase}`, controller: did });
  return {
    did,
    verificationMethod: keyPair.id!,
    async sign(credential, now) {
      const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite, date: now });
      return vc.issue({ credential, suite, documentLoader, now });
    },
  };
}

export interface IssuerKeySource {
  /** Multikey secret (`LEARNCITY_ISSUER_KEY`: the `z…` secretKeyMultibase of an Ed25519 key, as in issuer-key.json), preferred when set. */
  secretKeyMultibase?: string;
  /** Else this file (created on first start, mode 0600). */
  file?: string;
}

/** The platform's signing key: from the environment, or a key file made on first use and reused after. */
export async function loadIssuer(source: IssuerKeySource): Promise<Issuer> {
  if (source.secretKeyMultibase) {
    const pub = await publicFromSecret(source.secretKeyMultibase).catch(() => null);
    if (!pub) throw new Error('LEARNCITY_ISSUER_KEY is not an Ed25519 secretKeyMultibase (z…)');
    return issuerFrom(await Ed25519Multikey.from({ type: 'Multikey', publicKeyMultibase: pub, secretKeyMultibase: source.secretKeyMultibase }));
  }
  if (!source.file) return issuerFrom(await Ed25519Multikey.generate());
  const fresh = existsSync(source.file) ? null : await Ed25519Multikey.generate();
  const exported = fresh ? await fresh.export({ publicKey: true, secretKey: true }) : null;
  // Another process starting on this data directory may write its key first: then that key is everyone's.
  const saved = JSON.parse(keyFileOnce(source.file, () => JSON.stringify({ type: 'Multikey', publicKeyMultibase: exported!.publicKeyMultibase, secretKeyMultibase: exported!.secretKeyMultibase }, null, 2) + '\n')) as { publicKeyMultibase: string; secretKeyMultibase: string };
  return issuerFrom(await Ed25519Multikey.from({ type: 'Multikey', publicKeyMultibase: saved.publicKeyMultibase, secretKeyMultibase: saved.secretKeyMultibase }));
}

/** Derives the public key of an Ed25519 secretKeyMultibase (which holds the 32-byte seed first). */
async function publicFromSecret(secretKeyMultibase: string): Promise<string> {
  const bytes = decodeBase58(secretKeyMultibase.slice(1));
  // multicodec ed25519-priv (0x1300, varint 0x80 0x26), then the 32-byte seed (and, as exported, the 32-byte public key)
  if (secretKeyMultibase[0] !== 'z' || (bytes.length !== 34 && bytes.length !== 66) || bytes[0] !== 0x80 || bytes[1] !== 0x26) throw new Error('not an Ed25519 secret key');
  const key = await Ed25519Multikey.generate({ seed: bytes.slice(2, 34) });
  return key.publicKeyMultibase;
}

export interface ProofCheck { verified: boolean; reason?: string }

/** Verifies a presentation (and the credentials in it) the same way, for the VC-API adapter. */
export async function checkPresentation(presentation: Record<string, unknown>, options: { challenge?: string; domain?: string }, at: Date): Promise<ProofCheck> {
  try {
    const result = await vc.verify({
      presentation, suite: new DataIntegrityProof({ cryptosuite }), documentLoader, now: at, unsignedPresentation: !presentation.proof,
      challenge: options.challenge, domain: options.domain, checkStatus: async () => ({ verified: true }),
    } as never);
    if (result.verified) return { verified: true };
    return { verified: false, reason: firstMessage(result) };
  } catch (error) {
    return { verified: false, reason: (error as Error).message };
  }
}

/**
 * Checks the proof (and the data model rules `@digitalbazaar/vc` enforces) at `at`, a moment inside the
 * credential's validity, so that expiry is reported by the caller as "expired" rather than "invalid".
 */
export async function checkProof(credential: Record<string, unknown>, at: Date): Promise<ProofCheck> {
  try {
    const result = await vc.verifyCredential({ credential, suite: new DataIntegrityProof({ cryptosuite }), documentLoader, now: at, checkStatus: async () => ({ verified: true }) });
    if (result.verified) return { verified: true };
    return { verified: false, reason: firstMessage(result) };
  } catch (error) {
    return { verified: false, reason: (error as Error).message };
  }
}

function firstMessage(result: { error?: any; results?: any[] }): string {
  const error = result.error ?? result.results?.find((r) => r.error)?.error;
  const inner = error?.errors?.[0] ?? error;
  return String(inner?.message ?? 'verification failed');
}
