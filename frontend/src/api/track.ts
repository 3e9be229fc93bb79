// Public progress lookup by tracking number and 查询码, no login needed.
import type { AgencyBrief } from './auth'
import type { CaseEvent, CaseStatus, ClockLevel, Notice } from './cases'
import { http } from './request'

/** TrackResult is what an anonymous lookup shows (api trackResponse):
 * no applicant data, public events and notices only. */
export interface TrackResult {
  trackingNumber: string
  agency: AgencyBrief | null
  title: string
  status: CaseStatus
  channel: string
  receiptDate: string
  dueDate: string
  level: ClockLevel | ''
  paused: boolean
  remainingWorkingDays: number
  concluded: boolean
  concludedOn?: string
  outcome?: string
  outcomeLabel?: string
  events: CaseEvent[]
  notices: Notice[]
}

export function track(trackingNumber: string, queryCode: string): Promise<TrackResult> {
  return http.get<TrackResult>('/public/track', { trackingNumber, queryCode }, { auth: false })
}

/** trackNoticeHTML opens a public notice of the case as printable HTML. */
export function trackNoticeHTML(id: number, trackingNumber: string, queryCode: string): Promise<string> {
  return http.get<string>(`/public/track/notices/${id}`, { trackingNumber, queryCode }, { auth: false, as: 'text' })
}
