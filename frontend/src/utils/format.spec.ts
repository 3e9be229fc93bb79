import { afterEach, describe, expect, it } from 'vitest'
import { setLocale } from '@/locales'
import { dateCell, dateText, monthText, proseDates, timeText, valueText } from './format'

// Dates in three forms only (issue 17): 2026年12月4日 in prose, 2026-12-04
// in tables and inputs, 12月4日 10:09 for a moment — in Beijing time
// whatever the browser's zone.
afterEach(() => setLocale('zh-CN'))

const now = new Date('2026-12-04T08:00:00Z')

describe('date formats', () => {
  it('writes dates for prose', () => {
    expect(dateText('2026-12-04')).toBe('2026年12月4日')
    expect(dateText('2026-11-30', { weekday: true })).toBe('2026年11月30日（星期一）')
    // 2026-12-04T18:30Z is already 5 December in Beijing.
    expect(dateText('2026-12-04T18:30:00Z')).toBe('2026年12月5日')
    expect(dateText('')).toBe('')
    expect(dateText(undefined)).toBe('')
    setLocale('en')
    expect(dateText('2026-12-04')).toBe('4 December 2026')
    expect(dateText('2026-11-30', { weekday: true })).toBe('Monday 30 November 2026')
  })

  it('writes dates for tables and inputs', () => {
    expect(dateCell('2026-12-04')).toBe('2026-12-04')
    expect(dateCell('2026-12-04T18:30:00Z')).toBe('2026-12-05')
  })

  it('writes a moment with its day in words, its year only when not this year', () => {
    expect(timeText('2026-12-04T02:09:00Z', now)).toBe('12月4日 10:09')
    expect(timeText('2025-12-04T02:09:00Z', now)).toBe('2025年12月4日 10:09')
    expect(timeText('2026-12-04', now)).toBe('2026年12月4日')
    setLocale('en')
    expect(timeText('2026-12-04T02:09:00Z', now)).toBe('4 Dec 10:09')
    expect(timeText('2025-12-04T02:09:00Z', now)).toBe('4 Dec 2025 10:09')
  })

  it('rewrites the dates in a sentence and the values of an event', () => {
    expect(proseDates('答复期限为 2026-12-04，已逾期 2 个工作日')).toBe('答复期限为 2026年12月4日，已逾期 2 个工作日')
    expect(valueText('2026-12-04')).toBe('2026年12月4日')
    expect(valueText('请写明年份')).toBe('请写明年份')
    expect(monthText('2026-11')).toBe('2026年11月')
  })

  it('is the one place that formats dates', () => {
    // Every other source goes through these helpers (validators.ts reads
    // a birth date out of an ID number: arithmetic, not display).
    const sources = import.meta.glob(['/src/**/*.vue', '/src/**/*.ts', '!/src/**/*.spec.ts', '!/src/utils/format.ts', '!/src/utils/validators.ts', '!/src/types/**'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>
    const own = Object.entries(sources)
      .filter(([, text]) => /Intl\.DateTimeFormat|toLocale(?:Date|Time)?String|\.getFullYear\(|\.getMonth\(/.test(text))
      .map(([file]) => file)
    expect(own).toEqual([])
  })
})
