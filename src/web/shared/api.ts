// The one way both web apps talk to the server: same-origin fetch with the session cookie,
// the chosen language in Accept-Language, and the server's error shape turned into ApiError.
import { currentLocale } from './locale';

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: { fields?: Record<string, string>; rows?: { row: number; field?: string; message: string }[]; [k: string]: unknown };
}

export class ApiError extends Error {
  constructor(public status: number, public body: ApiErrorBody) {
    super(body.message);
  }
  get code() { return this.body.code; }
  get fields() { return this.body.details?.fields ?? {}; }
  get rows() { return this.body.details?.rows ?? []; }
}

export interface Page<T> { items: T[]; total: number; page: number; pageSize: number }

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export async function api<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { 'Accept-Language': currentLocale(), ...headers } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
  }
  const res = await fetch(path, init);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new ApiError(res.status, data?.error ?? { code: 'http.' + res.status, message: res.statusText });
  return data as T;
}

export const get = <T>(path: string, query?: Query) => api<T>('GET', withQuery(path, query));
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body);
export const patch = <T>(path: string, body?: unknown, headers?: Record<string, string>) => api<T>('PATCH', path, body, headers);
