// The answer clock in words and as a traffic light. The server computes
// the clock (app/clock); these functions only say what it means, in the
// UI language.
import type { ClockLevel } from '@/api/cases'
import { t } from '@/locales'
import { dateText } from './format'

/** ClockView is the part of a clock the words need. Both the case clock
 * and the public tracking answer fit (the latter lacks some fields). */
export interface ClockView {
  receiptDate: string
  dueDate: string
  remainingWorkingDays: number
  level: ClockLevel | ''
  paused: boolean
  awaitingCorrection?: boolean
  concluded: boolean
  concludedOn?: string
  onTime?: boolean
  extendedDays?: number
  /** awaitingConfirmation: the receipt is not yet confirmed with the
   * applicant (ordinary post, fax, e-mail); the clock runs from arrival. */
  awaitingConfirmation?: boolean
  /** provisional: the period reaches into a year whose holiday schedule
   * is not confirmed (provisionalYears). */
  provisional?: boolean
  provisionalYears?: number[]
}

export interface ClockContext {
  /** outcome is the case's outcome key (other.* are closures, not answers). */
  outcome?: string
  /** status is the case status (correction_requested stands for
   * awaitingCorrection where the clock does not say it). */
  status?: string
  /** correctionEnds is the end of the correction period, if known. */
  correctionEnds?: string
  /** feePending says a pause is for an unpaid fee, not a consultation. */
  feePending?: boolean
  /** pausedFor says why the clock is stopped (the case's pausedFor):
   * third_party, agency_consultation, fee. */
  pausedFor?: readonly string[]
}

const PAUSE_ORDER = ['third_party', 'agency_consultation', 'fee']

/** pauseReasons lists known pause reasons in a stable order. */
export function pauseReasons(pausedFor: readonly string[] | null | undefined): string[] {
  const set = new Set(pausedFor ?? [])
  return PAUSE_ORDER.filter((r) => set.has(r))
}

/** pauseReasonName names why the clock is stopped ("征求第三方意见"). */
export function pauseReasonName(reason: string): string {
  return t(`clock.pausedFor.${reason}`)
}

export type ClockKind =
  | 'not_started'
  | 'running'
  | 'due_today'
  | 'overdue'
  | 'paused'
  | 'paused_fee'
  | 'awaiting_correction'
  | 'answered'
  | 'answered_late'
  | 'withdrawn'
  | 'closed'

export interface ClockWords {
  kind: ClockKind
  text: string
}

/** clockKind says which sentence describes the clock. */
export function clockKind(c: ClockView, ctx: ClockContext = {}): ClockKind {
  if (c.concluded) {
    if (ctx.outcome === 'other.withdrawn') return 'withdrawn'
    if (ctx.outcome?.startsWith('other.') || ctx.status === 'closed') return 'closed'
    return c.onTime === false ? 'answered_late' : 'answered'
  }
  if (c.awaitingCorrection || ctx.status === 'correction_requested') return 'awaiting_correction'
  if (!c.receiptDate || !c.dueDate) return 'not_started'
  if (c.paused) {
    const why = pauseReasons(ctx.pausedFor)
    if (why.length) return why.every((r) => r === 'fee') ? 'paused_fee' : 'paused'
    return ctx.feePending ? 'paused_fee' : 'paused'
  }
  if (c.remainingWorkingDays < 0) return 'overdue'
  if (c.remainingWorkingDays === 0) return 'due_today'
  return 'running'
}

/** clockInWords is the clock as one sentence: "答复期限 2026年10月30日，剩余 6
 * 个工作日", "已逾期 2 个工作日（答复期限 …）", "征求意见中，期限暂停",
 * "待补正（补正期限 …）", "已于 … 答复". */
