import { createI18n } from 'vue-i18n'
import zhCN, { type MessageSchema } from './zh-CN'
import en from './en'

// Locale is a UI language; the API answers in the same one
// (request.ts sends it as Accept-Language).
export type Locale = 'zh-CN' | 'en'

export const LOCALES: Locale[] = ['zh-CN', 'en']
export const DEFAULT_LOCALE: Locale = 'zh-CN'
const STORAGE_KEY = 'gongkai.locale'

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as string[]).includes(v)
}

function storedLocale(): Locale {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY)
    return isLocale(v) ? v : DEFAULT_LOCALE
  } catch {
    return DEFAULT_LOCALE
  }
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages: { 'zh-CN': zhCN, en },
})

export function getLocale(): Locale {
  return i18n.global.locale.value
}

// setLocale switches the UI language, remembers it and updates <html lang>.
export function setLocale(l: Locale): void {
  i18n.global.locale.value = l
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, l)
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = l
}

export const t = i18n.global.t
