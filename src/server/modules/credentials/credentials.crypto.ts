// Signing and checking Verifiable Credentials: the bundled JSON-LD contexts, a document loader that
// never reaches the network, the issuer's Ed25519 key, and Data Integrity `eddsa-rdfc-2022` proofs
// (checked beside the older `Ed25519Signature2020`, which other issuers still sign with).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type jsonldSignatures from 'jsonld-signatures';
import { decode as decodeBase58 } from 'base58-universal';
import { keyFileOnce } from '../../kernel/key-file';
import { commonJsExports, lazyImport } from '../../kernel/lazy-import';

/**
 * The libraries that sign and check proofs (JSON-LD, RDF canonicalisation, both suites), loaded by the first
 * credential signed or checked rather than at start (see kernel/lazy-import.ts); the issuer's key alone
 * needs only ed25519-multikey.
 */
const proofLibraries = lazyImport(async () => {
  const [vc, { DataIntegrityProof }, { cryptosuite }, { Ed25519Signature2020 }, jsigs] = await Promise.all([
    import('@digitalbazaar/vc'),
    import('@digitalbazaar/data-integrity'),
    import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite'),
    import('@digitalbazaar/ed25519-signature-2020'),
    import('jsonld-signatures').then((m) => commonJsExports<typeof jsonldSignatures>(m)),
  ]);
  // The Ed25519Signature2020 suite's context, from the suite's own package (the same offline copy it signs with).
  contexts.set(Ed25519Signature2020.CONTEXT_URL, Ed25519Signature2020.CONTEXT);
  return { vc, DataIntegrityProof, cryptosuite, Ed25519Signature2020, jsigs };
});

export const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const CLR_V2 = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';

const here = dirname(fileURLToPath(import.meta.url));
/** Context URL → file under contexts/ (see contexts/PROVENANCE.md for where each comes from). */
const BUNDLED: Record<string, string> = {
  [VC_V2]: 'credentials-v2.json',
  'https://www.w3.org/2018/credentials/v1': 'credentials-v1.json',
  [OB_V3]: 'ob-v3p0-context-3.0.3.json',
  [CLR_V2]: 'clr-v2p0-context-2.0.1.json',
  'https://w3id.org/security/data-integrity/v2': 'data-integrity-v2.json',
  'https://w3id.org/security/multikey/v1': 'multikey-v1.json',
  'https://www.w3.org/ns/credentials/status/v1': 'vc-bitstring-status-list-v1.json',
  'https://www.w3.org/ns/credentials/examples/v2': 'credentials-examples-v2.json',
};
const contexts = new Map(Object.entries(BUNDLED).map(([url, file]) => [url, JSON.parse(readFileSync(join(here, 'contexts', file), 'utf8')) as unknown]));

export class RefusedDocument extends Error {
  constructor(public readonly url: string) {
    super(`document not bundled, not fetched: ${url}`);
  }
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
    contextUrl: null,
    documentUrl: url,
    document: {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [bare],
      assertionMethod: [bare.id],
      authentication: [bare.id],
    },
  };
}

