// Answer standards (答复标准): answer templates per topic, stage and
// outcome — a title, the legal basis and the body of an answer, with
// placeholders such as {{项目名称}} to fill in (api/library.go). Staff
// read them; supervisors maintain them.
import { http, isApiError } from './request'
import type { QueryOf, Schemas } from './schema'

export type AnswerTemplate = Schemas['TemplateResponse']
/** TemplateQuery filters the templates; inactive includes deactivated ones. */
export type TemplateQuery = QueryOf<'/api/v1/answer-templates'>
export type TemplateInput = Schemas['TemplateInput']

export function findAnswerTemplates(q: TemplateQuery = {}): Promise<Schemas['TemplateResponseList']> {
  return http.get<Schemas['TemplateResponseList']>('/answer-templates', { ...q, inactive: q.inactive || undefined })
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
