// Notices as documents (README "notices as PDF"): the issued PDF and its
// versions, the reflowable body for phones, reissuing with the seal; for
// the applicant and staff with the session, for anonymous tracking with the
// tracking number and query code.
import { http } from './request'
import type { Schemas } from './schema'

export type NoticeContent = Schemas['NoticeContentResponse']
export type NoticePDF = Schemas['NoticePDFResponse']
export type ReissueInput = Schemas['ReissueInput']

/** NoticeSource reads one notice in its three forms; the case pages use
 * the session, tracking uses the pair the case was found with. */
export interface NoticeSource {
  html: (id: number) => Promise<string>
  pdf: (id: number, version?: number) => Promise<Blob>
  content: (id: number) => Promise<NoticeContent>
}

export const sessionNotices: NoticeSource = {
  html: (id) => http.get<string>(`/notices/${id}`, undefined, { as: 'text' }),
  pdf: (id, version) => http.get<Blob>(`/notices/${id}`, { format: 'pdf', version }, { as: 'blob' }),
  content: (id) => http.get<NoticeContent>(`/notices/${id}/content`),
}

export function trackNotices(trackingNumber: string, queryCode: string): NoticeSource {
  const q = { trackingNumber, queryCode }
  return {
    html: (id) => http.get<string>(`/public/track/notices/${id}`, q, { auth: false, as: 'text' }),
    pdf: (id) => http.get<Blob>(`/public/track/notices/${id}`, { ...q, format: 'pdf' }, { auth: false, as: 'blob' }),
    content: (id) => http.get<NoticeContent>(`/public/track/notices/${id}/content`, q, { auth: false }),
  }
}

/** reissueNotice issues a new PDF version of a notice (staff), e.g. with
 * the agency's seal; the earlier versions stay. */
export function reissueNotice(id: number, input: ReissueInput): Promise<Schemas['NoticeResponse']> {
  return http.post<Schemas['NoticeResponse']>(`/notices/${id}/reissue`, input)
}

/** noticePDFName is the file name a downloaded notice is saved under. */
export function noticePDFName(n: { docNumber?: string; title: string; id: number }, version?: number): string {
  const base = (n.docNumber || n.title || `notice-${n.id}`).replace(/[\\/:*?"<>|\s]+/g, '_')
  return `${base}${version && version > 1 ? `-v${version}` : ''}.pdf`
}
