import { afterEach, describe, expect, it } from 'vitest'
import { setLocale } from '@/locales'
import { internalDetails } from './staff-timeline'
import { actionName, eventDetails } from './timeline'

// The timeline words of the steps the law's corners added: a posted
// correction notice and its delivery, a later confirmation of receipt, a
// calendar change, a supervisor's 督办 and the Art 32 notice.
afterEach(() => setLocale('zh-CN'))

describe('public timeline', () => {
  it('names the new steps', () => {
    expect(actionName('record-correction-delivery')).toBe('补正告知送达')
    expect(actionName('calendar-change')).toBe('期限调整')
    expect(actionName('urge')).toBe('督办')
    expect(actionName('notify-third-party')).toBe('告知第三方')
  })

  it('says a posted correction notice runs from its delivery', () => {
    expect(eventDetails({ seq: 3, at: '', action: 'request-correction', data: { items: ['请写明年份'], periodDays: 10, delivery: 'post' } })).toEqual([
      '补正事项：请写明年份',
      '送达方式：邮寄',
      '补正期限自申请人收到告知书之日起计算',
    ])
    expect(eventDetails({ seq: 3, at: '', action: 'request-correction', data: { items: ['请写明年份'], periodDays: 10, delivery: 'online', periodEnds: '2026-12-14' } })).toEqual([
      '补正事项：请写明年份',
      '送达方式：在线送达',
      '补正期限 2026年12月14日',
    ])
    expect(eventDetails({ seq: 4, at: '', action: 'record-correction-delivery', data: { receivedOn: '2026-12-07', periodEnds: '2026-12-21' } })).toEqual(['补正告知已送达（2026年12月7日），补正期限至 2026年12月21日'])
  })

  it('tells a later confirmation and why the applicant was unreachable', () => {
    expect(eventDetails({ seq: 2, at: '', action: 'confirm-receipt', data: { receiptDate: '2026-12-03', confirmedOn: '2026-12-03', unreachableReason: '申请人电话停机' } })).toEqual([
      '收到申请日期 2026年12月3日',
      '到达当日无法联系申请人：申请人电话停机',
    ])
    expect(eventDetails({ seq: 2, at: '', action: 'confirm-receipt', data: { receiptDate: '2026-12-01', confirmedOn: '2026-12-03' } })).toEqual(['收到申请日期 2026年12月1日', '确认日期 2026年12月3日'])
  })

  it('says how a calendar change moved the due date, in both languages', () => {
    const e = { seq: 9, at: '', action: 'calendar-change', data: { from: '2027-01-04', to: '2027-01-05' } }
    expect(eventDetails(e)).toEqual(['期限因节假日安排调整：2027年1月4日 → 2027年1月5日'])
    setLocale('en')
    expect(eventDetails(e)).toEqual(['Due date moved by a calendar change: 4 January 2027 → 5 January 2027'])
  })
})

describe('internal timeline (staff)', () => {
  it('shows the 督办 with the clock when it was given', () => {
    expect(internalDetails({ seq: 5, at: '', action: 'urge', internal: { text: '请于 3 个工作日内报送答复草稿', dueDate: '2026-12-30', remainingWorkingDays: 4 } })).toEqual([
      '督办：请于 3 个工作日内报送答复草稿',
      '督办时答复期限 2026年12月30日，剩余 4 个工作日',
    ])
    expect(internalDetails({ seq: 5, at: '', action: 'urge', internal: { text: '立即答复', dueDate: '2026-11-30', remainingWorkingDays: -2 } })[1]).toBe('督办时已逾期 2 个工作日（答复期限 2026年11月30日）')
  })

  it('counts the third parties notified (Art 32)', () => {
    expect(internalDetails({ seq: 7, at: '', action: 'notify-third-party', internal: { thirdPartyNotices: 2 } })).toEqual(['已向 2 个第三方发出告知书（《条例》第三十二条）'])
    expect(internalDetails({ seq: 6, at: '', action: 'decide-answer', internal: { comment: '同意', thirdPartyNotices: 1 } })).toEqual(['意见：同意', '已向 1 个第三方发出告知书（《条例》第三十二条）'])
  })
})
