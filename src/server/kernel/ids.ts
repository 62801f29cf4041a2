import { randomUUID } from 'node:crypto';
export const newId = () => randomUUID();
export const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
/** The ids worth looking up: each well-formed UUID once (a malformed one can name no row). */
export const distinctUuids = (ids: readonly string[]) => [...new Set(ids.filter(isUuid))];
