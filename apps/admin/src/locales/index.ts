import { createI18n } from 'vue-i18n';
import { readPreference, writePreference } from '@/api/token-storage';
import { en } from './en';
import { zhCN, type MessageSchema } from './zh-CN';

export const LOCALES = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = 'zh-CN';

/** Each locale names itself, so the switch reads the same in every language. */
export const LOCALE_NAMES: Record<AppLocale, string> = { 'zh-CN': '简体中文', en: 'English' };

function isAppLocale(value: unknown): value is AppLocale {
  return (LOCALES as readonly unknown[]).includes(value);
}

export function savedLocale(): AppLocale {
  const saved = readPreference('locale');
  return isAppLocale(saved) ? saved : DEFAULT_LOCALE;
}

const shortDateTime = {
  short: {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  },
} as const;

export function createAppI18n(locale: AppLocale = savedLocale()) {
  return createI18n<{ message: MessageSchema; datetime: typeof shortDateTime }, AppLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages: { 'zh-CN': zhCN, en },
    datetimeFormats: { 'zh-CN': shortDateTime, en: shortDateTime },
  });
}

export type AppI18n = ReturnType<typeof createAppI18n>;

/** Remember the choice and tell assistive tech and the browser which language the page is in. */
export function persistLocale(locale: AppLocale): void {
  writePreference('locale', locale);
  document.documentElement.lang = locale;
}

export function applyLocale(i18n: AppI18n, locale: AppLocale): void {
  i18n.global.locale.value = locale;
  persistLocale(locale);
}
