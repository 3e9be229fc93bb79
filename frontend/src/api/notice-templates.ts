// An agency's notice templates (文书模板, README "notice templates"): the
// body template of each kind of notice, edited per agency by an
// administrator; every save is a new version, audited.
import { http } from './request'
import type { Schemas } from './schema'

export type NoticeTemplateSummary = Schemas['NoticeTemplateSummary']
export type NoticeTemplateView = Schemas['NoticeTemplateView']
export type NoticeTemplateInput = Schemas['NoticeTemplateInput']
export type TemplateSource = Schemas['TemplateSource']

const base = (agencyId: number) => `/admin/agencies/${agencyId}/templates`

export function listNoticeTemplates(agencyId: number): Promise<Schemas['NoticeTemplateSummaryItems']> {
  return http.get<Schemas['NoticeTemplateSummaryItems']>(base(agencyId))
}

/** getNoticeTemplate returns the template in force, or a saved version. */
export function getNoticeTemplate(agencyId: number, kind: string, version?: number): Promise<NoticeTemplateView> {
  return http.get<NoticeTemplateView>(`${base(agencyId)}/${kind}`, { version })
}

/** saveNoticeTemplate saves a new version; a 409 means baseVersion is no
 * longer the version in force (someone saved meanwhile). */
export function saveNoticeTemplate(agencyId: number, kind: string, input: NoticeTemplateInput): Promise<NoticeTemplateView> {
  return http.put<NoticeTemplateView>(`${base(agencyId)}/${kind}`, input)
}

export function previewNoticeHTML(agencyId: number, kind: string, text: string, signal?: AbortSignal): Promise<string> {
  return http.post<string>(`${base(agencyId)}/${kind}/preview`, { text }, { query: { format: 'html' }, as: 'text', signal })
}

export function previewNoticePDF(agencyId: number, kind: string, text: string): Promise<Blob> {
  return http.post<Blob>(`${base(agencyId)}/${kind}/preview`, { text }, { query: { format: 'pdf' }, as: 'blob' })
}
