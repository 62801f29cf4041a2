// The staff console: desktop-first, Element Plus, Chinese first with complete English.
import { createApp } from 'vue';
// Element Plus components and their styles are resolved on demand; these three are used as functions/directives.
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import 'element-plus/es/components/loading/style/css';
import App from './App.vue';
import { router } from './router';
import { i18n, setLocale } from './i18n';
import { currentLocale } from '../shared/locale';
import { setUnauthorizedHandler } from './util';
import { setMe } from './session';
import './console.css';

setLocale(currentLocale());
setUnauthorizedHandler(() => {
  setMe(null);
  const here = router.currentRoute.value;
  if (here.name !== 'login') router.replace({ name: 'login', query: { redirect: here.fullPath } });
});
createApp(App).use(i18n).use(router).mount('#app');
