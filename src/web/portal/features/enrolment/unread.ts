// The unread-messages count shown beside "消息" in the header, refreshed on navigation and after reading.
import { ref } from 'vue';
import { apiGet } from '../../../shared/api';
import { session } from '../../session';

export const unreadCount = ref(0);

export async function refreshUnread() {
  if (!session.me) {
    unreadCount.value = 0;
    return;
  }
  try {
    unreadCount.value = (await apiGet('/api/notifications/unread-count')).unread;
  } catch {
    /* keep the last count */
  }
}
