// What staff see of a timeline step beyond the public details: the
// internal data the server recorded with it (who was assigned, whom a
// consultation went to and by when, what the reply was, the requested
// extension, the drafted outcome, the archive number …).
import { i18n, t } from '@/locales'
import '@/locales/staff'
import { valueText } from './format'
import { outcomeText } from './outcome'
import type { EventParts } from './timeline'

function str(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return valueText(v)
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return ''
}

function named(prefix: string, v: unknown): string {
  const k = `${prefix}.${str(v)}`
  return i18n.global.te(k) ? t(k) : str(v)
}

/** internalDetails lists the internal details of a step, one line each. */
export function internalDetails(e: EventParts, labelOf: (key: string) => string | undefined = () => undefined): string[] {
  const d = e.internal ?? {}
  const out: string[] = []
  const add = (key: string, v: Record<string, unknown>) => out.push(t(`tl.${key}`, v))
  switch (e.action) {
    case 'register':
      if (d.oral) add('oral', {})
      break
    case 'request-correction':
      if (d.late) add('late', {})
      break
    case 'assign':
      if (d.assignee) add('assignee', { name: str(d.assignee) })
      break
    case 'refer':
      if (d.referralAgency) add('referral', { name: str(d.referralAgency) })
      break
    case 'start-consultation':
      if (d.party) add('party', { name: str(d.party), date: str(d.replyDue) })
      break
    case 'record-consultation-reply':
      if (d.reply) add('reply', { reply: named('consult.replies', d.reply) })
      if (d.reason) add('reason', { text: str(d.reason) })
      break
    case 'request-assistance':
      if (d.agency) add('assistance', { name: str(d.agency), date: str(d.replyDue) })
      break
    case 'reply-assistance':
      if (d.reply) add('assistanceReply', { text: str(d.reply) })
      break
    case 'request-extension':
      if (d.days) add('extensionRequested', { days: str(d.days) })
      if (d.reason) add('reason', { text: str(d.reason) })
      break
    case 'decide-extension':
    case 'decide-answer':
      if (d.approved === false) add('returned', {})
      if (d.comment) add('comment', { text: str(d.comment) })
      if (d.thirdPartyNotices) add('thirdPartyNotices', { n: str(d.thirdPartyNotices) })
      break
    case 'notify-third-party':
      add('thirdPartyNotices', { n: str(d.thirdPartyNotices ?? 0) })
      break
    case 'urge':
      if (d.text) add('urge', { text: str(d.text) })
      if (d.dueDate && typeof d.remainingWorkingDays === 'number') add(d.remainingWorkingDays < 0 ? 'urgeOverdue' : 'urgeClock', { date: str(d.dueDate), n: Math.abs(d.remainingWorkingDays) })
      break
    case 'draft-answer':
      if (typeof d.outcome === 'string') add('drafted', { text: outcomeText(d.outcome, labelOf(d.outcome)) })
      if (d.legalBasis) add('legalBasis', { text: str(d.legalBasis) })
      break
    case 'issue-fee-notice':
      if (d.perApplication !== undefined) add('feeQuote', { a: str(d.perApplication), p: str(d.perPage) })
      break
    case 'archive':
      if (d.archiveNumber && d.retentionYears === -1) add('archivedForever', { number: str(d.archiveNumber) })
      else if (d.archiveNumber) add('archived', { number: str(d.archiveNumber), years: str(d.retentionYears) })
      break
    case 'record-remedy':
      if (d.kind) add('remedy', { kind: named('remedy.kinds', d.kind), result: named('remedy.results', d.result) })
      break
  }
  return out
}
