// Who is logged in, shared by the header, the router guard and the pages.
import { reactive } from 'vue';
import { ApiError, get, post } from '../shared/api';
import type { Me } from './types';

export const session = reactive({ me: null as Me | null, loaded: false });

export async function loadSession(): Promise<Me | null> {
  try {
    session.me = await get<Me>('/api/auth/me');
  } catch (err) {
    // 401 means "not logged in"; anything else (server down) is treated the same so public pages still work.
    if (!(err instanceof ApiError) || err.status !== 401) console.warn('could not load the session', err);
    session.me = null;
  }
  session.loaded = true;
  return session.me;
}

export async function logout() {
  try {
    await post('/api/auth/logout');
  } finally {
    session.me = null;
  }
}
