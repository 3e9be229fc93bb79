import { describe, expect, it } from 'vitest'
import { checkReceiptDate, needsUnreachableReason, receiptRule, ruleKind } from './receipt-rule'

// 2026-10-01..07 are the National Day holidays, 2026-10-10 (Saturday) a
// working day (调休), 2026-10-11 a Sunday. The receipt rule no longer
// depends on them: every channel takes a calendar date.

describe('receiptRule (Art 31)', () => {
  it('fixes the date to the arrival day for in-person and registered post', () => {
    for (const ch of ['in_person', 'registered_post'] as const) {
      const r = receiptRule(ch, '2026-10-03')
      expect(r).toMatchObject({ kind: 'arrival', fixed: true, mayBeEmpty: false, suggested: '2026-10-03' })
    }
    // Even on a holiday: the day handed in is the day received.
    expect(receiptRule('in_person', '2026-10-01').suggested).toBe('2026-10-01')
    expect(receiptRule('in_person', '2026-10-01').article).toBe('第三十一条第（一）项')
    expect(receiptRule('registered_post', '2026-10-01').article).toBe('第三十一条第（二）项')
  })

  it('takes the calendar date of an online submission, whatever day it is', () => {
    expect(receiptRule('online', '2026-09-30')).toMatchObject({ kind: 'online', fixed: true, mayBeEmpty: false, suggested: '2026-09-30' })
    // A holiday and a Sunday stay as they are (no longer the next working day).
    expect(receiptRule('online', '2026-10-02').suggested).toBe('2026-10-02')
    expect(receiptRule('online', '2026-10-11').suggested).toBe('2026-10-11')
    expect(receiptRule('online', '').suggested).toBe('')
    expect(receiptRule('online', '2026-10-02').article).toBe('第三十一条第（三）项')
  })

  it('waits for the confirmation with the applicant for ordinary post, fax and e-mail', () => {
    for (const ch of ['ordinary_post', 'fax', 'email'] as const) {
      expect(receiptRule(ch, '2026-10-09')).toMatchObject({ kind: 'confirmation', fixed: false, mayBeEmpty: true, suggested: '' })
      expect(ruleKind(ch)).toBe('confirmation')
    }
    expect(receiptRule('ordinary_post', '2026-10-09').article).toBe('第三十一条第（二）项')
    expect(receiptRule('fax', '2026-10-09').article).toBe('第三十一条第（三）项')
  })
})

describe('needsUnreachableReason', () => {
  it('asks why only for a confirmation later than the arrival day', () => {
    for (const ch of ['ordinary_post', 'fax', 'email'] as const) {
      expect(needsUnreachableReason(ch, '2026-10-09', '2026-10-12')).toBe(true)
      expect(needsUnreachableReason(ch, '2026-10-09', '2026-10-09')).toBe(false)
      expect(needsUnreachableReason(ch, '2026-10-09', '')).toBe(false)
    }
  })

  it('never asks where the date is the arrival by law', () => {
    for (const ch of ['in_person', 'registered_post', 'online'] as const) expect(needsUnreachableReason(ch, '2026-10-09', '2026-10-12')).toBe(false)
    expect(needsUnreachableReason('fax', '', '2026-10-12')).toBe(false)
  })
})

describe('checkReceiptDate', () => {
  const today = '2026-10-12'
  it('requires the date only where the law fixes it', () => {
    expect(checkReceiptDate('in_person', '2026-10-09', '', today)).toBe('required')
    expect(checkReceiptDate('registered_post', '2026-10-09', '', today)).toBe('required')
    expect(checkReceiptDate('ordinary_post', '2026-10-09', '', today)).toBeNull()
    expect(checkReceiptDate('email', '2026-10-09', '', today)).toBeNull()
    // Online the server takes the arrival day itself.
    expect(checkReceiptDate('online', '2026-10-09', '', today)).toBeNull()
  })

  it('refuses future dates, dates before arrival and, where the arrival fixes it, any other day', () => {
    expect(checkReceiptDate('fax', '2026-10-09', '2026-10-13', today)).toBe('future')
    expect(checkReceiptDate('fax', '2026-10-09', '2026-10-08', today)).toBe('beforeArrival')
    expect(checkReceiptDate('in_person', '2026-10-09', '2026-10-12', today)).toBe('notArrivalDay')
    expect(checkReceiptDate('online', '2026-10-10', '2026-10-12', today)).toBe('notArrivalDay')
    expect(checkReceiptDate('online', '2026-10-11', '2026-10-11', today)).toBeNull()
    expect(checkReceiptDate('registered_post', '2026-10-09', '2026-10-09', today)).toBeNull()
    // A later confirmation is a valid date; its reason is checked apart.
    expect(checkReceiptDate('ordinary_post', '2026-10-09', '2026-10-12', today)).toBeNull()
  })
})
