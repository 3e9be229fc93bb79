import { afterEach, describe, expect, it } from 'vitest'
import { setLocale } from '@/locales'
import { clockBadge, clockInWords, clockKind, pauseReasons, provisionalNote, remainingLabel, type ClockView } from './clock'

const running: ClockView = {
  receiptDate: '2026-10-01',
  dueDate: '2026-10-30',
  remainingWorkingDays: 6,
  level: 'normal',
  paused: false,
  awaitingCorrection: false,
  concluded: false,
  onTime: false,
}

afterEach(() => setLocale('zh-CN'))

describe('clockInWords', () => {
  it('says the due date and the working days left', () => {
    expect(clockInWords(running)).toEqual({ kind: 'running', text: '答复期限 2026年10月30日，剩余 6 个工作日' })
  })

  it('says when the answer is due today', () => {
    const w = clockInWords({ ...running, remainingWorkingDays: 0, level: 'urgent' })
    expect(w.kind).toBe('due_today')
    expect(w.text).toBe('今天（2026年10月30日）是答复期限的最后一天')
  })

  it('counts overdue working days', () => {
    const w = clockInWords({ ...running, remainingWorkingDays: -3, level: 'overdue' })
    expect(w).toEqual({ kind: 'overdue', text: '已逾期 3 个工作日（答复期限 2026年10月30日）' })
  })

  it('says a consultation pauses the clock, and a fee notice too', () => {
    expect(clockInWords({ ...running, paused: true }).text).toBe('征求意见中，期限暂停')
    expect(clockInWords({ ...running, paused: true }, { feePending: true })).toEqual({ kind: 'paused_fee', text: '待缴纳信息处理费，期限暂停' })
  })

  it('shows the correction period while awaiting a correction', () => {
    const c = { ...running, awaitingCorrection: true }
    expect(clockInWords(c, { correctionEnds: '2026-10-15' })).toEqual({ kind: 'awaiting_correction', text: '待补正（补正期限 2026年10月15日）' })
    expect(clockInWords(c).text).toBe('待补正')
    // The tracking answer has no awaitingCorrection: the status says it.
    expect(clockKind({ ...running, awaitingCorrection: undefined }, { status: 'correction_requested' })).toBe('awaiting_correction')
  })

  it('tells answers on time from late ones, and closures', () => {
    const done = { ...running, concluded: true, concludedOn: '2026-10-28', onTime: true }
    expect(clockInWords(done, { outcome: 'disclosed' })).toEqual({ kind: 'answered', text: '已于 2026年10月28日 答复' })
    expect(clockInWords({ ...done, concludedOn: '2026-11-03', onTime: false }, { outcome: 'disclosed' })).toEqual({
      kind: 'answered_late',
      text: '已于 2026年11月3日 答复（晚于答复期限 2026年10月30日）',
    })
    expect(clockInWords(done, { outcome: 'other.withdrawn' }).text).toBe('已于 2026年10月28日 撤回申请')
    expect(clockInWords(done, { outcome: 'other.correction_lapsed' }).kind).toBe('closed')
  })

  it('waits for the receipt before counting', () => {
    expect(clockInWords({ ...running, receiptDate: '', dueDate: '', level: '' }).kind).toBe('not_started')
  })

  it('mentions an extension', () => {
    expect(clockInWords({ ...running, extendedDays: 20 }).text).toBe('答复期限 2026年10月30日，剩余 6 个工作日（已延长 20 个工作日）')
  })

  it('speaks English with plurals', () => {
    setLocale('en')
    expect(clockInWords(running).text).toBe('Answer due 30 October 2026: 6 working days left')
    expect(clockInWords({ ...running, remainingWorkingDays: 1, level: 'urgent' }).text).toBe('Answer due 30 October 2026: 1 working day left')
    expect(clockInWords({ ...running, remainingWorkingDays: -1, level: 'overdue' }).text).toBe('Overdue by 1 working day (due 30 October 2026)')
  })
})

describe('clockBadge', () => {
  it('maps each level to its own tone and label', () => {
    expect(clockBadge(running)).toMatchObject({ tone: 'normal', label: '正常', paused: false, remaining: 6, extended: false })
    expect(clockBadge({ ...running, level: 'warning' })).toMatchObject({ tone: 'warning', label: '临近期限' })
    expect(clockBadge({ ...running, level: 'urgent' })).toMatchObject({ tone: 'urgent', label: '即将到期' })
    expect(clockBadge({ ...running, level: 'overdue' })).toMatchObject({ tone: 'overdue', label: '已逾期' })
  })

  it('keeps the level and marks the pause beside it', () => {
    expect(clockBadge({ ...running, level: 'warning', paused: true })).toMatchObject({ tone: 'warning', label: '临近期限', paused: true, pausedLabel: '期限暂停' })
  })

  it('shows the outcome once concluded', () => {
    const done = { ...running, level: 'overdue' as const, concluded: true }
    expect(clockBadge(done, { outcomeLabel: '予以公开' })).toEqual({ tone: 'done', label: '予以公开', paused: false, pausedLabel: '', remaining: null, extended: false, provisional: '' })
    expect(clockBadge(done)).toMatchObject({ tone: 'done', label: '已办结' })
  })

  it('is neutral while awaiting a correction or the receipt', () => {
    expect(clockBadge({ ...running, awaitingCorrection: true })).toMatchObject({ tone: 'neutral', label: '待补正' })
    expect(clockBadge({ ...running, receiptDate: '', level: '' })).toMatchObject({ tone: 'neutral', label: '待确认收到' })
  })
})

