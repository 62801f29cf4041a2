// The VC-API adapter's issuer and verifier as the W3C suites exercise them (issue 18, items 4 and 5):
// the issuer refuses a credential without its issuer or with an empty subject, and gives each credential
// a revocation entry in the platform's status list that the VC-API status call revokes; the verifier
// accepts Ed25519Signature2020 proofs and proof chains whose first proof is by another key, and checks
// related resources' digests by fetching them only from the configured origins (a local server here).
import '../support/no-network';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as vc from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { encode as encodeBase58 } from 'base58-universal';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { documentLoader } from '../../src/server/modules/credentials/index';

const TOKEN = 'conformance-run-token-0123456789abcdef';
const bearer = { authorization: `Bearer ${TOKEN}` };
const V2 = 'https://www.w3.org/ns/credentials/v2';
const ED2020 = 'https://w3id.org/security/suites/ed25519-2020/v1';

// The related resources: served by a local server standing in for a partner's site.
const RESOURCE = Buffer.from('{"name":"学习成果说明","hours":16}\n');
const sha384 = `sha384-${createHash('sha384').update(RESOURCE).digest('base64')}`;
const sha256Multihash = `z${encodeBase58(Buffer.concat([Buffer.from([0x12, 0x20]), createHash('sha256').update(RESOURCE).digest()]))}`;
let resources: Server;
let fetched: string[] = [];

let p: TestPlatform;
let did: string;

