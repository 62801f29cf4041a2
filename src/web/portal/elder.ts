// Elderly-friendly mode (适老化): a class on <html> that the stylesheet turns into larger type, stronger
// contrast and bigger targets; remembered on this device.
import { ref } from 'vue';

const KEY = 'lc.elder';

function saved(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export const elderMode = ref(saved());

export function applyElderMode() {
  document.documentElement.classList.toggle('elder', elderMode.value);
}

export function setElderMode(on: boolean) {
  elderMode.value = on;
  try {
    localStorage.setItem(KEY, on ? '1' : '0');
  } catch {
    /* storage blocked: still applies for this visit */
  }
  applyElderMode();
}
