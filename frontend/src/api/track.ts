// Public progress lookup by tracking number and 查询码, no login needed.
import { http } from './request'

/** TrackResult is shown generically: the page renders the fields it
 * finds (status, dates, deadline level, notices), so the API can grow
 * without UI changes. */
export type TrackResult = Record<string, unknown>

export function track(trackingNumber: string, queryCode: string): Promise<TrackResult> {
  return http.get<TrackResult>('/public/track', { trackingNumber, queryCode }, { auth: false })
}
