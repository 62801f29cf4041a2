// The chosen UI language, kept in localStorage so both apps and the API client agree.
export type Locale = 'zh-CN' | 'en';
const KEY = 'lc.locale';

export function currentLocale(): Locale {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    /* storage blocked: fall through to the default */
  }
  return 'zh-CN';
}

export function saveLocale(locale: Locale) {
  try {
    localStorage.setItem(KEY, locale);
  } catch {
    /* ignore */
  }
  document.documentElement.lang = locale;
}
