// The residents' portal: phone-first, light (no UI library), zh-CN first with English, elder mode.
import { createApp } from 'vue';
import { createAppI18n } from '../shared/i18n';
import App from './App.vue';
import { router } from './router';
import { applyElderMode } from './elder';
import { zhCN } from './i18n/zh-CN';
import { en } from './i18n/en';
import './portal.css';

applyElderMode();
// Each feature keeps its strings in i18n/features/<feature>.ts ({ zh, en }, top-level namespaces).
const features = Object.values(import.meta.glob<{ zh: object; en: object }>('./i18n/features/*.ts', { eager: true }));
const i18n = createAppI18n({ 'zh-CN': Object.assign({}, zhCN, ...features.map((f) => f.zh)), en: Object.assign({}, en, ...features.map((f) => f.en)) });
createApp(App).use(i18n).use(router).mount('#app');

// Installable on a phone's home screen, with an offline page; the worker caches nothing personal (public/sw.js).
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
