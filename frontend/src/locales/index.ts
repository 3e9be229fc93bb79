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

/** MISSING_LOG names the page-global list of the messages the UI asked for
 * and a language lacks ("en jobs.triggers.startup"): the browser suite
 * walks every route and fails on any (e2e/specs/24-messages.mjs). */
export const MISSING_LOG = '__gkMissingMessages'

function recordMissing(locale: string, key: string): void {
  // Element Plus renders each table column's slot once with an empty row
  // to see what it holds: `channels.${row.channel}` is then asked for as
  // channels.undefined, which no person sees.
  if (key.endsWith('.undefined')) return
  const g = globalThis as unknown as Record<string, string[] | undefined>
  const log = (g[MISSING_LOG] ??= [])
  const entry = `${locale} ${key}`
  if (log.length < 500 && !log.includes(entry)) log.push(entry)
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages: { 'zh-CN': zhCN, en },
  missing: (locale, key) => {
    recordMissing(locale, key)
  },
  missingWarn: false,
  fallbackWarn: false,
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