beforeAll(async () => {
  resources = createServer((req, res) => {
    fetched.push(req.url ?? '');
    if (req.url === '/outcome.json') return void res.writeHead(200, { 'content-type': 'application/json' }).end(RESOURCE);
    if (req.url === '/moved') return void res.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere' }).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => resources.listen(0, '127.0.0.1', resolve));
  const mirror = `http://127.0.0.1:${(resources.address() as AddressInfo).port}`;
  // `https://partner.example` is fetched from the local mirror; the mirror's own origin is allowed as itself.
  p = await startTestPlatform({
    demo: false,
    vcApiToken: TOKEN,
    vcResourceOrigins: [
      { origin: 'https://partner.example', fetchFrom: mirror },
      { origin: mirror, fetchFrom: mirror },
    ],
  });
  did = (await p.request('GET', '/api/credentials/issuer')).body.id;
});
afterAll(async () => {
  await p?.close();
  await new Promise((resolve) => resources?.close(resolve));
});

const issue = (credential: unknown, options?: unknown) =>
  p.request('POST', '/api/vc-api/credentials/issue', { headers: bearer, body: { credential, ...(options ? { options } : {}) } });
const verify = (verifiableCredential: unknown) => p.request('POST', '/api/vc-api/credentials/verify', { headers: bearer, body: { verifiableCredential } });
const verifyPublic = (credential: unknown) => p.request('POST', '/api/credentials/verify', { body: credential });
const setStatus = (body: unknown) => p.request('POST', '/api/vc-api/credentials/status', { headers: bearer, body });
const credential = (extra: Record<string, unknown> = {}) => ({
  '@context': [V2],
  id: `urn:uuid:${crypto.randomUUID()}`,
  type: ['VerifiableCredential'],
  issuer: did,
  credentialSubject: { id: 'did:example:learner-1', name: '学习者' },
  ...extra,
});

/** Signs as a fresh did:key (someone other than the platform), with either suite. */
async function foreignKey() {
  const key = await Ed25519Multikey.generate();
  const controller = `did:key:${key.publicKeyMultibase}`;
  const keyPair = await Ed25519Multikey.from({
    ...(await key.export({ publicKey: true, secretKey: true })),
    id: `${controller}#${key.publicKeyMultibase}`,
    controller,
  });
  return { did: controller, signer: keyPair.signer() };
}
const purpose = () => new jsigs.purposes.AssertionProofPurpose();
async function signDataIntegrity(document: Record<string, unknown>, signer: unknown, proof?: Record<string, unknown>) {
  const suite = new DataIntegrityProof({ signer, cryptosuite }) as DataIntegrityProof & { proof?: Record<string, unknown> };
  if (proof) suite.proof = proof;
  return (jsigs as any).sign(structuredClone(document), { suite, purpose: purpose(), documentLoader });
}

/** Adds a proof over the document holding `previous`, as Data Integrity's proof chains are made. */
async function chainProof(unsecured: Record<string, unknown>, previous: Record<string, unknown>, signer: unknown) {
  const suite = new DataIntegrityProof({ signer, cryptosuite }) as DataIntegrityProof & {
    proof?: Record<string, unknown>;
    createProof(o: Record<string, unknown>): Promise<Record<string, unknown>>;
  };
  suite.proof = { previousProof: previous.id };
  const proof = await suite.createProof({
    document: { ...structuredClone(unsecured), proof: previous },
    purpose: purpose(),
    proofSet: [previous],
    documentLoader,
  });
  return { ...structuredClone(unsecured), proof: [previous, proof] };
}

describe('VC-API issuer: what a credential must bring', () => {
  it('refuses a credential without an issuer instead of filling in the platform’s own, and one naming another issuer', async () => {
    const { issuer: _issuer, ...withoutIssuer } = credential();
    for (const c of [
      withoutIssuer,
      credential({ issuer: 'did:example:someone-else' }),
      credential({ issuer: { id: 'https://other.example/issuer' } }),
      credential({ issuer: null }),
      credential({ issuer: 4 }),
      credential({ issuer: [] }),
    ]) {
      const refused = await issue(c);
      expect(refused.status, JSON.stringify(c)).toBe(400);
      expect(refused.body.errors[0].message).toMatch(/issuer/);
    }
    const asObject = await issue(credential({ issuer: { id: did, name: '学习型城市办公室' } }));
    expect(asObject.status, JSON.stringify(asObject.body)).toBe(201);
    expect(asObject.body.verifiableCredential.issuer).toEqual({ id: did, name: '学习型城市办公室' });
  });

  it('refuses an empty credentialSubject, an empty list of subjects and a subject that is only a string', async () => {
    for (const subject of [{}, [], [{}], 'did:example:1234', null]) {
      const refused = await issue(credential({ credentialSubject: subject }));
      expect(refused.status, JSON.stringify(subject)).toBe(400);
      expect(refused.body.errors[0].message).toMatch(/credentialSubject/);
    }
  });

  it('refuses a malformed BitstringStatusListEntry, and one outside credentialStatus', async () => {
    const entry = { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: true, statusListCredential: 'https://example.com' };
    expect((await issue(credential({ credentialStatus: entry }))).status).toBe(400);
    expect((await issue(credential({ statusEntry: { ...entry, statusListIndex: '3' } }))).status).toBe(400);
    expect((await issue(credential(), { credentialStatus: { type: 'StatusList2021Entry' } })).status).toBe(400);
  });
});

describe('VC-API issuer: revocation through the platform’s status list', () => {
  it('issues with a revocation entry that the status call revokes; the status list, the VC-API and the public verify all then say so', async () => {
    const issued = await issue(credential(), { credentialStatus: { type: 'BitstringStatusListEntry' } });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const signed = issued.body.verifiableCredential;
    expect(signed.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListCredential: expect.stringMatching(/\/api\/credentials\/status\/\d+$/),
    });
    const listPath = new URL(signed.credentialStatus.statusListCredential).pathname;
    const index = Number(signed.credentialStatus.statusListIndex);
    const bit = async () => {
      const list = await p.request('GET', listPath);
      expect(list.status).toBe(200);
      const bits = gunzipSync(Buffer.from(list.body.credentialSubject.encodedList.slice(1), 'base64url'));
      return (bits[index >> 3] >> (7 - (index & 7))) & 1;
    };
    expect(await bit()).toBe(0);
    expect((await verify(signed)).status).toBe(200);
    expect((await verifyPublic(signed)).body).toMatchObject({ verdict: 'valid', checks: { status: 'active' } });

    const revoked = await setStatus({ credentialId: signed.id, credentialStatus: [{ type: 'BitstringStatusListEntry', status: true }] });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body.changed).toBe(true);
    expect(await bit()).toBe(1);
    const refused = await verify(signed);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].message).toBe('revoked');
    expect((await verifyPublic(signed)).body).toMatchObject({ verdict: 'revoked', checks: { status: 'revoked' } });

    // Again (the suite's form): nothing changes; undoing a revocation, or an unknown id, is refused.
    const again = await setStatus({ credentialId: signed.id, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' } });
    expect(again.status).toBe(200);
    expect(again.body.changed).toBe(false);
    expect((await setStatus({ credentialId: signed.id, credentialStatus: [{ type: 'BitstringStatusListEntry', status: false }] })).status).toBe(400);
    expect((await setStatus({ credentialId: 'urn:uuid:never-issued', credentialStatus: [{ type: 'BitstringStatusListEntry', status: true }] })).status).toBe(
      404,
    );
    expect(
      (
        await p.request('POST', '/api/vc-api/credentials/status', {
          body: { credentialId: signed.id, credentialStatus: [{ type: 'BitstringStatusListEntry', status: true }] },
        })
      ).status,
    ).toBe(401);
  });

  it('leaves a VC 1.1 credential’s context as given, without a status entry; keeps a status a credential brings itself', async () => {
    const v1 = await issue({
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      id: 'urn:uuid:5e0f3f2c-0000-4000-8000-000000000001',
      type: ['VerifiableCredential'],
      issuer: did,
      issuanceDate: '2026-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:learner-2' },
    });
    expect(v1.status, JSON.stringify(v1.body)).toBe(201);
    expect(v1.body.verifiableCredential['@context'].slice(0, 2)).toEqual([
      'https://www.w3.org/2018/credentials/v1',
      'https://w3id.org/security/data-integrity/v2',
    ]);
    expect(v1.body.verifiableCredential.credentialStatus).toBeUndefined();
    expect((await verify(v1.body.verifiableCredential)).status).toBe(200);

    const own = {
      id: 'https://status.example/1#5',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'suspension',
      statusListIndex: '5',
      statusListCredential: 'https://status.example/1',
    };
    const kept = await issue(credential({ '@context': [V2], credentialStatus: own }));
    expect(kept.status, JSON.stringify(kept.body)).toBe(201);
    expect(kept.body.verifiableCredential.credentialStatus).toEqual(own);
  });
});

