// A PATCH body names only what it changes: a field it leaves out (undefined) keeps the stored value, a field it
// gives (null included) replaces it.

/** The fields a PATCH body gives, to spread over the stored entry. */
export function givenFields<P extends object>(patch: P): Partial<P> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<P>;
}
