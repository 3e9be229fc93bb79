import { describe, expect, it } from 'vitest'
import type { RegisterImport } from '@/api/register'
import { confirmable, confirmBlock, inLanguage, progressPercent, skippedRows } from './register-import'

const counts = { total: 10, valid: 8, invalid: 2, errors: 3, new: 5, replace: 1, unchanged: 1, native: 1 }
const imp = (over: Partial<RegisterImport> = {}): RegisterImport =>
  ({ id: 1, agency: null, fileName: 'a.csv', format: 'csv', sha256: 'x', size: 1, status: 'ready', headerRow: 1, counts, warnings: [], uploadedAt: '', version: 2, ...over }) as RegisterImport

describe('register import', () => {
  it('picks the message in the UI language', () => {
    expect(inLanguage({ zh: '第3行', en: 'row 3' }, 'zh-CN')).toBe('第3行')
    expect(inLanguage({ zh: '第3行', en: 'row 3' }, 'en')).toBe('row 3')
    expect(inLanguage({ zh: '第3行', en: '' }, 'en')).toBe('第3行')
  })

  it('shows progress only when the total is known', () => {
    expect(progressPercent(imp({ progress: { phase: 'validating', done: 500, total: 0 } }))).toBeNull()
    expect(progressPercent(imp({ progress: { phase: 'importing', done: 250, total: 1000 } }))).toBe(25)
    expect(progressPercent(imp())).toBeNull()
  })

  it('refuses all or nothing on a file with errors', () => {
    expect(confirmBlock(imp(), 'all-or-nothing')).toBe('allOrNothingBlocked')
    expect(confirmBlock(imp(), 'valid-rows')).toBe('')
    expect(confirmBlock(imp({ counts: { ...counts, valid: 0, invalid: 10 } }), 'valid-rows')).toBe('nothingToImport')
    expect(skippedRows(imp())).toBe(3)
  })

  it('confirms ready, failed and interrupted uploads only', () => {
    expect(confirmable(imp())).toBe(true)
    expect(confirmable(imp({ status: 'failed' }))).toBe(true)
    expect(confirmable(imp({ status: 'importing' }))).toBe(false)
    expect(confirmable(imp({ status: 'importing', interrupted: true }))).toBe(true)
    expect(confirmable(imp({ status: 'imported' }))).toBe(false)
  })
})