describe('VC-API verifier: Ed25519Signature2020 and proof chains', () => {
  it('verifies an Ed25519Signature2020 proof and refuses it once the credential is changed', async () => {
    const key = await foreignKey();
    const signed = await vc.issue({
      credential: {
        '@context': [V2, ED2020],
        id: 'urn:uuid:5e0f3f2c-0000-4000-8000-000000000002',
        type: ['VerifiableCredential'],
        issuer: key.did,
        validFrom: '2026-01-01T00:00:00Z',
        credentialSubject: { id: 'did:example:learner-3', name: '学习者' },
      },
      suite: new Ed25519Signature2020({ signer: key.signer }),
      documentLoader,
    });
    expect(signed.proof.type).toBe('Ed25519Signature2020');
    const ok = await verify(signed);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.warnings).toEqual([]);
    expect((await verifyPublic(signed)).body).toMatchObject({
      verdict: 'valid',
      reasonCode: 'credential.reason.valid_foreign',
      checks: { signature: 'passed' },
    });
    const changed = { ...signed, credentialSubject: { ...signed.credentialSubject, name: '别人' } };
    expect((await verify(changed)).status).toBe(400);
    expect((await verifyPublic(changed)).body).toMatchObject({ verdict: 'invalid', reasonCode: 'credential.reason.signature' });
  });

  it('accepts a chain whose first proof is by another key and whose last is the issuer’s; refuses a broken or dangling chain', async () => {
    const witness = await foreignKey();
    const issuer = await foreignKey();
    const unsigned = {
      '@context': [V2],
      id: 'urn:uuid:5e0f3f2c-0000-4000-8000-000000000003',
      type: ['VerifiableCredential'],
      issuer: issuer.did,
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:learner-4', name: '学习者' },
    };
    const first = await signDataIntegrity(unsigned, witness.signer, { id: 'urn:uuid:first-proof' });
    const chained = await chainProof(unsigned, first.proof, issuer.signer);
    expect(chained.proof).toHaveLength(2);
    const ok = await verify(chained);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.warnings).toEqual([]);
    expect((await verifyPublic(chained)).body).toMatchObject({ verdict: 'valid', checks: { signature: 'passed' } });

    // Every proof of a chain must hold: the witness's altered, the chain is refused.
    const broken = structuredClone(chained);
    broken.proof[0].created = '2020-01-01T00:00:00Z';
    expect((await verify(broken)).status).toBe(400);
    // The issuer's proof was made over the witness's: without it (a set of the two), it does not hold.
    const unchained = { ...structuredClone(unsigned), proof: [first.proof, { ...chained.proof[1], previousProof: undefined }] };
    expect((await verify(JSON.parse(JSON.stringify(unchained)))).status).toBe(400);
    // previousProof naming a proof that is not there.
    const dangling = await signDataIntegrity(unsigned, issuer.signer, { previousProof: 'urn:uuid:missing' });
    expect((await verify(dangling)).status).toBe(400);

    // Only the witness signed: the proof holds, but not for the issuer it names.
    const witnessOnly = await signDataIntegrity(unsigned, witness.signer);
    const warned = await verify(witnessOnly);
    expect(warned.status).toBe(200);
    expect(warned.body.warnings[0].message).toMatch(/issuer/);
    expect((await verifyPublic(witnessOnly)).body).toMatchObject({
      verdict: 'invalid',
      reasonCode: 'credential.reason.not_issuer_signed',
      checks: { signature: 'failed' },
    });
  });
});

