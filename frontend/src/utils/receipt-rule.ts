// The date of receipt (收到申请之日) of an application staff register,
// per channel (Art 31; app/clock/receipt.go is the rule the server
// applies, and it checks what the form sends):
//  - in person: the day it was handed in (Art 31(1));
//  - registered post: the day the agency signed for it (Art 31(2));
//  - ordinary post: the day the receipt was confirmed with the applicant
//    (Art 31(2));
//  - fax, e-mail: the day both sides confirmed (Art 31(3));
//  - online: the submission day, or the next working day (Art 31(3)).
// Ordinary post, fax and e-mail may be registered without the date: the
// case waits as submitted until the receipt is confirmed (confirm-receipt).
import type { Channel } from '@/api/cases'
import { addDays } from './format'

export type ReceiptRuleKind = 'arrival' | 'confirmation' | 'online'

export interface ReceiptRule {
  kind: ReceiptRuleKind
  /** fixed: the date must be the arrival day; the form fills it in. */
  fixed: boolean
  /** mayBeEmpty: the date may be left out, to be confirmed later. */
  mayBeEmpty: boolean
  /** suggested is the date to put in the field ('' to leave it empty). */
  suggested: string
  /** article is the provision the rule comes from. */
  article: string
}

/** IsWorkday answers for a YYYY-MM-DD date, or undefined if unknown. */
export type IsWorkday = (date: string) => boolean | undefined

const ARTICLES: Record<Channel, string> = {
  in_person: '第三十一条第（一）项',
  registered_post: '第三十一条第（二）项',
  ordinary_post: '第三十一条第（二）项',
  fax: '第三十一条第（三）项',
  email: '第三十一条第（三）项',
  online: '第三十一条第（三）项',
}

/** ruleKind says which rule applies to a channel. */
export function ruleKind(channel: Channel): ReceiptRuleKind {
  switch (channel) {
    case 'in_person':
    case 'registered_post':
      return 'arrival'
    case 'online':
      return 'online'
    default:
      return 'confirmation'
  }
}

/** onOrAfter is the first working day on or after date (up to 30 days
 * ahead); it stays on date when the calendar does not know. */
export function onOrAfter(date: string, isWorkday: IsWorkday): string {
  let d = date
  for (let i = 0; i < 30; i++) {
    const w = isWorkday(d)
    if (w === undefined) return i === 0 ? date : d
    if (w) return d
    d = addDays(d, 1)
  }
  return date
}

/** receiptRule gives the rule for a channel and the date to suggest for
 * an application that arrived on arrivedOn (YYYY-MM-DD, '' if not yet
 * entered). */
export function receiptRule(channel: Channel, arrivedOn: string, isWorkday: IsWorkday = () => undefined): ReceiptRule {
  const kind = ruleKind(channel)
  const article = ARTICLES[channel]
  switch (kind) {
    case 'arrival':
      return { kind, fixed: true, mayBeEmpty: false, suggested: arrivedOn, article }
    case 'online':
      return { kind, fixed: false, mayBeEmpty: false, suggested: arrivedOn ? onOrAfter(arrivedOn, isWorkday) : '', article }
    default:
      return { kind, fixed: false, mayBeEmpty: true, suggested: '', article }
  }
}

export type ReceiptProblem = 'required' | 'future' | 'beforeArrival' | 'notArrivalDay'

/** checkReceiptDate mirrors the server's check (clock.CheckReceiptDate):
 * it returns what is wrong with a receipt date, or null. */
export function checkReceiptDate(channel: Channel, arrivedOn: string, receipt: string, today: string): ReceiptProblem | null {
  const rule = receiptRule(channel, arrivedOn)
  if (!receipt) return rule.mayBeEmpty || rule.kind === 'online' ? null : 'required'
  if (receipt > today) return 'future'
  if (arrivedOn && receipt < arrivedOn) return 'beforeArrival'
  if (rule.fixed && arrivedOn && receipt !== arrivedOn) return 'notArrivalDay'
  return null
}
