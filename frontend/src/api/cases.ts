// Applications (cases): filing, the applicant's list and case page, the
// actions the server allows, the public timeline, notices and attachments.
// Shapes follow api/cases.go (caseResponse and friends) and
// app/clock/types.go (Clock).
import type { AgencyBrief, IdentityInput } from './auth'
import { http, upload, type ListResponse } from './request'

export type CaseStatus = 'submitted' | 'registered' | 'correction_requested' | 'handling' | 'answer_review' | 'answered' | 'closed' | 'archived'
export const CASE_STATUSES: CaseStatus[] = ['submitted', 'registered', 'correction_requested', 'handling', 'answer_review', 'answered', 'closed', 'archived']

export type Format = 'paper' | 'electronic' | 'disc' | 'inspection'
export const FORMATS: Format[] = ['electronic', 'paper', 'disc', 'inspection']

export type Delivery = 'online' | 'email' | 'post' | 'pickup'
export const DELIVERIES: Delivery[] = ['online', 'email', 'post', 'pickup']

/** Channel is how an application arrived (Art 31 sets the receipt date
 * per channel). */
export type Channel = 'in_person' | 'registered_post' | 'ordinary_post' | 'fax' | 'email' | 'online'
export const CHANNELS: Channel[] = ['in_person', 'registered_post', 'ordinary_post', 'fax', 'email', 'online']

/** DELIVERY_METHODS are the ways an answer is served (record-delivery). */
export const DELIVERY_METHODS = ['in_person', 'post', 'pickup', 'email', 'online'] as const

/** CORRECTION_DELIVERIES are the ways a correction notice reaches the
 * applicant (request-correction). By post the correction period runs
 * from the day its delivery is recorded (record-correction-delivery). */
export const CORRECTION_DELIVERIES = ['online', 'email', 'in_person', 'post'] as const
export type CorrectionDelivery = (typeof CORRECTION_DELIVERIES)[number]

export type ClockLevel = 'normal' | 'warning' | 'urgent' | 'overdue'

/** ClockStep is one line of the due date's explanation. */
export interface ClockStep {
  on: string
  due: string
  zh: string
  en: string
}

/** CaseClock is the statutory answer clock (app/clock.Clock). Dates are
 * YYYY-MM-DD; a clock whose receiptDate is empty has not started. */
export interface CaseClock {
  receiptDate: string
  firstReceiptDate?: string
  baseDueDate?: string
  dueDate: string
  extendedDays?: number
  pausedDays?: number
  paused: boolean
  remainingWorkingDays: number
  level: ClockLevel | ''
  /** provisional: the period reaches into a year whose holiday schedule
   * has no State Council notice on record (provisionalYears lists them). */
  provisional?: boolean
  provisionalYears?: number[]
  /** awaitingConfirmation: ordinary post, fax or e-mail not yet confirmed
   * with the applicant; the clock runs from the arrival day meanwhile. */
  awaitingConfirmation?: boolean
  correctionNoticeDue?: string
  correctionNoticeOverdue?: boolean
  awaitingCorrection: boolean
  concluded: boolean
  concludedOn?: string
  onTime: boolean
  trace?: ClockStep[]
}

export interface CorrectionState {
  items: string[]
  periodDays: number
  noticeOn: string
  /** delivery is how the notice went out; by post, noticeReceivedOn and
   * periodEnds stay empty until the delivery is recorded. */
  delivery?: CorrectionDelivery | string
  noticeReceivedOn?: string
  periodEnds?: string
  late?: boolean
  submittedOn?: string
  originalDescription?: string
}

