// The date of receipt (收到申请之日) of an application staff register,
// per channel (Art 31; app/clock/receipt.go is the rule the server
// applies, and it checks what the form sends):
//  - in person: the day it was handed in (Art 31(1));
//  - registered post: the day the agency signed for it (Art 31(2));
//  - online: the calendar date of submission, whatever day it is (Art
//    31(3): the platform confirms at once);
//  - ordinary post, fax, e-mail: the day of the confirmation with the
//    applicant, which the law expects on the arrival day (Art 31(2)(3)). A
//    later receipt date needs the reason the applicant could not be
//    reached on the arrival day (unreachableReason); without a date the
//    case waits as submitted, its clock already running from the arrival
//    day (clock.awaitingConfirmation), until confirm-receipt.
import type { Channel } from '@/api/cases'

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

/** receiptRule gives the rule for a channel and the date to suggest for
 * an application that arrived on arrivedOn (YYYY-MM-DD, '' if not yet
 * entered). */
export function receiptRule(channel: Channel, arrivedOn: string): ReceiptRule {
  const kind = ruleKind(channel)
  const article = ARTICLES[channel]
  if (kind === 'confirmation') return { kind, fixed: false, mayBeEmpty: true, suggested: '', article }
  // In person, registered post and online: the arrival's calendar date,
  // even on a weekend or holiday (the first counted day is the next
  // working day).
  return { kind, fixed: true, mayBeEmpty: false, suggested: arrivedOn, article }
}

/** needsUnreachableReason: a receipt date after the arrival day (ordinary
 * post, fax, e-mail) stands only with the reason the applicant could not
 * be reached on the arrival day; without it the arrival day is the receipt
 * date (Art 31, app/clock.ConfirmedReceipt). */
export function needsUnreachableReason(channel: Channel, arrivedOn: string, receipt: string): boolean {
  return ruleKind(channel) === 'confirmation' && !!arrivedOn && !!receipt && receipt > arrivedOn
}

export type ReceiptProblem = 'required' | 'future' | 'beforeArrival' | 'notArrivalDay'

/** checkReceiptDate mirrors the server's check (clock.CheckReceiptDate):
 * it returns what is wrong with a receipt date, or null. (The reason for
 * a later date is checked on its own field: needsUnreachableReason.) */
export function checkReceiptDate(channel: Channel, arrivedOn: string, receipt: string, today: string): ReceiptProblem | null {
  const rule = receiptRule(channel, arrivedOn)
  // Online the server takes the arrival day when the date is left out.
  if (!receipt) return rule.mayBeEmpty || rule.kind === 'online' ? null : 'required'
  if (receipt > today) return 'future'
  if (arrivedOn && receipt < arrivedOn) return 'beforeArrival'
  if (rule.fixed && arrivedOn && receipt !== arrivedOn) return 'notArrivalDay'
  return null
}
