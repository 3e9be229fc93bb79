import { afterEach, describe, expect, it } from 'vitest'
import { setLocale } from '@/locales'
import '@/locales/staff'
import { describeCron } from './cron'

afterEach(() => setLocale('zh-CN'))

describe('describeCron', () => {
  it('puts the schedules of the jobs into words', () => {
    expect(describeCron('0 8-18 * * *')).toBe('每天 8–18 时，每小时第 00 分')
    expect(describeCron('30 0 * * *')).toBe('每天 00:30')
    expect(describeCron('0 2 * * *')).toBe('每天 02:00')
    expect(describeCron('* * * * *')).toBe('每分钟')
    expect(describeCron('*/5 * * * *')).toBe('每 5 分钟')
    setLocale('en')
    expect(describeCron('30 0 * * *')).toBe('daily at 00:30')
  })

  it('leaves other shapes alone', () => {
    expect(describeCron('0 2 * * 1')).toBe('')
    expect(describeCron('nonsense')).toBe('')
  })
})