export interface AnswerState {
  outcome: string
  legalBasis: string
  text: string
  attachments?: number[]
  withheldReasons?: string
  referralAgencyId?: number
  referralAgencyName?: string
  referralContact?: string
  templateId?: number
  /** thirdPartyNotice is the Art 32 notice to objecting third parties
   * (issuedOn is set once it went out, with the approval or later). */
  thirdPartyNotice?: ThirdPartyNotice
  draftedBy?: number
  draftedOn?: string
  decision: string
  decidedBy?: number
  decidedOn?: string
  /** comment and returns are for staff: the reviewer's words, and how
   * many times the draft went back. */
  comment?: string
  returns?: number
}

/** ThirdPartyNotice is what the 告知书（给第三方） says: why the information
 * is disclosed over the objection and from when (Art 32). */
export interface ThirdPartyNotice {
  reasons: string
  disclosureDate: string
  issuedOn?: string
}

export interface ExtensionState {
  days: number
  reason: string
  requestedBy?: number
  requestedOn?: string
  decision: 'pending' | 'approved' | 'denied' | string
  decidedBy?: number
  decidedOn?: string
  comment?: string
  newDueDate?: string
}

/** CaseState is the part of app.CaseState an applicant may see. */
export interface CaseState {
  correction?: CorrectionState
  extension?: ExtensionState
  customDeadline?: { due: string; reason: string; setOn: string }
  answer?: AnswerState
  delivery?: { method: string; deliveredOn: string; note?: string; proofAttachmentId?: number }
  archive?: { number: string; retentionYears: number; archivedOn: string }
  closure?: { outcome: string; reason: string; closedOn: string }
  suggestions?: { on: string; text: string }[]
  /** openAssistance lists the agencies with an open assistance task (staff). */
  openAssistance?: number[]
  attachments?: number[]
  formats?: string[]
  feeStatus?: '' | 'pending' | 'paid' | 'lapsed'
  /** thirdPartyObjections counts the consulted third parties that did not
   * agree (in full) to the disclosure (Art 32). */
  thirdPartyObjections?: number
}

/** Consultation is a third-party (Art 32) or agency (Art 34)
 * consultation, or an assistance task (协办), with its own reply date. */
export interface Consultation {
  id: number
  kind: 'third_party' | 'agency' | 'assistance' | string
  partyName: string
  partyAgencyId?: number
  question?: string
  sentOn: string
  partyReceivedOn: string
  replyDue: string
  status: 'open' | 'replied' | 'lapsed' | string
  reply?: string
  replyReason?: string
  repliedOn?: string
}

/** Remedy is a reconsideration or lawsuit about the case (Art 51). */
export interface Remedy {
  id: number
  kind: string
  filedOn: string
  stage?: string
  result: string
  decidedOn?: string
  note?: string
}

/** RepeatMatch is an earlier, similar application by the same applicant. */
export interface RepeatMatch {
  caseId: number
  trackingNumber: string
  title: string
  status: string
  outcome: string
  receiptDate: string
  similarity: number
}

/** ReviewHints help at review (Arts 35, 36(6)). */
export interface ReviewHints {
  monthCount: number
  repeats: RepeatMatch[]
}

/** PauseReason says why a clock is stopped. */
export type PauseReason = 'third_party' | 'agency_consultation' | 'fee'

export interface Fee {
  id: number
  method: 'per_application' | 'per_page' | string
  pages: number
  monthCount: number
  amountPerApplication: number
  amountPerPage: number
  /** amount is in whole yuan. */
  amount: number
  noticeOn: string
  receivedOn: string
  dueOn: string
  paidOn?: string
  status: 'pending' | 'paid' | 'lapsed' | string
}

export interface Attachment {
  id: number
  filename: string
  contentType: string
  size: number
  sha256: string
  purpose?: string
  createdAt?: string
}

export interface CaseApplicant {
  type: 'natural' | 'organization'
  name: string
  idType?: string
  /** idNumber and creditCode are in full for staff of the handling agency. */
  idNumber?: string
  orgCategory?: string
  creditCode?: string
  legalRepresentative?: string
  phone?: string
  email?: string
  address?: string
  contactPerson?: string
  accountId?: number
}

