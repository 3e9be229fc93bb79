// Candidates for proactive disclosure (依申请公开转主动公开, Art 44),
// reviewed by supervisors (api/conversion.go).
import type { AgencyBrief } from './auth'
import { http, type ListResponse } from './request'

export interface CandidateMember {
  caseId: number
  trackingNumber: string
  title: string
  description: string
  outcome: string
  receiptDate: string
  applicantType: string
  similarity: number
}

export interface Candidate {
  id: number
  agency: AgencyBrief | null
  kind: string
  title: string
  summary: string
  applicants: number
  disclosed: boolean
  status: 'open' | 'converted' | 'declined' | string
  decidedAt?: string
  publicationDate?: string
  publicationUrl?: string
  /** publishBy is the last day to publish once converted (Art 26). */
  publishBy?: string
  declineReason?: string
  members: CandidateMember[]
  version: number
  createdAt: string
}

export interface CandidateDecision {
  version: number
  decision: 'convert' | 'decline'
  publicationDate?: string
  publicationUrl?: string
  reason?: string
}

export function listCandidates(status = 'open', offset = 0, limit = 20): Promise<ListResponse<Candidate>> {
  return http.get<ListResponse<Candidate>>('/conversion-candidates', { status, offset: offset || undefined, limit })
}

export function decideCandidate(id: number, d: CandidateDecision): Promise<Candidate> {
  return http.post<Candidate>(`/conversion-candidates/${id}/decide`, d)
}