describe('related resources: digests checked from the allow-list only', () => {
  it('issues and verifies a credential whose related resources match (SRI and multihash), fetched from the configured mirror', async () => {
    fetched = [];
    const issued = await issue(
      credential({
        relatedResource: [
          { id: 'https://partner.example/outcome.json', digestSRI: sha384 },
          { id: `http://127.0.0.1:${(resources.address() as AddressInfo).port}/outcome.json`, digestMultibase: sha256Multihash },
        ],
      }),
    );
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    expect(fetched).toEqual(['/outcome.json', '/outcome.json']);
    const verified = await verify(issued.body.verifiableCredential);
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body.checks).toContain('relatedResource');
    expect((await verifyPublic(issued.body.verifiableCredential)).body).toMatchObject({ verdict: 'valid' });
  });

  it('refuses a digest that does not match, and says why it cannot check a resource off the allow-list, missing or redirected', async () => {
    const wrong = `sha384-${createHash('sha384').update('something else').digest('base64')}`;
    const mismatch = await issue(credential({ relatedResource: { id: 'https://partner.example/outcome.json', digestSRI: wrong } }));
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors[0].message).toMatch(/does not match/);
    const wrongMultibase = await issue(
      credential({
        relatedResource: { id: 'https://partner.example/outcome.json', digestMultibase: `u${createHash('sha256').update('x').digest('base64url')}` },
      }),
    );
    expect(wrongMultibase.body.errors[0].message).toMatch(/does not match/);

    fetched = [];
    const offList = await issue(credential({ relatedResource: { id: 'https://www.w3.org/ns/credentials/v2', digestSRI: sha384 } }));
    expect(offList.status).toBe(400);
    expect(offList.body.errors[0].message).toMatch(/cannot be checked: its origin is not on this verifier's allow-list/);
    expect(fetched).toEqual([]);
    for (const path of ['/missing.json', '/moved']) {
      const unreachable = await issue(credential({ relatedResource: { id: `https://partner.example${path}`, digestSRI: sha384 } }));
      expect(unreachable.status).toBe(400);
      expect(unreachable.body.errors[0].message).toMatch(/cannot be checked: fetching it failed/);
    }
    const unknownHash = await issue(credential({ relatedResource: { id: 'https://partner.example/outcome.json', digestSRI: 'md5-abc' } }));
    expect(unknownHash.body.errors[0].message).toMatch(/not a digest this verifier understands/);
  });

  it('the public verify answers invalid, with the reason, for a signed credential whose resource cannot be checked', async () => {
    const signer = await foreignKey();
    const signed = await signDataIntegrity(
      {
        ...credential({ issuer: signer.did, validFrom: '2026-01-01T00:00:00Z' }),
        relatedResource: { id: 'https://unlisted.example/a.json', digestSRI: sha384 },
      },
      signer.signer,
    );
    const answer = (await verifyPublic(signed)).body;
    expect(answer).toMatchObject({ verdict: 'invalid', reasonCode: 'credential.reason.related_resource', checks: { signature: 'passed' } });
    expect(answer.detail).toMatch(/unlisted\.example.*allow-list/);
    expect((await verify(signed)).status).toBe(400);
  });
});