/** Case is an application as the caller may see it. List items carry no
 * description, state, fees or attachments. */
export interface Case {
  id: number
  trackingNumber: string
  queryCode?: string
  agency: AgencyBrief | null
  status: CaseStatus
  title: string
  description: string
  documentNumber?: string
  purpose?: string
  formats: string[]
  delivery: string
  accessibilityHelp: boolean
  accessibilityNote?: string
  oral?: boolean
  channel: string
  arrivedAt: string
  receiptDate: string
  applicant: CaseApplicant
  assignee?: { id: number; displayName: string }
  outcome?: string
  outcomeLabel?: string
  concludedOn?: string
  delivered: boolean
  archiveNumber?: string
  extensionPending?: boolean
  clock: CaseClock
  /** pausedFor says why the clock is stopped now. */
  pausedFor?: PauseReason[]
  allowedActions: string[]
  state?: CaseState
  consultations?: Consultation[]
  fees?: Fee[]
  remedies?: Remedy[]
  attachments?: Attachment[]
  hints?: ReviewHints
  /** viaAssistance: the caller sees the case through an assistance task. */
  viaAssistance?: boolean
  /** source is native, or import: a legacy case from the agency's own
   * register (历史导入), read-only (allowedActions is empty). */
  source?: 'native' | 'import'
  imported?: boolean
  /** register says where an imported case came from. */
  register?: ImportedFrom
  version: number
  createdAt: string
  updatedAt: string
}

/** ImportedFrom is the register row a legacy case was imported from. */
export interface ImportedFrom {
  importId: number
  fileName: string
  fileSha256: string
  row: number
  registerNo?: string
  contact?: string
  note?: string
}

/** CaseEvent is one step of the timeline (applicants see public ones). */
export interface CaseEvent {
  seq: number
  at: string
  action: string
  fromStatus?: string
  toStatus?: string
  data?: Record<string, unknown>
  /** Staff only: who acted, the internal details and the chain hash. */
  actorRole?: string
  actorName?: string
  public?: boolean
  internal?: Record<string, unknown>
  hash?: string
}

/** Notice is an official document of the case (回执, 告知书, 答复书 …). */
export interface Notice {
  id: number
  kind: string
  title: string
  docNumber: string
  recipient: string
  public: boolean
  eventSeq: number
  createdAt: string
}

export interface ApplicationInput {
  agencyId: number
  title: string
  description: string
  documentNumber?: string
  purpose?: string
  formats: Format[]
  delivery: Delivery
  accessibilityHelp?: boolean
  accessibilityNote?: string
  attachments?: number[]
}

/** StaffApplicationInput registers an application received by staff. */
export interface StaffApplicationInput extends ApplicationInput {
  channel: Channel
  /** arrivedAt is an RFC 3339 timestamp. */
  arrivedAt: string
  /** receiptDate may be left out for ordinary post, fax and e-mail until
   * the receipt is confirmed with the applicant (the case is submitted). */
  receiptDate?: string
  /** unreachableReason: why the applicant could not be reached on the
   * arrival day, for a receipt date after it (ordinary post, fax, e-mail). */
  unreachableReason?: string
  oral?: boolean
  applicant?: IdentityInput
  applicantId?: number
}

export type CaseSort = 'due' | '-due' | 'receipt' | '-receipt' | 'created' | '-created'

/** CaseQuery is the list filter (app/case_list.go). Lists are
 * comma-separated (status, level). */
