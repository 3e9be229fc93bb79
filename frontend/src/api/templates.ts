// Answer standards (答复标准) per outcome and topic: a title, the legal
// basis and the body of an answer (api/library.go). While a server
// without the endpoint answers 404, the draft form hides the slot.
import { http, isApiError, type ListResponse } from './request'

export interface AnswerTemplate {
  id: number
  topic: string
  stage: string
  outcome: string
  outcomeLabel?: string
  title: string
  legalBasis: string
  body: string
  sourceCaseId?: number
  active: boolean
  version: number
  updatedAt: string
}

/** listAnswerTemplates returns the active templates for an outcome, or
 * null when the endpoint does not exist (404). */
export async function listAnswerTemplates(outcome: string): Promise<AnswerTemplate[] | null> {
  try {
    const r = await http.get<ListResponse<AnswerTemplate>>('/answer-templates', { outcome })
    return (r.items ?? []).filter((x) => x.active !== false)
  } catch (e) {
    if (isApiError(e) && (e.status === 404 || e.status === 405)) return null
    throw e
  }
}
