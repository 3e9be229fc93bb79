// The public timeline in words: each event's action name and the public
// details the server recorded with it (data).
import type { CaseEvent } from '@/api/cases'
import { i18n, t } from '@/locales'
import { valueText } from './format'
import { outcomeText } from './outcome'

/** EventParts are the parts of an event its details are written from. */
export type EventParts = Pick<CaseEvent, 'seq' | 'at' | 'action' | 'data' | 'internal'>

/** actionName translates an action ("request-correction" → 补正告知). */
export function actionName(action: string): string {
  const k = `actions.${action}`
  return i18n.global.te(k) ? t(k) : action
}

/** statusName translates a case status. */
export function statusName(status: string | undefined): string {
  if (!status) return ''
  const k = `caseStatus.${status}`
  return i18n.global.te(k) ? t(k) : status
}

function str(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return valueText(v)
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return ''
}

function correctionDeliveryName(m: string): string {
  const k = `timeline.correctionDeliveries.${m}`
  return i18n.global.te(k) ? t(k) : m
}

function deliveryName(m: string): string {
  const k = `delivery.${m}`
  return i18n.global.te(k) ? t(k) : m
}

/** eventDetails lists what the event says beyond its name, one line each.
 * labelOf gives the server's label of an outcome key, when known. */
export function eventDetails(e: EventParts, labelOf: (key: string) => string | undefined = () => undefined): string[] {
  const d = e.data ?? {}
  const out: string[] = []
  const add = (key: string, named: Record<string, unknown>) => out.push(t(`timeline.${key}`, named))
  switch (e.action) {
    case 'submit':
    case 'register':
    case 'confirm-receipt':
      if (d.receiptDate) add('receiptDate', { date: str(d.receiptDate) })
      if (d.confirmedOn && d.confirmedOn !== d.receiptDate) add('confirmedOn', { date: str(d.confirmedOn) })
      if (d.unreachableReason) add('unreachable', { text: str(d.unreachableReason) })
      break
    case 'request-correction':
      if (Array.isArray(d.items)) for (const it of d.items) add('item', { text: str(it) })
      if (typeof d.delivery === 'string') add('correctionDelivery', { method: correctionDeliveryName(d.delivery) })
      if (d.periodEnds) add('periodEnds', { date: str(d.periodEnds) })
      else if (d.delivery === 'post') add('periodFromReceipt', {})
      break
    case 'record-correction-delivery':
      if (d.receivedOn) add('correctionDelivered', { receivedOn: str(d.receivedOn), periodEnds: str(d.periodEnds) })
      break
    case 'calendar-change':
      if (d.from || d.to) add('calendarChange', { from: str(d.from), to: str(d.to) })
      break
    case 'import':
    case 'import-replace':
      if (d.fileSha256) add('imported', { sha: str(d.fileSha256).slice(0, 12), row: str(d.row) })
      if (Array.isArray(d.changed) && d.changed.length) add('importChanged', { columns: d.changed.map(str).join('、') })
      break
    case 'submit-correction':
      if (d.receivedOn) add('receivedOn', { date: str(d.receivedOn) })
      break
    case 'start-consultation':
      if (d.sentOn) add('sentOn', { date: str(d.sentOn) })
      break
    case 'record-consultation-reply':
      if (d.endedOn) add('endedOn', { date: str(d.endedOn) })
      break
    case 'decide-extension':
      if (d.days) add('extension', { days: str(d.days), date: str(d.newDueDate) })
      break
    case 'issue-fee-notice':
      if (d.amount !== undefined) add('fee', { amount: str(d.amount), date: str(d.dueOn) })
      break
    case 'record-payment':
      if (d.paidOn) add('paid', { amount: str(d.amount), date: str(d.paidOn) })
      break
    case 'set-custom-deadline':
      if (d.dueDate) add('customDue', { date: str(d.dueDate) })
      if (d.reason) add('reason', { text: str(d.reason) })
      break
    case 'decide-answer':
    case 'close':
      if (typeof d.outcome === 'string') add('outcome', { text: outcomeText(d.outcome, labelOf(d.outcome)) })
      if (d.reason) add('reason', { text: str(d.reason) })
      break
    case 'record-delivery':
      if (d.method) add('delivered', { method: deliveryName(str(d.method)), date: str(d.deliveredOn) })
      break
    case 'withdraw':
      if (d.reason) add('reason', { text: str(d.reason) })
      break
    case 'suggest-conversion':
      if (d.suggestion) add('suggestion', { text: str(d.suggestion) })
      break
  }
  return out
}
