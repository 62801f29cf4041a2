// The VC-API adapter with LEARNCITY_VC_API_TOKEN set, as the W3C test suites call it: the bearer token is
// required; a credential issued here verifies; one changed after signing, or not a credential, does not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';

const TOKEN = 'conformance-run-token-0123456789abcdef';
const bearer = { authorization: `Bearer ${TOKEN}` };
let p: TestPlatform;
let credential: Record<string, unknown>;
beforeAll(async () => {
  p = await startTestPlatform({ demo: false, vcApiToken: TOKEN });
  credential = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    issuer: (await p.request('GET', '/api/credentials/issuer')).body.id,
    credentialSubject: { id: 'did:example:learner-1', name: '学习者' },
  };
});
afterAll(() => p.close());

describe('VC-API with the token set', () => {
  it('refuses a call without the bearer token, or with another one', async () => {
    expect((await p.request('POST', '/api/vc-api/credentials/issue', { body: { credential } })).status).toBe(401);
    expect((await p.request('POST', '/api/vc-api/credentials/issue', { headers: { authorization: 'Bearer wrong' }, body: { credential } })).status).toBe(401);
  });

  it('issues a credential signed by the platform that then verifies; a changed one does not', async () => {
    const issued = await p.request('POST', '/api/vc-api/credentials/issue', { headers: bearer, body: { credential } });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const vc = issued.body.verifiableCredential;
    expect(vc.issuer).toBe(credential.issuer);
    expect(vc.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
    const verified = await p.request('POST', '/api/vc-api/credentials/verify', { headers: bearer, body: { verifiableCredential: vc } });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body.verified).toBe(true);
    const tampered = { ...vc, credentialSubject: { ...vc.credentialSubject, name: '别人' } };
    const refused = await p.request('POST', '/api/vc-api/credentials/verify', { headers: bearer, body: { verifiableCredential: tampered } });
    expect(refused.status).toBe(400);
    expect(refused.body.verified).toBe(false);
  });

  it('answers 400 for what is not a credential or a presentation', async () => {
    const bad = await p.request('POST', '/api/vc-api/credentials/issue', { headers: bearer, body: { credential: { type: ['VerifiableCredential'] } } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toBeTruthy();
    const vp = await p.request('POST', '/api/vc-api/presentations/verify', {
      headers: bearer,
      body: { verifiablePresentation: { type: ['VerifiablePresentation'] } },
    });
    expect(vp.status).toBe(400);
    expect(vp.body.verified).toBe(false);
  });
});
