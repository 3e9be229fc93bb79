// Applications (cases): filing, the applicant's list and case page, the
// actions the server allows, the public timeline, notices and attachments.
// The types are the API document's (src/api/schema.ts).
import { everyValue, type QueryOf, type Schemas } from './schema'
import { http, upload } from './request'

export type CaseStatus = Schemas['CaseStatus']
export const CASE_STATUSES = everyValue<CaseStatus>()(['submitted', 'registered', 'correction_requested', 'handling', 'answer_review', 'answered', 'closed', 'archived'])
/** OPEN_STATUSES are the statuses of cases still in hand (models.OpenStatuses);
 * the others are concluded. */
export const OPEN_STATUSES: CaseStatus[] = ['submitted', 'registered', 'correction_requested', 'handling', 'answer_review']
export const CONCLUDED_STATUSES: CaseStatus[] = CASE_STATUSES.filter((s) => !OPEN_STATUSES.includes(s))

export type Format = Schemas['Format']
export const FORMATS = everyValue<Format>()(['electronic', 'paper', 'disc', 'inspection'])

export type Delivery = Schemas['Delivery']
export const DELIVERIES = everyValue<Delivery>()(['online', 'email', 'post', 'pickup'])

/** Channel is how an application arrived (Art 31 sets the receipt date
 * per channel). */
export type Channel = Schemas['Channel']
export const CHANNELS = everyValue<Channel>()(['in_person', 'registered_post', 'ordinary_post', 'fax', 'email', 'online'])

/** DELIVERY_METHODS are the ways an answer is served (record-delivery). */
export const DELIVERY_METHODS = everyValue<Schemas['DeliveryMethod']>()(['in_person', 'post', 'pickup', 'email', 'online'])

/** CORRECTION_DELIVERIES are the ways a correction notice reaches the
 * applicant (request-correction). By post the correction period runs
 * from the day its delivery is recorded (record-correction-delivery). */
export type CorrectionDelivery = Schemas['CorrectionDelivery']
export const CORRECTION_DELIVERIES = everyValue<CorrectionDelivery>()(['online', 'email', 'in_person', 'post'])

export type ClockLevel = Schemas['ClockLevel']

/** Case is an application as the caller may see it (list items carry no
 * description, state, fees or attachments). */
export type Case = Schemas['CaseResponse']
/** AnswerState is the answer drafted and decided in a case. */
export type AnswerState = Schemas['AnswerState']
export type Attachment = Schemas['AttachmentResponse']
/** Consultation is a third-party (Art 32) or agency (Art 34)
 * consultation, or an assistance task (协办), with its own reply date. */
export type Consultation = Schemas['ConsultationResponse']
/** ImportedFrom is the register row a legacy case was imported from. */
export type ImportedFrom = Schemas['ImportedFrom']
/** CaseEvent is one step of the timeline (applicants see public ones). */
export type CaseEvent = Schemas['EventResponse']
/** Notice is an official document of the case (回执, 告知书, 答复书 …). */
export type Notice = Schemas['NoticeResponse']
/** FeeQuote is the fee under both methods (109号 Art 3: one is chosen,
 * never both). Amounts are in yuan. */
export type FeeQuote = Schemas['FeeQuote']
/** ChainVerification is the answer of the timeline's hash-chain check. */
export type ChainVerification = Schemas['ChainVerification']

/** ApplicationInput files an application: an applicant's own, or one
 * staff register from another channel (channel, arrivedAt, receiptDate,
 * the applicant's identity). */
export type ApplicationInput = Schemas['ApplicationInput']
export type StaffApplicationInput = Schemas['ApplicationInput']

/** CaseQuery is the list filter (app/case_list.go). Lists are
 * comma-separated (status, level). */
export type CaseQuery = QueryOf<'/api/v1/applications'>
export type CaseSort = NonNullable<CaseQuery['sort']>

/** UploadPurpose says what a file is for: the applicant's own material,
 * or staff uploads (scanned paper applications, released documents,
 * proof of delivery, consultation letters). */
export type UploadPurpose = Schemas['UploadPurpose']

/** createApplication files an application. idempotencyKey makes a retried
 * submission return the case the first one created. */
export function createApplication(input: ApplicationInput, idempotencyKey: string): Promise<Case> {
  return http.post<Case>('/applications', input, { headers: { 'Idempotency-Key': idempotencyKey } })
}

export function listApplications(q: CaseQuery = {}): Promise<Schemas['CaseListResponse']> {
  return http.get<Schemas['CaseListResponse']>('/applications', { ...q })
}

export function getApplication(id: number | string): Promise<Case> {
  return http.get<Case>(`/applications/${id}`)
}

/** Action is a step the server may allow on a case (allowedActions). */
export type Action = Schemas['Action']

/** act takes one action; body must carry the case version last seen. */
export function act(id: number | string, action: Action, body: { version: number } & Record<string, unknown>): Promise<Case> {
  return http.post<Case>(`/applications/${id}/actions/${encodeURIComponent(action)}`, body)
}

export function listEvents(id: number | string): Promise<Schemas['EventResponseList']> {
  return http.get<Schemas['EventResponseList']>(`/applications/${id}/events`)
}

export function listNotices(id: number | string): Promise<Schemas['NoticeResponseList']> {
  return http.get<Schemas['NoticeResponseList']>(`/applications/${id}/notices`)
}


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
