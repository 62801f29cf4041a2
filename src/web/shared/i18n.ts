// vue-i18n for both web apps: zh-CN first, English complete. Each app passes its own messages; the strings
// shared components need live here under `common` so they exist whichever app loads them.
import { createI18n } from 'vue-i18n';
import { currentLocale, saveLocale, type Locale } from './locale';
import { setDateLocaleSource } from './datetime';

export const LOCALES: { code: Locale; name: string }[] = [
  { code: 'zh-CN', name: '中文' },
  { code: 'en', name: 'English' },
];

/** Strings every app has under `common` (the console merges them into its own `common`). */
export const SHARED_COMMON = {
  'zh-CN': {
    language: '语言',
    switchLanguage: '切换语言',
    required: '此项必填',
    loading: '正在加载…',
    networkError: '无法连接服务器，请检查网络后再试。',
    // Punctuation follows the language: full-width in Chinese, a space after it in English.
    labelled: '{label}：{value}',
    colon: '：',
    listSep: '、',
    paren: '（{v}）',
    parenOpen: '（',
    parenClose: '）',
  },
  en: {
    language: 'Language',
    switchLanguage: 'Switch language',
    required: 'This field is required.',
    loading: 'Loading…',
    networkError: 'Cannot reach the server. Check your connection and try again.',
    labelled: '{label}: {value}',
    colon: ': ',
    listSep: ', ',
    paren: ' ({v})',
    parenOpen: ' (',
    parenClose: ')',
  },
} satisfies Record<Locale, Record<string, string>>;

let setGlobalLocale: ((locale: Locale) => void) | undefined;

/** Creates the app's i18n in Composition mode; `messages.en` must have every key `messages['zh-CN']` has. */
export function createAppI18n<M extends Record<string, unknown>>(messages: { 'zh-CN': M; en: M }) {
  const locale = currentLocale();
  document.documentElement.lang = locale;
  const all: Record<Locale, Record<string, unknown>> = {
    'zh-CN': { ...messages['zh-CN'], common: { ...SHARED_COMMON['zh-CN'], ...(messages['zh-CN'].common as object | undefined) } },
    en: { ...messages.en, common: { ...SHARED_COMMON.en, ...(messages.en.common as object | undefined) } },
  };
  const i18n = createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages: all as never });
  setGlobalLocale = (l) => {
    i18n.global.locale.value = l;
  };
  // Dates follow the language; read inside a render, the switch re-renders them.
  setDateLocaleSource(() => i18n.global.locale.value as Locale);
  return i18n;
}

/** Switches the language everywhere: the UI, the `lang` attribute, localStorage and the API client's Accept-Language. */
export function applyLocale(locale: Locale) {
  saveLocale(locale);
  setGlobalLocale?.(locale);
}
