// The staff console's messages are merged into the app's i18n when a
// staff module is first loaded (the staff layout and every staff page
// import this file), so the public pages never download them.
import { i18n } from '@/locales'
import en from './en'
import zhCN from './zh-CN'

let installed = false

export function installStaffMessages(): void {
  if (installed) return
  installed = true
  // The app's schema does not know the staff keys; merging is by design.
  const g = i18n.global as unknown as { mergeLocaleMessage: (l: string, m: unknown) => void }
  g.mergeLocaleMessage('zh-CN', zhCN)
  g.mergeLocaleMessage('en', en)
}

installStaffMessages()
