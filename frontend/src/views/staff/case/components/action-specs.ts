// The forms of the staff actions that are plain fields (app/case_actions.go
// has each action's input; the props here are its JSON names, so the
// server's field errors land on the right items; the limits are the
// document's, by the input's schema). Actions with more to
// them have their own components: draft-answer (outcome picker),
// issue-fee-notice (fee comparison), decide-extension and decide-answer
// (the decision beside what is decided).
import type { Agency } from '@/api/agencies'
import { lengths, limits, range } from '@/api/limits'
import { CORRECTION_DELIVERIES, DELIVERY_METHODS, type Attachment, type Case, type UploadPurpose } from '@/api/cases'
import type { StaffOption } from '@/composables/staff'
import { addDays, beijingDate } from '@/utils/format'

export type FieldType = 'text' | 'textarea' | 'date' | 'number' | 'select' | 'radio' | 'items' | 'upload'

export interface Option {
  value: string | number
  /** label is a message key, or the text itself when raw. */
  label: string
  raw?: boolean
}

/** Ctx is what a form may depend on besides its own values. */
export interface Ctx {
  cs: Case
  today: string
  agencies: Agency[]
  staff: StaffOption[]
  myAgencyId?: number | null
  /** canSeal: the case's agency has an electronic seal (加盖电子印章). */
  canSeal?: boolean
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- form values of many types
export type Model = Record<string, any>

export interface FieldSpec {
  prop: string
  type: FieldType
  /** labelKey overrides the label's message key (act.<action>.<prop>). */
  labelKey?: string
  /** required, as a constant or depending on the other values. */
  required?: boolean | ((m: Model, c: Ctx) => boolean)
  /** min and max: characters (text) or the number's range, from the
   * API document (src/api/limits.ts); maxItems: how many items. */
  min?: number
  max?: number
  maxItems?: number
  options?: (c: Ctx) => Option[]
  show?: (m: Model, c: Ctx) => boolean
  initial?: (c: Ctx) => unknown
  dateMin?: (c: Ctx, m: Model) => string | undefined
  dateMax?: (c: Ctx, m: Model) => string | undefined
  purpose?: UploadPurpose
  /** single: an upload field that keeps one file (its id is sent). */
  single?: boolean
  /** note says what the values entered so far mean (a message key with
   * its values), shown under the field; undefined for nothing. */
  note?: (m: Model, c: Ctx) => Note | undefined
}

export interface Note {
  key: string
  params?: Record<string, unknown>
}

export interface ActionSpec {
  fields: FieldSpec[]
  /** body turns the values into the request body (default: non-empty
   * values, uploads as ids). */
  body?: (m: Model, c: Ctx) => Record<string, unknown>
  /** danger marks a form whose submit ends something (close). */
  danger?: boolean
}

const openConsultations = (c: Ctx) => (c.cs.consultations ?? []).filter((x) => x.status === 'open' && (x.kind === 'third_party' || x.kind === 'agency'))
const myAssistance = (c: Ctx) => (c.cs.consultations ?? []).filter((x) => x.status === 'open' && x.kind === 'assistance' && (!c.myAgencyId || x.partyAgencyId === c.myAgencyId))
const otherAgencies = (c: Ctx): Option[] => c.agencies.filter((a) => a.id !== c.cs.agency?.id).map((a) => ({ value: a.id, label: a.name, raw: true }))
/** arrivedOn is the case's arrival day in Beijing time (arrivedAt is an
 * RFC 3339 instant). */
export const arrivedOn = (c: Ctx): string => beijingDate(new Date(c.cs.arrivedAt))
const confirmedLate = (m: Model, c: Ctx) => !!m.confirmedOn && m.confirmedOn > arrivedOn(c)
const hasAccount = (c: Ctx) => !!c.cs.applicant?.accountId

/** correctionDeliveries are the ways the correction notice can reach this
 * applicant: online only with a platform account, e-mail only with an
 * address on file (the server refuses the others). */
export function correctionDeliveries(c: Ctx): Option[] {
  return CORRECTION_DELIVERIES.filter((d) => (d === 'online' ? hasAccount(c) : d === 'email' ? !!c.cs.applicant?.email : true)).map((d) => ({ value: d, label: `act.request-correction.deliveries.${d}` }))
}

export const ACTION_SPECS: Record<string, ActionSpec> = {
  'confirm-receipt': {
    fields: [
      {
        prop: 'confirmedOn',
        type: 'date',
        required: true,
        initial: (c) => c.today,
        dateMin: (c) => arrivedOn(c),
        dateMax: (c) => c.today,
        // Art 31: the receipt stays the arrival day unless the applicant
        // could not be reached on it (app/clock.ConfirmedReceipt).
        note: (m, c) => {
          if (!confirmedLate(m, c)) return undefined
          return String(m.unreachableReason ?? '').trim() ? { key: 'act.confirm-receipt.receiptIsConfirmation', params: { date: m.confirmedOn } } : { key: 'act.confirm-receipt.receiptIsArrival', params: { date: arrivedOn(c) } }
        },
      },
      { prop: 'unreachableReason', type: 'textarea', ...lengths(limits.ConfirmReceiptInput.unreachableReason), show: confirmedLate },
    ],
  },
  accept: { fields: [] },
  'request-correction': {
    fields: [
      { prop: 'items', type: 'items', required: true, ...lengths(limits.CorrectionInput.items.items), maxItems: limits.CorrectionInput.items.maxItems },
      {
        prop: 'delivery',
        type: 'radio',
        // With an account the notice goes online unless another way is chosen.
        required: (_m, c) => !hasAccount(c),
        initial: (c) => (hasAccount(c) ? 'online' : undefined),
        options: correctionDeliveries,
        note: (m) => (m.delivery === 'post' ? { key: 'act.request-correction.postNote' } : undefined),
      },
      // No default here: the server applies the administrators' setting.
      { prop: 'periodDays', type: 'number', ...range(limits.CorrectionInput.periodDays) },
    ],
    body: (m) => ({ items: (m.items as string[]).map((s) => s.trim()).filter(Boolean), periodDays: m.periodDays || undefined, delivery: m.delivery || undefined }),
  },
  'record-correction-delivery': {
    fields: [{ prop: 'receivedOn', type: 'date', required: true, dateMin: (c) => c.cs.state?.correction?.noticeOn, dateMax: (c) => c.today }],
  },
  'submit-correction': {
    fields: [
      { prop: 'description', type: 'textarea', required: true, ...lengths(limits.SubmitCorrectionInput.description), initial: (c) => c.cs.description },
      { prop: 'title', type: 'text', max: limits.SubmitCorrectionInput.title.maxLength, labelKey: 'caseView.correction.infoTitle' },
      { prop: 'receivedOn', type: 'date', required: true, initial: (c) => c.today, dateMin: (c) => c.cs.state?.correction?.noticeOn, dateMax: (c) => c.today },
      { prop: 'attachments', type: 'upload', purpose: 'scan' },
    ],
  },
  assign: {
    fields: [{ prop: 'assigneeId', type: 'select', required: true, options: (c) => c.staff.map((s) => ({ value: s.id, label: s.name, raw: true })), initial: (c) => c.cs.assignee?.id }],
  },
  refer: {
    fields: [
      { prop: 'referralAgencyId', type: 'select', options: otherAgencies },
      { prop: 'referralAgencyName', type: 'text', ...lengths(limits.ReferInput.referralAgencyName), required: (m) => !m.referralAgencyId, show: (m) => !m.referralAgencyId },
      { prop: 'referralContact', type: 'text', ...lengths(limits.ReferInput.referralContact), show: (m) => !m.referralAgencyId },
      { prop: 'text', type: 'textarea', required: true, ...lengths(limits.ReferInput.text) },
    ],
  },
  'start-consultation': {
    fields: [
      {
        prop: 'kind',
        type: 'radio',
        required: true,
        initial: () => 'third_party',
        options: () => [
          { value: 'third_party', label: 'consult.kinds.third_party' },
          { value: 'agency', label: 'consult.kinds.agency' },
        ],
      },
      { prop: 'partyAgencyId', type: 'select', options: otherAgencies, show: (m) => m.kind === 'agency' },
      { prop: 'partyName', type: 'text', ...lengths(limits.ConsultationInput.partyName), required: (m) => !(m.kind === 'agency' && m.partyAgencyId), show: (m) => !(m.kind === 'agency' && m.partyAgencyId) },
      { prop: 'partyAddress', type: 'text', ...lengths(limits.ConsultationInput.partyAddress) },
      { prop: 'question', type: 'textarea', ...lengths(limits.ConsultationInput.question) },
      { prop: 'sentOn', type: 'date', required: true, initial: (c) => c.today, dateMin: (c) => c.cs.receiptDate, dateMax: (c) => c.today },
      { prop: 'partyReceivedOn', type: 'date', dateMin: (_c, m) => (m.sentOn as string) || undefined, dateMax: (c) => c.today },
    ],
  },
  'record-consultation-reply': {
    fields: [
      {
        prop: 'consultationId',
        type: 'select',
        required: true,
        options: (c) => openConsultations(c).map((x) => ({ value: x.id, label: `${x.partyName}（${x.sentOn} → ${x.replyDue}）`, raw: true })),
        initial: (c) => (openConsultations(c).length === 1 ? openConsultations(c)[0].id : undefined),
      },
      {
        prop: 'reply',
        type: 'radio',
        required: true,
        options: () => ['agree', 'object', 'partial'].map((v) => ({ value: v, label: `consult.replies.${v}` })),
      },
      { prop: 'reason', type: 'textarea', ...lengths(limits.ConsultationReplyInput.reason), required: (m) => !!m.reply && m.reply !== 'agree', show: (m) => m.reply !== 'agree' },
      { prop: 'repliedOn', type: 'date', required: true, initial: (c) => c.today, dateMax: (c) => c.today },
    ],
  },
  'request-assistance': {
    fields: [
      { prop: 'agencyId', type: 'select', required: true, options: otherAgencies },
      { prop: 'question', type: 'textarea', required: true, ...lengths(limits.AssistanceInput.question) },
      { prop: 'replyDue', type: 'date', dateMin: (c) => addDays(c.today, 1) },
    ],
  },
  'reply-assistance': {
    fields: [
      {
        prop: 'consultationId',
        type: 'select',
        required: true,
        options: (c) => myAssistance(c).map((x) => ({ value: x.id, label: `${x.question ?? ''}（${x.replyDue}）`, raw: true })),
        initial: (c) => (myAssistance(c).length === 1 ? myAssistance(c)[0].id : undefined),
      },
      { prop: 'reply', type: 'textarea', required: true, ...lengths(limits.AssistanceReplyInput.reply) },
    ],
  },
  'request-extension': {
    fields: [
      { prop: 'days', type: 'number', required: true, ...range(limits.ExtensionInput.days), initial: () => limits.ExtensionInput.days.maximum },
      { prop: 'reason', type: 'textarea', required: true, ...lengths(limits.ExtensionInput.reason) },
    ],
  },
  'record-payment': {
    fields: [{ prop: 'paidOn', type: 'date', required: true, initial: (c) => c.today, dateMax: (c) => c.today, dateMin: (c) => c.cs.fees?.find((f) => f.status === 'pending')?.noticeOn }],
  },
  'set-custom-deadline': {
    fields: [
      { prop: 'dueDate', type: 'date', required: true, dateMin: (c) => (c.cs.clock.dueDate ? addDays(c.cs.clock.dueDate, 1) : undefined) },
      { prop: 'reason', type: 'textarea', required: true, ...lengths(limits.CustomDeadlineInput.reason) },
    ],
  },
  'record-delivery': {
    fields: [
      {
        prop: 'method',
        type: 'select',
        required: true,
        initial: (c) => c.cs.delivery,
        options: () => DELIVERY_METHODS.map((m) => ({ value: m, label: `delivery.${m}` })),
      },
      { prop: 'deliveredOn', type: 'date', required: true, initial: (c) => c.today, dateMin: (c) => c.cs.concludedOn, dateMax: (c) => c.today },
      { prop: 'proofAttachmentId', type: 'upload', purpose: 'delivery_proof', single: true },
      { prop: 'note', type: 'textarea', ...lengths(limits.DeliveryInput.note) },
    ],
  },
  archive: {
    fields: [
      { prop: 'archiveNumber', type: 'text', required: true, ...lengths(limits.ArchiveInput.archiveNumber) },
      {
        prop: 'retentionYears',
        type: 'select',
        required: true,
        initial: () => 10,
        options: () => [
          { value: 10, label: 'act.archive.years10' },
          { value: 30, label: 'act.archive.years30' },
          { value: -1, label: 'act.archive.forever' },
        ],
      },
    ],
  },
  close: {
    danger: true,
    fields: [
      {
        prop: 'outcome',
        type: 'radio',
        required: true,
        options: () => ['other.correction_lapsed', 'other.fee_unpaid', 'other.other'].map((v) => ({ value: v, label: `outcomes.${v}` })),
      },
      { prop: 'reason', type: 'textarea', ...lengths(limits.CloseInput.reason), required: (m) => m.outcome === 'other.other' },
    ],
  },
  urge: {
    fields: [{ prop: 'text', type: 'textarea', required: true, ...lengths(limits.UrgeInput.text) }],
  },
  'notify-third-party': {
    fields: [
      { prop: 'reasons', type: 'textarea', required: true, ...lengths(limits.ThirdPartyNoticeActionInput.reasons) },
      { prop: 'disclosureDate', type: 'date', required: true, dateMin: (c) => c.today, dateMax: (c) => addDays(c.today, 365) },
    ],
  },
  'record-remedy': {
    fields: [
      {
        prop: 'remedyId',
        type: 'select',
        options: (c) => [{ value: 0, label: 'act.record-remedy.new' }, ...(c.cs.remedies ?? []).map((r) => ({ value: r.id, label: `#${r.id} ${r.filedOn}`, raw: true }))],
        initial: () => 0,
      },
      {
        prop: 'kind',
        type: 'select',
        required: true,
        options: () => ['reconsideration', 'litigation_direct', 'litigation_after_reconsideration'].map((v) => ({ value: v, label: `remedy.kinds.${v}` })),
      },
      { prop: 'filedOn', type: 'date', required: true, dateMin: (c) => c.cs.concludedOn, dateMax: (c) => c.today },
      { prop: 'stage', type: 'text', ...lengths(limits.RemedyInput.stage) },
      {
        prop: 'result',
        type: 'select',
        required: true,
        initial: () => 'pending',
        options: () => ['pending', 'upheld', 'corrected', 'other'].map((v) => ({ value: v, label: `remedy.results.${v}` })),
      },
      { prop: 'decidedOn', type: 'date', required: (m) => !!m.result && m.result !== 'pending', show: (m) => m.result !== 'pending', dateMax: (c) => c.today },
      { prop: 'note', type: 'textarea', ...lengths(limits.RemedyInput.note) },
    ],
  },
}

/** defaultBody sends the values that are set, uploads as ids. */
export function defaultBody(spec: ActionSpec, m: Model, c: Ctx): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of spec.fields) {
    if (f.show && !f.show(m, c)) continue
    const v = m[f.prop]
    if (f.type === 'upload') {
      const files = (v as Attachment[] | undefined) ?? []
      if (files.length) out[f.prop] = f.single ? files[0].id : files.map((a) => a.id)
      continue
    }
    if (v === undefined || v === null || v === '') continue
    if (f.prop === 'remedyId' && v === 0) continue
    out[f.prop] = typeof v === 'string' ? v.trim() : v
  }
  return out
}

/** initialModel gives each field its starting value. */
export function initialModel(spec: ActionSpec, c: Ctx): Model {
  const m: Model = {}
  for (const f of spec.fields) {
    const v = f.initial?.(c)
    if (v !== undefined) m[f.prop] = v
    else if (f.type === 'items') m[f.prop] = ['']
    else if (f.type === 'upload') m[f.prop] = []
    else if (f.type === 'number') m[f.prop] = undefined
    else m[f.prop] = ''
  }
  return m
}
