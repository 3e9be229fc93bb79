// Candidates for proactive disclosure (依申请公开转主动公开, Art 44),
// reviewed by supervisors (api/conversion.go).
import { http } from './request'
import type { Schemas } from './schema'

/** Candidate is a group of similar applications that may be disclosed
 * proactively; publishBy is the last day to publish once converted (Art 26). */
export type Candidate = Schemas['CandidateResponse']
export type CandidateDecision = Schemas['DecisionRequest']

export function listCandidates(status = 'open', offset = 0, limit = 20): Promise<Schemas['CandidateResponseList']> {
  return http.get<Schemas['CandidateResponseList']>('/conversion-candidates', { status, offset: offset || undefined, limit })
}

export function decideCandidate(id: number, d: CandidateDecision): Promise<Candidate> {
  return http.post<Candidate>(`/conversion-candidates/${id}/decide`, d)
}
