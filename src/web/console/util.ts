// Small helpers shared by the console pages.
import { ApiError } from '../shared/api';

// Kept for pages written before shared/datetime.ts: the one date-time format of the current language.
export { formatDateTime as formatTime } from '../shared/datetime';

type T = (key: string, values?: Record<string, unknown>) => string;

let onUnauthorized: () => void = () => undefined;
/** Called when the session has ended (expired, signed out elsewhere): main.ts sends the user to the login page. */
export function setUnauthorizedHandler(fn: () => void) {
  onUnauthorized = fn;
}

/** The server's message is already translated; a failed fetch means the network is down. */
export function errorText(e: unknown, t: T): string {
  if (e instanceof ApiError && e.status === 401 && e.code === 'auth.required') onUnauthorized();
  if (e instanceof ApiError) return e.message || t('common.loadFailed');
  if (e instanceof TypeError) return t('errors.network');
  return e instanceof Error && e.message ? e.message : t('common.loadFailed');
}

/** A contract's codes as a select's options, each labelled by its translation in the locale group `group` ('courseStatus'). */
export const termOptions = <V extends string>(t: T, codes: readonly V[], group: string) => codes.map((value) => ({ value, label: t(`${group}.${value}`) }));

/** One string value of the route's query (a home-page link opens a list with its queue's filter), or ''. */
export function queryValue(query: Record<string, unknown>, key: string): string {
  const v = query[key];
  return typeof v === 'string' ? v : '';
}

/** Saves a response body as a file, keeping the server's file name when it gives one. */
export async function download(url: string, fallbackName: string, locale: string): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin', headers: { 'Accept-Language': locale } });
  if (!res.ok) {
    const text = await res.text();
    let body;
    try {
      body = JSON.parse(text).error;
    } catch {
      /* not JSON */
    }
    throw new ApiError(res.status, body ?? { code: 'http.' + res.status, message: res.statusText });
  }
  const blob = await res.blob();
  const cd = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
