// Applications (cases): filing, the applicant's list and case page, the
// actions the server allows, the public timeline, notices and attachments.
// Shapes follow api/cases.go (caseResponse and friends) and
// app/clock/types.go (Clock).
import type { AgencyBrief } from './auth'
import { http, upload, type ListResponse } from './request'

export type CaseStatus = 'submitted' | 'registered' | 'correction_requested' | 'handling' | 'answer_review' | 'answered' | 'closed' | 'archived'
export const CASE_STATUSES: CaseStatus[] = ['submitted', 'registered', 'correction_requested', 'handling', 'answer_review', 'answered', 'closed', 'archived']

export type Format = 'paper' | 'electronic' | 'disc' | 'inspection'
export const FORMATS: Format[] = ['electronic', 'paper', 'disc', 'inspection']

export type Delivery = 'online' | 'email' | 'post' | 'pickup'
export const DELIVERIES: Delivery[] = ['online', 'email', 'post', 'pickup']

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
  provisional?: boolean
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
  periodEnds: string
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
  referralAgencyName?: string
  referralContact?: string
  draftedOn?: string
  decision: string
  decidedOn?: string
}

/** CaseState is the part of app.CaseState an applicant may see. */
export interface CaseState {
  correction?: CorrectionState
  extension?: { days: number; reason: string; decision: string; decidedOn?: string; newDueDate?: string }
  customDeadline?: { due: string; reason: string; setOn: string }
  answer?: AnswerState
  delivery?: { method: string; deliveredOn: string; note?: string }
  closure?: { outcome: string; reason: string; closedOn: string }
  suggestions?: { on: string; text: string }[]
  formats?: string[]
  feeStatus?: '' | 'pending' | 'paid' | 'lapsed'
}

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
  idNumber?: string
  phone?: string
  email?: string
  address?: string
  contactPerson?: string
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
  channel: string
  arrivedAt: string
  receiptDate: string
  applicant: CaseApplicant
  outcome?: string
  outcomeLabel?: string
  concludedOn?: string
  delivered: boolean
  clock: CaseClock
  allowedActions: string[]
  state?: CaseState
  fees?: Fee[]
  attachments?: Attachment[]
  version: number
  createdAt: string
  updatedAt: string
}

/** CaseEvent is one step of the timeline (applicants see public ones). */
export interface CaseEvent {
  seq: number
  at: string
  action: string
  fromStatus?: string
  toStatus?: string
  data?: Record<string, unknown>
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

export type CaseSort = 'due' | '-due' | 'receipt' | '-receipt' | 'created' | '-created'

export interface CaseQuery {
  status?: string
  sort?: CaseSort
  q?: string
  limit?: number
  offset?: number
}

/** createApplication files an application. idempotencyKey makes a retried
 * submission return the case the first one created. */
export function createApplication(input: ApplicationInput, idempotencyKey: string): Promise<Case> {
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

export function uploadAttachment(file: File, purpose: 'application' | 'correction', onProgress?: (f: number) => void, signal?: AbortSignal): Promise<Attachment> {
  const fd = new FormData()
  fd.append('purpose', purpose)
  fd.append('file', file, file.name)
  return upload<Attachment>('/attachments', fd, { onProgress, signal })
}

export function downloadAttachment(id: number): Promise<Blob> {
  return http.get<Blob>(`/attachments/${id}`, undefined, { as: 'blob' })
}
