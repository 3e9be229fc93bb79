// Public progress lookup by tracking number and 查询码, no login needed.
import { http } from './request'
import type { Schemas } from './schema'

/** TrackResult is what an anonymous lookup shows: no applicant data, public
 * events and notices only. */
export type TrackResult = Schemas['TrackResponse']

export function track(trackingNumber: string, queryCode: string): Promise<TrackResult> {
  return http.get<TrackResult>('/public/track', { trackingNumber, queryCode }, { auth: false })
}
