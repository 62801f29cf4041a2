import { describe, expect, it } from 'vitest';
import { dataModelProblem } from './credentials.datamodel';

const base = { issuer: 'did:key:z6Mk', type: ['VerifiableCredential'], credentialSubject: { id: 'did:example:1' } };
const entry = { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '7', statusListCredential: 'https://s.example/1' };
describe('data model rules the library leaves to us', () => {
  it.each([
    ['a plain credential', {}, null],
    ['an issuer object with a URL id', { issuer: { id: 'https://issuer.example', name: 'x' } }, null],
    ['an issuer that is not a URL', { issuer: 'issuer' }, 'issuer'],
    ['a typed refresh service', { refreshService: { id: 'https://r.example', type: 'X' } }, null],
    ['an untyped refresh service', { refreshService: [{ id: 'https://r.example' }] }, 'refreshService'],
    ['a schema without a type', { credentialSchema: { id: 'https://s.example' } }, 'credentialSchema'],
    ['a schema with a non-URL id', { credentialSchema: { id: 'schema', type: 'JsonSchema' } }, 'credentialSchema'],
    ['related resources as strings', { relatedResource: ['https://a.example'] }, 'relatedResource'],
    ['a related resource without digest', { relatedResource: { id: 'https://a.example' } }, 'digest'],
    [
      'duplicate related resources',
      {
        relatedResource: [
          { id: 'https://a.example', digestSRI: 'sha384-x' },
          { id: 'https://a.example', digestSRI: 'sha384-y' },
        ],
      },
      'unique',
    ],
    ['a related resource with a digest', { relatedResource: { id: 'https://a.example', digestMultibase: 'uEi' } }, null],
    ['an empty subject', { credentialSubject: {} }, 'credentialSubject'],
    ['a subject that is a string', { credentialSubject: 'did:example:1' }, 'credentialSubject'],
    ['an empty list of subjects', { credentialSubject: [] }, 'credentialSubject'],
    ['no subject', { credentialSubject: undefined }, 'credentialSubject'],
    ['a well-formed status entry', { credentialStatus: entry }, null],
    ['a status entry with a boolean index', { credentialStatus: { ...entry, statusListIndex: true } }, 'statusListIndex'],
    ['a status entry with a padded index', { credentialStatus: { ...entry, statusListIndex: '07' } }, 'statusListIndex'],
    ['a status entry without a purpose', { credentialStatus: { ...entry, statusPurpose: undefined } }, 'statusPurpose'],
    ['a status entry outside credentialStatus', { statusEntry: entry }, 'credentialStatus'],
    ['another kind of status', { credentialStatus: { id: 'did:example:status', type: 'CredentialStatusList2017' } }, null],
  ])('%s', (_name, extra, expected) => {
    const problem = dataModelProblem({ ...base, ...extra });
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toContain(expected);
  });
});
