// The one way both web apps talk to the server: same-origin fetch with the session cookie,
// the chosen language in Accept-Language, and the server's error shape turned into ApiError. Every call is
// typed from the contracts through api-types.gen.ts (`npm run api:types`): the path and its method, path
// parameters, query, JSON body and the success answer, so a renamed contract field fails vue-tsc.
import { currentLocale } from './locale';
import type { paths } from './api-types.gen';

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: { fields?: Record<string, string>; rows?: { row: number; field?: string; message: string }[]; [k: string]: unknown };
}

export class ApiError extends Error {
  constructor(
    public status: number,
    public body: ApiErrorBody,
  ) {
    super(body.message);
  }
  get code() {
    return this.body.code;
  }
  get fields() {
    return this.body.details?.fields ?? {};
  }
  get rows() {
    return this.body.details?.rows ?? [];
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function send<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, keepalive = false): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', keepalive, headers: { 'Accept-Language': currentLocale(), ...headers } };
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

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type OperationOf<P, M extends Method> = P extends keyof paths ? (paths[P] extends { [K in M]: infer O } ? O : never) : never;
/** The API paths that take method M, as the contracts name them ('/api/venues/{id}'). */
export type PathOf<M extends Method> = { [P in keyof paths]: [OperationOf<P, M>] extends [never] ? never : P }[keyof paths];

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;
type ContentOf<R> = R extends { content: { 'application/json': infer J } } ? J : R extends { content?: never } ? undefined : unknown;
type Responses<O> = O extends { responses: infer R } ? R : never;
/** What a successful call answers (undefined for 204). */
export type Answer<P extends PathOf<M>, M extends Method = 'get'> = {
  [S in keyof Responses<OperationOf<P, M>> & SuccessStatus]: ContentOf<Responses<OperationOf<P, M>>[S]>;
}[keyof Responses<OperationOf<P, M>> & SuccessStatus];

type JsonBodyOf<O> = O extends { requestBody?: { content: { 'application/json': infer J } } } ? J : never;
/** The JSON body an operation takes. */
export type Body<P extends PathOf<M>, M extends Method = 'post'> = JsonBodyOf<OperationOf<P, M>>;
/** The query an operation takes. */
export type QueryOf<P extends PathOf<M>, M extends Method = 'get'> = OperationOf<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

// The parts below compare [O], not O: distributed over every operation (a path not yet inferred), their
// intersection would multiply into more combinations than the checker can hold.
type ParamsPart<O> = [O] extends [{ parameters: { path: infer X } }] ? { params: { [K in keyof X]: X[K] | number } } : { params?: undefined };
// An empty or null value is left out of the URL (withQuery), so a filter a form holds as '' may be passed as it is.
type Unset<Q> = { [K in keyof Q]: Q[K] | '' | null };
type QueryPart<O> = [O] extends [{ parameters: { query: infer Q } }]
  ? { query: Unset<Q> }
  : [O] extends [{ parameters: { query?: infer Q } }]
    ? [NonNullable<Q>] extends [never]
      ? { query?: undefined }
      : { query?: Unset<NonNullable<Q>> }
    : { query?: undefined };
// A route without a JSON body schema takes a multipart form (uploads, imports) or nothing.
type BodyPart<O> = [JsonBodyOf<O>] extends [never]
  ? { body?: FormData }
  : [O] extends [{ requestBody: unknown }]
    ? { body: JsonBodyOf<O> }
    : { body?: JsonBodyOf<O> };
/**
 * Path parameters, query, body and extra headers (Idempotency-Key…) of one call, required where the operation requires
 * them; `keepalive` lets a request sent as the page closes outlive it.
 */
export type CallOptions<P extends PathOf<M>, M extends Method> = ParamsPart<OperationOf<P, M>> &
  QueryPart<OperationOf<P, M>> &
  BodyPart<OperationOf<P, M>> & { headers?: Record<string, string>; keepalive?: boolean };
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{} extends T` asks whether all of T is optional
type OptionsArg<P extends PathOf<M>, M extends Method> = {} extends CallOptions<P, M> ? [options?: CallOptions<P, M>] : [options: CallOptions<P, M>];

/** '/api/venues/{id}' with { id } → '/api/venues/…', each value encoded. */
function fillPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`${path}: no value for {${name}}`);
    return encodeURIComponent(String(params[name]));
  });
}

// The typed functions below hand their options on as `(args as unknown[])[0]`: each caller's options are checked
// against its path, while resolving them for every path inside one generic body is more than the checker can hold.
function request<T>(method: Method, path: string, options: unknown): Promise<T> {
  const o = (options ?? {}) as {
    params?: Record<string, string | number>;
    query?: Query;
    body?: unknown;
    headers?: Record<string, string>;
    keepalive?: boolean;
  };
  return send<T>(method.toUpperCase(), withQuery(fillPath(path, o.params), o.query), o.body, o.headers, o.keepalive);
}

/** One typed call: `call('get', '/api/venues/{id}', { params: { id } })`. */
export function call<M extends Method, P extends PathOf<M>>(method: M, path: P, ...args: OptionsArg<P, M>): Promise<Answer<P, M>> {
  return request<Answer<P, M>>(method, path, (args as unknown[])[0]);
}
export function apiGet<P extends PathOf<'get'>>(path: P, ...args: OptionsArg<P, 'get'>): Promise<Answer<P, 'get'>> {
  return request<Answer<P, 'get'>>('get', path, (args as unknown[])[0]);
}
export function apiPost<P extends PathOf<'post'>>(path: P, ...args: OptionsArg<P, 'post'>): Promise<Answer<P, 'post'>> {
  return request<Answer<P, 'post'>>('post', path, (args as unknown[])[0]);
}
export function apiPut<P extends PathOf<'put'>>(path: P, ...args: OptionsArg<P, 'put'>): Promise<Answer<P, 'put'>> {
  return request<Answer<P, 'put'>>('put', path, (args as unknown[])[0]);
}
export function apiPatch<P extends PathOf<'patch'>>(path: P, ...args: OptionsArg<P, 'patch'>): Promise<Answer<P, 'patch'>> {
  return request<Answer<P, 'patch'>>('patch', path, (args as unknown[])[0]);
}
export function apiDelete<P extends PathOf<'delete'>>(path: P, ...args: OptionsArg<P, 'delete'>): Promise<Answer<P, 'delete'>> {
  return request<Answer<P, 'delete'>>('delete', path, (args as unknown[])[0]);
}
