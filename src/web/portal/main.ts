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
const i18n = createAppI18n({ 'zh-CN': zhCN, en });
createApp(App).use(i18n).use(router).mount('#app');
