// Rules of the VC 2.0 data model that the signing library does not enforce: typed refresh services and
// schemas, well-formed related resources, URL issuers. Pure; returns the first problem or null.
const isUrl = (v: unknown) => typeof v === 'string' && /^[a-z][a-z0-9+.-]*:\S+$/i.test(v);
const many = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function dataModelProblem(credential: Record<string, unknown>): string | null {
  const issuer = credential.issuer;
  if (issuer !== undefined && !isUrl(isObject(issuer) ? issuer.id : issuer)) return 'issuer must be a URL or an object whose id is a URL';
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