export function clockInWords(c: ClockView, ctx: ClockContext = {}): ClockWords {
  const kind = clockKind(c, ctx)
  // In prose: 2026年12月4日 (utils/format).
  const due = dateText(c.dueDate)
  const n = Math.abs(c.remainingWorkingDays)
  const on = dateText(c.concludedOn)
  let text: string
  switch (kind) {
    case 'answered':
      text = t('clock.answered', { on })
      break
    case 'answered_late':
      text = t('clock.answeredLate', { on, due })
      break
    case 'withdrawn':
      text = t('clock.withdrawn', { on })
      break
    case 'closed':
      text = t('clock.closed', { on })
      break
    case 'awaiting_correction':
      text = ctx.correctionEnds ? t('clock.awaitingCorrectionUntil', { ends: dateText(ctx.correctionEnds) }) : t('clock.awaitingCorrection')
      break
    case 'not_started':
      text = t('clock.notStarted')
      break
    case 'paused': {
      const why = pauseReasons(ctx.pausedFor)
      text = why.length ? t('clock.pausedWhy', { why: why.map(pauseReasonName).join(t('common.listSep')) }) : t('clock.paused')
      break
    }
    case 'paused_fee':
      text = t('clock.pausedFee')
      break
    case 'overdue':
      text = t('clock.overdue', { n, due }, n)
      break
    case 'due_today':
      text = t('clock.dueToday', { due })
      break
    default:
      text = t('clock.running', { n, due }, n)
  }
  if (c.awaitingConfirmation && (kind === 'running' || kind === 'due_today' || kind === 'overdue')) {
    // Art 31: the receipt is yet to be confirmed; the clock counts from
    // the arrival meanwhile.
    text = `${t('clock.awaitingConfirmation')}${t('clock.awaitingSep')}${text}`
  }
  if (c.extendedDays && !c.concluded && kind !== 'awaiting_correction') {
    // Plural forms lose their leading space: put it back where the words need one.
    const ext = t('clock.extended', { n: c.extendedDays }, c.extendedDays).trim()
    text += ext.startsWith('（') ? ext : ` ${ext}`
  }
  return { kind, text }
}

/** BadgeTone is the colour of the traffic light: the four levels, plus
 * neutral tones for clocks that do not run (not started, awaiting
 * correction) and for concluded cases. */
export type BadgeTone = ClockLevel | 'neutral' | 'done'

export interface ClockBadge {
  tone: BadgeTone
  /** label is the text on the badge (never colour alone). */
  label: string
  /** paused is shown beside the badge. */
  paused: boolean
  /** pausedLabel says why, when the reasons are known ("暂停：征求第三方意见"). */
  pausedLabel: string
  /** remaining is the working days left on a running clock (for "剩 6 日"). */
  remaining: number | null
  /** extended: the Art 33 extension was granted (shown as a marker). */
  extended: boolean
  /** provisional says the due date rests on an unconfirmed holiday
   * schedule (the note's words; '' when it does not). */
  provisional: string
}

/** clockBadge maps a clock to its badge: normal green, warning amber,
 * urgent red, overdue dark red; a concluded case shows its outcome
 * instead (outcomeLabel), a paused one carries the paused mark. */
export function clockBadge(c: ClockView, ctx: ClockContext & { outcomeLabel?: string } = {}): ClockBadge {
  const rest = { paused: false, pausedLabel: '', remaining: null, extended: false, provisional: '' }
  if (c.concluded) return { ...rest, tone: 'done', label: ctx.outcomeLabel || t('clock.level.done') }
  const provisional = provisionalNote(c)
  if (c.awaitingCorrection || ctx.status === 'correction_requested') return { ...rest, tone: 'neutral', label: t('clock.level.correction'), provisional }
  if (!c.receiptDate || !c.level) return { ...rest, tone: 'neutral', label: t('clock.level.notStarted') }
  const why = c.paused ? pauseReasons(ctx.pausedFor) : []
  // Awaiting confirmation, the clock already runs (from the arrival): the
  // badge says so, in the colour of its level; an urgent or overdue one
  // says that too, never by colour alone.
  let label = t(`clock.level.${c.level}`)
  if (c.awaitingConfirmation) label = c.level === 'normal' ? t('clock.level.awaitingConfirmation') : `${t('clock.level.awaitingConfirmation')} · ${label}`
  return {
    tone: c.level,
    label,
    provisional,
    paused: c.paused,
    pausedLabel: why.length ? t('clock.pausedMarkWhy', { why: why.map(pauseReasonName).join(t('common.listSep')) }) : t('clock.pausedMark'),
    remaining: c.remainingWorkingDays,
    extended: (c.extendedDays ?? 0) > 0,
  }
}

/** provisionalNote says that a due date rests on a holiday schedule not
 * yet confirmed by a State Council notice, naming the years ("期限涉及
 * 2027 年，节假日安排尚未确认，为临时推算"); '' for a concluded clock or
 * one that does not. */
export function provisionalNote(c: Pick<ClockView, 'provisional' | 'provisionalYears' | 'concluded'>): string {
  if (!c.provisional || c.concluded) return ''
  const years = c.provisionalYears ?? []
  return years.length ? t('clock.provisionalYears', { years: years.join(t('common.listSep')) }) : t('clock.provisional')
}

/** remainingLabel is the working days left in short ("剩 6 个工作日",
 * "逾期 2 个工作日", "今日到期"). */
export function remainingLabel(n: number): string {
  if (n < 0) return t('clock.overdueShort', { n: -n }, -n)
  if (n === 0) return t('clock.dueTodayShort')
  return t('clock.remainingShort', { n }, n)
}
