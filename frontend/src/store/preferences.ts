// Display preferences: large-text mode (适老化, Art 43) and the UI
// language. Both are remembered in localStorage; they are not secrets.
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { getLocale, setLocale, type Locale } from '@/locales'

const LARGE_KEY = 'gongkai.largeFont'

function readLarge(): boolean {
  try {
    return globalThis.localStorage?.getItem(LARGE_KEY) === '1'
  } catch {
    return false
  }
}

export const usePreferencesStore = defineStore('preferences', () => {
  const largeFont = ref(readLarge())
  const locale = ref<Locale>(getLocale())

  function applyLarge(v: boolean): void {
    if (typeof document !== 'undefined') document.documentElement.classList.toggle('gk-large', v)
  }
  applyLarge(largeFont.value)
  setLocale(locale.value)

  watch(largeFont, (v) => {
    applyLarge(v)
    try {
      globalThis.localStorage?.setItem(LARGE_KEY, v ? '1' : '0')
    } catch {
      // Private mode: remembered for this page only.
    }
  })
  watch(locale, (l) => setLocale(l))

  function toggleLargeFont(): void {
    largeFont.value = !largeFont.value
  }

  function toggleLocale(): void {
    locale.value = locale.value === 'zh-CN' ? 'en' : 'zh-CN'
  }

  return { largeFont, locale, toggleLargeFont, toggleLocale }
})
