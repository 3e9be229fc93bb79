// Typical cases (典型案例): concluded cases marked by supervisors, with an
// analysis and the approved answer, shared across agencies (api/library.go).
import type { AnswerTemplate } from './templates'
import { http } from './request'
import type { QueryOf, Schemas } from './schema'

/** TypicalCase is a concluded case marked typical; answer is its approved
 * answer, when it has one. */
export type TypicalCase = Schemas['TypicalResponse']
/** TypicalList is a page of typical cases with all the library's tags. */
export type TypicalList = Schemas['TypicalList']
export type TypicalQuery = QueryOf<'/api/v1/typical-cases'>
export type TypicalInput = Schemas['TypicalInput']

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
export function typicalToTemplate(id: number, input: Schemas['TemplateFromTypicalRequest']): Promise<AnswerTemplate> {
  return http.post<AnswerTemplate>(`/typical-cases/${id}/template`, input)
}
