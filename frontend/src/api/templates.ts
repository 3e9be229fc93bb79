// Answer standards (答复标准): answer templates per topic, stage and
// outcome — a title, the legal basis and the body of an answer, with
// placeholders such as {{项目名称}} to fill in (api/library.go). Staff
// read them; supervisors maintain them.
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

export interface TemplateQuery {
  outcome?: string
  topic?: string
  q?: string
  /** inactive includes deactivated templates. */
  inactive?: boolean
}

export interface TemplateInput {
  topic: string
  stage: string
  outcome: string
  title: string
  legalBasis: string
  body: string
  active: boolean
}

export function findAnswerTemplates(q: TemplateQuery = {}): Promise<ListResponse<AnswerTemplate>> {
  return http.get<ListResponse<AnswerTemplate>>('/answer-templates', { ...q, inactive: q.inactive || undefined })
}

/** listAnswerTemplates returns the active templates for an outcome, or
 * null when the endpoint does not exist (404). */
export async function listAnswerTemplates(outcome: string): Promise<AnswerTemplate[] | null> {
  try {
    const r = await findAnswerTemplates({ outcome })
    return (r.items ?? []).filter((x) => x.active !== false)
  } catch (e) {
    if (isApiError(e) && (e.status === 404 || e.status === 405)) return null
    throw e
  }
}

export function createAnswerTemplate(input: TemplateInput): Promise<AnswerTemplate> {
  return http.post<AnswerTemplate>('/answer-templates', input)
}

export function updateAnswerTemplate(id: number, version: number, input: TemplateInput): Promise<AnswerTemplate> {
  return http.patch<AnswerTemplate>(`/answer-templates/${id}`, { version, ...input })
}