export interface CaseQuery {
  status?: string
  agencyId?: number
  /** assigneeId is a user id or "me". */
  assigneeId?: number | 'me' | string
  unassigned?: boolean
  level?: string
  channel?: string
  receiptFrom?: string
  receiptTo?: string
  outcome?: string
  paused?: boolean
  extended?: boolean
  /** dueFrom/dueTo bound the due date, concludedFrom/concludedTo the
   * conclusion date; onTime: concluded by the due date or not. */
  dueFrom?: string
  dueTo?: string
  concludedFrom?: string
  concludedTo?: string
  onTime?: boolean
  /** extensionPending: an extension awaits a supervisor's decision. */
  extensionPending?: boolean
  /** awaitingApproval: an extension or an answer awaits a supervisor. */
  awaitingApproval?: boolean
  /** scope "assistance" lists the agency's assistance tasks (协办). */
  scope?: 'agency' | 'assistance'
  sort?: CaseSort
  q?: string
  limit?: number
  offset?: number
}

/** FeeQuote is the fee under both methods (109号 Art 3: one is chosen,
 * never both). Amounts are in yuan. */
export interface FeeQuote {
  monthCount: number
  pages: number
  perApplication: number
  perPage: number
}

/** ChainVerification is the answer of the timeline's hash-chain check. */
export interface ChainVerification {
  valid: boolean
  events: number
  brokenAt?: number
  reason?: string
  headHash: string
}

/** createApplication files an application. idempotencyKey makes a retried
 * submission return the case the first one created. */
export function createApplication(input: ApplicationInput | StaffApplicationInput, idempotencyKey: string): Promise<Case> {
  return http.post<Case>('/applications', input, { headers: { 'Idempotency-Key': idempotencyKey } })
}

export function listApplications(q: CaseQuery = {}): Promise<ListResponse<Case>> {
  return http.get<ListResponse<Case>>('/applications', { ...q })
}

export function getApplication(id: number | string): Promise<Case> {
  return http.get<Case>(`/applications/${id}`)
}

/** act takes one action; body must carry the case version last seen. */
export function act(id: number | string, action: string, body: { version: number } & Record<string, unknown>): Promise<Case> {
  return http.post<Case>(`/applications/${id}/actions/${encodeURIComponent(action)}`, body)
}

export function listEvents(id: number | string): Promise<ListResponse<CaseEvent>> {
  return http.get<ListResponse<CaseEvent>>(`/applications/${id}/events`)
}

export function listNotices(id: number | string): Promise<ListResponse<Notice>> {
  return http.get<ListResponse<Notice>>(`/applications/${id}/notices`)
}

/** noticeHTML returns a notice as a printable A4 page. */
export function noticeHTML(id: number): Promise<string> {
  return http.get<string>(`/notices/${id}`, undefined, { as: 'text' })
}

/** UploadPurpose says what a file is for: the applicant's own material,
 * or staff uploads (scanned paper applications, released documents,
 * proof of delivery, consultation letters). */
export type UploadPurpose = 'application' | 'correction' | 'scan' | 'answer' | 'delivery_proof' | 'consultation'

export function uploadAttachment(file: File, purpose: UploadPurpose, onProgress?: (f: number) => void, signal?: AbortSignal): Promise<Attachment> {
  const fd = new FormData()
  fd.append('purpose', purpose)
  fd.append('file', file, file.name)
  return upload<Attachment>('/attachments', fd, { onProgress, signal })
}

export function downloadAttachment(id: number): Promise<Blob> {
  return http.get<Blob>(`/attachments/${id}`, undefined, { as: 'blob' })
}

/** feeQuote computes both fee amounts for pages (staff of the agency). */
export function feeQuote(id: number | string, pages: number): Promise<FeeQuote> {
  return http.get<FeeQuote>(`/applications/${id}/fee-quote`, { pages })
}

/** verifyEvents checks the timeline's hash chain (staff). */
export function verifyEvents(id: number | string): Promise<ChainVerification> {
  return http.get<ChainVerification>(`/applications/${id}/events/verify`)
}

/** downloadDossier fetches the case file as one ZIP (timeline with its
 * verification, notices, attachments and a SHA-256 manifest). */
export function downloadDossier(id: number | string): Promise<Blob> {
  return http.get<Blob>(`/applications/${id}/dossier`, undefined, { as: 'blob' })
}