/** The only document loader used here: bundled contexts and `did:key`; any other URL is refused, never fetched. */
export async function documentLoader(url: string): Promise<LoadedDocument> {
  await proofLibraries(); // one of the contexts is the suite's own
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
  const keyPair = await Ed25519Multikey.from({
    ...(await key.export({ publicKey: true, secretKey: true })),
    id: `${did}#${key.publicKeyMultibase}`,
    controller: did,
  });
  return {
    did,
    verificationMethod: keyPair.id!,
    async sign(credential, now) {
      const { vc, DataIntegrityProof, cryptosuite } = await proofLibraries();
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
  const saved = JSON.parse(
    keyFileOnce(
      source.file,
      () =>
        JSON.stringify({ type: 'Multikey', publicKeyMultibase: exported!.publicKeyMultibase, secretKeyMultibase: exported!.secretKeyMultibase }, null, 2) +
        '\n',
    ),
  ) as { publicKeyMultibase: string; secretKeyMultibase: string };
  return issuerFrom(
    await Ed25519Multikey.from({ type: 'Multikey', publicKeyMultibase: saved.publicKeyMultibase, secretKeyMultibase: saved.secretKeyMultibase }),
  );
}

/** Derives the public key of an Ed25519 secretKeyMultibase (which holds the 32-byte seed first). */
async function publicFromSecret(secretKeyMultibase: string): Promise<string> {
  const bytes = decodeBase58(secretKeyMultibase.slice(1));
  // multicodec ed25519-priv (0x1300, varint 0x80 0x26), then the 32-byte seed (and, as exported, the 32-byte public key)
  if (secretKeyMultibase[0] !== 'z' || (bytes.length !== 34 && bytes.length !== 66) || bytes[0] !== 0x80 || bytes[1] !== 0x26)
    throw new Error('not an Ed25519 secret key');
  const key = await Ed25519Multikey.generate({ seed: bytes.slice(2, 34) });
  return key.publicKeyMultibase;
}

export interface ProofCheck {
  verified: boolean;
  reason?: string;
  /**
   * Whether a verified proof was made by a key the issuer controls. False when every proof is by
   * someone else's key (a notary's, or a key that merely claims to speak for an `https:` issuer): the
   * signatures hold, but they do not show the issuer said it.
   */
  issuerSigned?: boolean;
}

/** The suite that checks one proof: Data Integrity `eddsa-rdfc-2022`, or the older `Ed25519Signature2020`. */
async function suiteFor(proof: Record<string, unknown>) {
  const { DataIntegrityProof, cryptosuite, Ed25519Signature2020 } = await proofLibraries();
  if (proof.type === 'DataIntegrityProof' && proof.cryptosuite === 'eddsa-rdfc-2022') return new DataIntegrityProof({ cryptosuite });
  if (proof.type === 'Ed25519Signature2020') return new Ed25519Signature2020();
  return null;
}
async function verifySuites() {
  const { DataIntegrityProof, cryptosuite, Ed25519Signature2020 } = await proofLibraries();
  return [new DataIntegrityProof({ cryptosuite }), new Ed25519Signature2020()];
}

const issuerIdOf = (document: Record<string, any>): string | undefined => (typeof document.issuer === 'string' ? document.issuer : document.issuer?.id);
const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Verifies a presentation (and the credentials in it) the same way, for the VC-API adapter. */
export async function checkPresentation(
  presentation: Record<string, unknown>,
  options: { challenge?: string; domain?: string },
  at: Date,
): Promise<ProofCheck> {
  try {
    const { vc } = await proofLibraries();
    const result = await vc.verify({
      presentation,
      suite: await verifySuites(),
      documentLoader,
      now: at,
      unsignedPresentation: !presentation.proof,
      challenge: options.challenge,
      domain: options.domain,
      checkStatus: async () => ({ verified: true }),
    } as never);
    if (result.verified) return { verified: true };
    return { verified: false, reason: firstMessage(result) };
  } catch (error) {
    return { verified: false, reason: (error as Error).message };
  }
}

type ProofSuite = { verifyProof(o: Record<string, unknown>): Promise<{ verified: boolean; verificationMethod?: unknown; error?: { message?: string } }> };
type ProofPurposeCheck = {
  validate(proof: unknown, o: Record<string, unknown>): Promise<{ valid: boolean; error?: { message?: string }; controller?: { id?: string } }>;
};

/**
 * Checks the data model rules `@digitalbazaar/vc` enforces and every proof, at `at` (a moment inside the
 * credential's validity, so that expiry is reported by the caller as "expired" rather than "invalid").
 *
 * Each proof is verified here rather than by the library's proof-set check, for two rules of Data
 * Integrity it does not apply: every proof of a set or chain must verify (the library accepts a set when
 * any one does), and a proof naming `previousProof` was made over the document holding those earlier
 * proofs, so it is verified over that document. Each proof must be authorised for `assertionMethod` by its
 * key's controller; the proofs may be by different keys (a witness's, then the issuer's over it), and
 * whether one is the issuer's is `issuerSigned`.
 */
export async function checkProof(credential: Record<string, unknown>, at: Date): Promise<ProofCheck> {
  const fail = (reason: string): ProofCheck => ({ verified: false, reason });
  try {
    const { vc, jsigs } = await proofLibraries();
    vc._checkCredential({ credential, now: at });
    const proofs: unknown[] = credential.proof === undefined ? [] : Array.isArray(credential.proof) ? credential.proof : [credential.proof];
    if (!proofs.length) return fail('the credential has no proof');
    const { proof: _proofs, ...unsecured } = credential;
    const controllers: string[] = [];
    for (const proof of proofs) {
      if (!isObject(proof)) return fail('every proof is an object');
      const suite = await suiteFor(proof);
      if (!suite) return fail(`a ${String(proof.type)}${proof.cryptosuite ? ` (${String(proof.cryptosuite)})` : ''} proof is not one this verifier checks`);
      if (proof.proofPurpose !== 'assertionMethod') return fail("a credential's proofs must be for assertionMethod");
      let input: Record<string, unknown> = unsecured;
      if (proof.previousProof !== undefined) {
        const ids: unknown[] = Array.isArray(proof.previousProof) ? proof.previousProof : [proof.previousProof];
        if (!ids.length || !ids.every((id) => typeof id === 'string')) return fail('previousProof must be a string or a list of strings');
        const previous = ids.map((id) => proofs.find((other) => isObject(other) && other.id === id));
        const missing = ids.find((_id, i) => !previous[i]);
        if (missing !== undefined) return fail(`previousProof ${String(missing)} is not among the credential's proofs`);
        input = { ...unsecured, proof: previous.length === 1 ? previous[0] : previous };
      }
      const result = await (suite as unknown as ProofSuite).verifyProof({ proof, document: input, proofSet: proofs, documentLoader });
      if (!result.verified) return fail(String(result.error?.message ?? 'a proof does not verify'));
      const purpose = new jsigs.purposes.AssertionProofPurpose() as unknown as ProofPurposeCheck;
      const authorised = await purpose.validate(proof, { document: input, suite, verificationMethod: result.verificationMethod, documentLoader });
      if (!authorised.valid) return fail(String(authorised.error?.message ?? 'the key is not authorised for assertionMethod'));
      if (typeof authorised.controller?.id === 'string') controllers.push(authorised.controller.id);
    }
    return { verified: true, issuerSigned: controllers.includes(issuerIdOf(credential) ?? '') };
  } catch (error) {
    return fail((error as Error).message);
  }
}

function firstMessage(result: { error?: any; results?: any[] }): string {
  const error = result.error ?? result.results?.find((r) => r.error)?.error;
  const inner = error?.errors?.[0] ?? error;
  return String(inner?.message ?? 'verification failed');
}
