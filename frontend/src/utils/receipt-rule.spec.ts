import { describe, expect, it } from 'vitest'
import { checkReceiptDate, onOrAfter, receiptRule, ruleKind } from './receipt-rule'

// 2026-10-01..07 are the National Day holidays, 2026-10-10 (Saturday) a
// working day (调休), 2026-10-11 a Sunday.
const cal: Record<string, boolean> = {
  '2026-09-30': true,
  '2026-10-01': false,
  '2026-10-02': false,
  '2026-10-03': false,
  '2026-10-04': false,
  '2026-10-05': false,
  '2026-10-06': false,
  '2026-10-07': false,
  '2026-10-08': true,
  '2026-10-09': true,
  '2026-10-10': true,
  '2026-10-11': false,
  '2026-10-12': true,
}
const isWorkday = (d: string) => cal[d]

describe('receiptRule (Art 31)', () => {
  it('fixes the date to the arrival day for in-person and registered post', () => {
    for (const ch of ['in_person', 'registered_post'] as const) {
      const r = receiptRule(ch, '2026-10-03', isWorkday)
      expect(r).toMatchObject({ kind: 'arrival', fixed: true, mayBeEmpty: false, suggested: '2026-10-03' })
    }
    // Even on a holiday: the day handed in is the day received.
    expect(receiptRule('in_person', '2026-10-01').suggested).toBe('2026-10-01')
    expect(receiptRule('in_person', '2026-10-01').article).toBe('第三十一条第（一）项')
    expect(receiptRule('registered_post', '2026-10-01').article).toBe('第三十一条第（二）项')
  })

  it('waits for the confirmation with the applicant for ordinary post, fax and e-mail', () => {
    for (const ch of ['ordinary_post', 'fax', 'email'] as const) {
      expect(receiptRule(ch, '2026-10-09', isWorkday)).toMatchObject({ kind: 'confirmation', fixed: false, mayBeEmpty: true, suggested: '' })
      expect(ruleKind(ch)).toBe('confirmation')
    }
    expect(receiptRule('fax', '2026-10-09').article).toBe('第三十一条第（三）项')
  })

  it('takes the arrival day or the next working day online', () => {
    expect(receiptRule('online', '2026-09-30', isWorkday).suggested).toBe('2026-09-30')
    expect(receiptRule('online', '2026-10-02', isWorkday).suggested).toBe('2026-10-08')
    expect(receiptRule('online', '2026-10-11', isWorkday).suggested).toBe('2026-10-12')
    // A 调休 Saturday is a working day.
    expect(receiptRule('online', '2026-10-10', isWorkday).suggested).toBe('2026-10-10')
    // Without the calendar the arrival day is suggested (the server decides).
    expect(receiptRule('online', '2026-10-02').suggested).toBe('2026-10-02')
    expect(receiptRule('online', '', isWorkday).suggested).toBe('')
  })

  it('stops looking where the calendar ends', () => {
    expect(onOrAfter('2026-10-06', (d) => (d <= '2026-10-07' ? false : undefined))).toBe('2026-10-08')
  })
})

describe('checkReceiptDate', () => {
  const today = '2026-10-12'
  it('requires the date only where the law fixes it', () => {
    expect(checkReceiptDate('in_person', '2026-10-09', '', today)).toBe('required')
    expect(checkReceiptDate('ordinary_post', '2026-10-09', '', today)).toBeNull()
    expect(checkReceiptDate('email', '2026-10-09', '', today)).toBeNull()
    expect(checkReceiptDate('online', '2026-10-09', '', today)).toBeNull()
  })

  it('refuses future dates, dates before arrival and, for in-person, any other day', () => {
    expect(checkReceiptDate('fax', '2026-10-09', '2026-10-13', today)).toBe('future')
    expect(checkReceiptDate('fax', '2026-10-09', '2026-10-08', today)).toBe('beforeArrival')
    expect(checkReceiptDate('in_person', '2026-10-09', '2026-10-12', today)).toBe('notArrivalDay')
    expect(checkReceiptDate('registered_post', '2026-10-09', '2026-10-09', today)).toBeNull()
    expect(checkReceiptDate('ordinary_post', '2026-10-09', '2026-10-12', today)).toBeNull()
  })
})
