import { describe, expect, it } from 'vitest'
import { i18n } from '@/locales'
import en from './en'
import zhCN from './zh-CN'
import './index'

// Every message key written out in the sources exists in both languages
// (keys built at run time, like `act.${action}.title`, are checked by the
// pages' own tests and the browser specs).
const sources = import.meta.glob(['/src/**/*.vue', '/src/**/*.ts', '!/src/**/*.spec.ts', '!/src/locales/**'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>

function keysOf(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keysOf(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]))
}

describe('messages', () => {
  it('has the same staff keys in Chinese and English', () => {
    expect(keysOf(en as unknown as Record<string, unknown>).sort()).toEqual(keysOf(zhCN as unknown as Record<string, unknown>).sort())
  })

  it('knows every literal key the sources use, in both languages', () => {
    const missing: string[] = []
    const re = /\bte?\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g
    for (const [file, text] of Object.entries(sources)) {
      for (const m of text.matchAll(re)) {
        for (const l of ['zh-CN', 'en'] as const) {
          if (!i18n.global.te(m[1], l)) missing.push(`${l} ${m[1]} (${file})`)
        }
      }
    }
    expect(missing).toEqual([])
  })

  it('has a title, a lead and every field label for each staff action form', async () => {
    const { ACTION_SPECS } = await import('@/views/staff/case/components/action-specs')
    const { STAFF_ACTIONS } = await import('@/utils/case-actions')
    const missing: string[] = []
    for (const a of STAFF_ACTIONS) {
      for (const k of ['title', 'lead']) if (!i18n.global.te(`act.${a}.${k}`, 'zh-CN') || !i18n.global.te(`act.${a}.${k}`, 'en')) missing.push(`act.${a}.${k}`)
      for (const f of ACTION_SPECS[a]?.fields ?? []) {
        const key = f.labelKey ?? `act.${a}.${f.prop}`
        if (!i18n.global.te(key, 'zh-CN') || !i18n.global.te(key, 'en')) missing.push(key)
      }
    }
    expect(missing).toEqual([])
  })
})
