// Typical cases (典型案例): concluded cases marked by supervisors, with an
// analysis and the approved answer, shared across agencies (api/library.go).
import type { AgencyBrief } from './auth'
import type { AnswerState } from './cases'
import type { AnswerTemplate } from './templates'
import { http, type ListResponse } from './request'

export interface TypicalCase {
  id: number
  caseId: number
  trackingNumber: string
  title: string
  description: string
  agency: AgencyBrief | null
  outcome: string
  outcomeLabel: string
  tags: string[]
  analysis: string
  /** answer is the case's approved answer, when it has one. */
  answer?: AnswerState
  version: number
  updatedAt: string
}

export interface TypicalList extends ListResponse<TypicalCase> {
  /** tags are all the tags in the library. */
  tags: string[]
}

export interface TypicalQuery {
  q?: string
  tag?: string
  offset?: number
  limit?: number
}

export interface TypicalInput {
  tags: string[]
  analysis: string
}

export function listTypical(q: TypicalQuery = {}): Promise<TypicalList> {
  return http.get<TypicalList>('/typical-cases', { ...q })
}

export function getTypical(id: number): Promise<TypicalCase> {
  return http.get<TypicalCase>(`/typical-cases/${id}`)
}

/** markTypical marks a concluded case as typical (409: already marked). */
export function markTypical(caseId: number, input: TypicalInput): Promise<TypicalCase> {
  return http.post<TypicalCase>('/typical-cases', { caseId, ...input })
}

export function updateTypical(id: number, version: number, input: TypicalInput): Promise<TypicalCase> {
  return http.patch<TypicalCase>(`/typical-cases/${id}`, { version, ...input })
}

export function unmarkTypical(id: number): Promise<void> {
  return http.delete<void>(`/typical-cases/${id}`)
}

/** typicalToTemplate makes the case's approved answer an answer template. */
export function typicalToTemplate(id: number, input: { topic: string; stage?: string; title?: string }): Promise<AnswerTemplate> {
  return http.post<AnswerTemplate>(`/typical-cases/${id}/template`, input)
}
