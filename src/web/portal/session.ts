// Who is logged in, shared by the header, the router guard and the pages.
import { reactive } from 'vue';
import { apiGet, apiPost, type Answer } from '../shared/api';

/** Who is signed in, as the session answer, a sign-in or a language change gives it. */
export type Me = Extract<Answer<'/api/auth/session'>, { signedIn: true }>['user'] | Answer<'/api/auth/login', 'post'>['user'] | Answer<'/api/auth/me', 'patch'>;

export const session = reactive({ me: null as Me | null, loaded: false });

export async function loadSession(): Promise<Me | null> {
  try {
    // Asks without failing for a visitor (a 401 on every anonymous page load is a red console line).
    const answer = await apiGet('/api/auth/session');
    session.me = answer.signedIn ? answer.user : null;
  } catch (err) {
    // Server unreachable: public pages still work as for a visitor.
    console.warn('could not load the session', err);
    session.me = null;
  }
  session.loaded = true;
  return session.me;
}

/** Signs out; the resident is signed out here even when the server is not told (the cookie already gone, no network). */
export async function logout() {
  try {
    await apiPost('/api/auth/logout');
  } catch {
    /* the cookie may already be gone; leave anyway */
  }
  session.me = null;
}
