import { describe, expect, it } from 'vitest'
import type { Coverage } from '@/api/calendar'
import { canConfirm, NOTICE_NUMBER, noticeTitleFor, provisionalInReach, yearStanding } from './coverage'

const coverage: Coverage = {
  officialThrough: 2026,
  provisionalYears: [2027, 2028],
  years: [
    { year: 2026, official: true, hasSchedule: true, notices: [{ title: noticeTitleFor(2026), number: '国办发明电〔2025〕7号', date: '2025-11-04', confirmedAt: null, confirmedBy: null }] },
    { year: 2027, official: false, hasSchedule: true, notices: [] },
    { year: 2028, official: false, hasSchedule: false, notices: [] },
  ],
}

describe('calendar coverage', () => {
  it('tells official, provisional and merely estimated years apart', () => {
    expect(coverage.years!.map(yearStanding)).toEqual(['official', 'provisional', 'estimated'])
    expect(coverage.years!.map(canConfirm)).toEqual([false, true, false])
  })

  it('warns about this year or next only, when provisional', () => {
    expect(provisionalInReach(coverage, '2026-12-04')).toEqual([2027])
    expect(provisionalInReach(coverage, '2027-03-01')).toEqual([2027, 2028])
    expect(provisionalInReach(coverage, '2025-06-01')).toEqual([])
    expect(provisionalInReach({ officialThrough: 2026, provisionalYears: [2027] }, '2026-12-04')).toEqual([2027])
    expect(provisionalInReach(null, '2026-12-04')).toEqual([])
  })

  it('knows the notice title and number the server expects', () => {
    expect(noticeTitleFor(2027)).toBe('国务院办公厅关于2027年部分节假日安排的通知')
    expect(NOTICE_NUMBER.test('国办发明电〔2026〕8号')).toBe(true)
    expect(NOTICE_NUMBER.test('国办发明电2026 8号')).toBe(false)
  })
})
