// Rules of the VC 2.0 data model that the signing library does not enforce: typed refresh services and
// schemas, well-formed related resources, URL issuers, subjects that claim something, well-formed Bitstring
// Status List entries. Pure; returns the first problem or null.
const isUrl = (v: unknown) => typeof v === 'string' && /^[a-z][a-z0-9+.-]*:\S+$/i.test(v);
const many = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function dataModelProblem(credential: Record<string, unknown>): string | null {
  const issuer = credential.issuer;
  if (issuer !== undefined && !isUrl(isObject(issuer) ? issuer.id : issuer)) return 'issuer must be a URL or an object whose id is a URL';
  const subjects = many(credential.credentialSubject);
  if (!subjects.length) return 'credentialSubject is required';
  for (const s of subjects) if (!isObject(s) || !Object.keys(s).length) return 'every credentialSubject is an object that makes at least one claim';
  const statusProblem = statusEntryProblem(credential);
  if (statusProblem) return statusProblem;
  for (const s of many(credential.refreshService)) if (!isObject(s) || !s.type) return 'every refreshService needs a type';
  for (const s of many(credential.credentialSchema)) if (!isObject(s) || !s.type || !isUrl(s.id)) return 'every credentialSchema needs a type and a URL id';
  const related = many(credential.relatedResource);
  const ids = new Set<string>();
  for (const r of related) {
    if (!isObject(r) || !isUrl(r.id)) return 'every relatedResource is an object with a URL id';
    if (ids.has(r.id as string)) return 'relatedResource ids must be unique';
    ids.add(r.id as string);
    if (!r.digestSRI && !r.digestMultibase) return 'every relatedResource needs digestSRI or digestMultibase';
  }
  return null;
}

const isStatusEntry = (v: unknown) => isObject(v) && many(v.type).includes('BitstringStatusListEntry');

/**
 * A BitstringStatusListEntry must be well formed (the spec's MALFORMED_VALUE_ERROR) and sit in
 * `credentialStatus`: elsewhere no verifier would read it, and the credential would look revocable when it is not.
 */
function statusEntryProblem(credential: Record<string, unknown>): string | null {
  for (const [key, value] of Object.entries(credential)) {
    for (const entry of many(value)) {
      if (!isStatusEntry(entry)) continue;
      if (key !== 'credentialStatus') return `a BitstringStatusListEntry belongs in credentialStatus, not ${key}`;
      const e = entry as Record<string, unknown>;
      if (typeof e.statusPurpose !== 'string' || !e.statusPurpose) return 'BitstringStatusListEntry.statusPurpose must be a string';
      if (typeof e.statusListIndex !== 'string' || !/^(0|[1-9]\d*)$/.test(e.statusListIndex))
        return 'BitstringStatusListEntry.statusListIndex must be a non-negative integer written in base 10, as a string';
      if (!isUrl(e.statusListCredential)) return 'BitstringStatusListEntry.statusListCredential must be a URL';
      if (e.statusSize !== undefined && (!Number.isInteger(e.statusSize) || (e.statusSize as number) < 1))
        return 'BitstringStatusListEntry.statusSize must be an integer greater than zero';
    }
  }
  return null;
}
