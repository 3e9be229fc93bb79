// The information processing fee (信息处理费, 国办函〔2020〕109号): the
// agency charges per application (按件, by the applicant's count this
// month) or per page (按量), one method only, never both added. The
// server quotes both; the form shows them side by side.
import type { FeeQuote } from '@/api/cases'

export type FeeMethod = 'per_application' | 'per_page'
export const FEE_METHODS: FeeMethod[] = ['per_application', 'per_page']

export interface FeeOption {
  method: FeeMethod
  amount: number
  /** free: under this method nothing is due (the server refuses a notice). */
  free: boolean
  /** lower: the cheaper of the two for the applicant (both when equal). */
  lower: boolean
  /** needsPages: per page cannot be quoted without a page count. */
  needsPages: boolean
}

/** feeOptions lays out both methods for a quote. */
export function feeOptions(q: FeeQuote | null | undefined): FeeOption[] {
  const per = q?.perApplication ?? 0
  const page = q?.perPage ?? 0
  const pages = q?.pages ?? 0
  const min = Math.min(per, page)
  return [
    { method: 'per_application', amount: per, free: per === 0, lower: per === min, needsPages: false },
    { method: 'per_page', amount: page, free: page === 0, lower: page === min, needsPages: pages < 1 },
  ]
}

/** canIssue says whether a fee notice under method would charge anything. */
export function canIssue(q: FeeQuote | null | undefined, method: FeeMethod | ''): boolean {
  if (!q || !method) return false
  const o = feeOptions(q).find((x) => x.method === method)!
  return !o.free && !o.needsPages
}

/** nothingDue: neither method charges anything (no notice is needed). */
export function nothingDue(q: FeeQuote | null | undefined): boolean {
  return !!q && q.perApplication === 0 && q.perPage === 0
}