describe('pauses with their reasons (staff)', () => {
  it('says why the clock is paused when the reasons are known', () => {
    const paused = { ...running, paused: true }
    expect(clockInWords(paused, { pausedFor: ['third_party'] })).toEqual({ kind: 'paused', text: '征求第三方意见，期限暂停' })
    expect(clockInWords(paused, { pausedFor: ['fee', 'agency_consultation'] }).text).toBe('征求其他机关意见、待缴纳信息处理费，期限暂停')
    expect(clockInWords(paused, { pausedFor: ['fee'] }).kind).toBe('paused_fee')
    // Unknown reasons are ignored; without reasons the words stay general.
    expect(clockInWords(paused, { pausedFor: ['elsewhere'] }).text).toBe('征求意见中，期限暂停')
  })

  it('marks the badge with the reason, the days left and the extension', () => {
    const b = clockBadge({ ...running, paused: true, extendedDays: 10 }, { pausedFor: ['third_party'] })
    expect(b).toMatchObject({ paused: true, pausedLabel: '暂停：征求第三方意见', remaining: 6, extended: true })
    expect(pauseReasons(['fee', 'third_party', 'x'])).toEqual(['third_party', 'fee'])
  })

  it('puts the working days left in short', () => {
    expect(remainingLabel(6)).toBe('剩 6 个工作日')
    expect(remainingLabel(0)).toBe('今日到期')
    expect(remainingLabel(-2)).toBe('逾期 2 个工作日')
    setLocale('en')
    expect(remainingLabel(1)).toBe('1 working day left')
    expect(remainingLabel(-3)).toBe('3 working days overdue')
    expect(clockInWords({ ...running, paused: true }, { pausedFor: ['third_party'] }).text).toBe('Third-party consultation (征求第三方意见): the time limit is paused')
  })
})

describe('awaiting confirmation of receipt (Art 31)', () => {
  // Ordinary post, fax and e-mail not yet confirmed: the clock runs from
  // the arrival day meanwhile.
  const waiting: ClockView = { ...running, awaitingConfirmation: true }

  it('says the receipt is to be confirmed and the clock counts from arrival', () => {
    expect(clockInWords(waiting)).toEqual({ kind: 'running', text: '待确认收到（自到达日起算）：答复期限 2026年10月30日，剩余 6 个工作日' })
    expect(clockInWords({ ...waiting, remainingWorkingDays: -2, level: 'overdue' })).toEqual({ kind: 'overdue', text: '待确认收到（自到达日起算）：已逾期 2 个工作日（答复期限 2026年10月30日）' })
    setLocale('en')
    expect(clockInWords(waiting).text).toBe('Receipt to be confirmed (counted from arrival): Answer due 30 October 2026: 6 working days left')
  })

  it('labels the badge so, in the colour of its level, with the days left', () => {
    expect(clockBadge(waiting)).toMatchObject({ tone: 'normal', label: '待确认收到（自到达日起算）', remaining: 6 })
    expect(clockBadge({ ...waiting, level: 'urgent', remainingWorkingDays: 1 })).toMatchObject({ tone: 'urgent', label: '待确认收到（自到达日起算） · 即将到期' })
    // A confirmed clock reads as before.
    expect(clockBadge({ ...waiting, awaitingConfirmation: false }).label).toBe('正常')
  })
})

describe('provisional due dates', () => {
  it('names the years whose holiday schedule is not confirmed', () => {
    expect(provisionalNote({ provisional: true, provisionalYears: [2027], concluded: false })).toBe('期限涉及 2027 年，节假日安排尚未确认，为临时推算')
    expect(provisionalNote({ provisional: true, provisionalYears: [2027, 2028], concluded: false })).toBe('期限涉及 2027、2028 年，节假日安排尚未确认，为临时推算')
    expect(provisionalNote({ provisional: true, concluded: false })).toContain('临时推算')
    expect(provisionalNote({ provisional: false, provisionalYears: [2027], concluded: false })).toBe('')
    expect(provisionalNote({ provisional: true, provisionalYears: [2027], concluded: true })).toBe('')
    setLocale('en')
    expect(provisionalNote({ provisional: true, provisionalYears: [2027], concluded: false })).toBe('The period reaches into 2027, whose holiday schedule is not yet confirmed: the date is provisional')
  })

  it('carries the note on the badge of an open case', () => {
    expect(clockBadge({ ...running, provisional: true, provisionalYears: [2027] }).provisional).toBe('期限涉及 2027 年，节假日安排尚未确认，为临时推算')
    expect(clockBadge({ ...running, provisional: true, provisionalYears: [2027], concluded: true }).provisional).toBe('')
  })
})
