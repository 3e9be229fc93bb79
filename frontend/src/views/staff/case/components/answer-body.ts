// The body of draft-answer from the answer form's values: what the server
// takes for each outcome (app/action_answer.go), nothing it would refuse.
import { allowsReferral, needsWithheldReasons, thirdPartyNoticeNeed } from '@/utils/outcome-picker'

export interface AnswerValues {
  outcome: string
  legalBasis: string
  text: string
  withheldReasons: string
  referralAgencyId?: number
  referralAgencyName: string
  referralContact: string
  templateId?: number
  /** notifyThirdParty: a partial disclosure also discloses what a third
   * party objected to, so the Art 32 notice goes with it. */
  notifyThirdParty: boolean
  thirdPartyNotice: { reasons: string; disclosureDate: string }
}

/** includesThirdPartyNotice says whether the body carries the Art 32
 * notice: always for a full disclosure over an objection, for a partial
 * one when the officer says so, never otherwise (the server refuses it). */
export function includesThirdPartyNotice(v: Pick<AnswerValues, 'outcome' | 'notifyThirdParty'>, objections: number | undefined): boolean {
  const need = thirdPartyNoticeNeed(v.outcome, objections)
  return need === 'required' || (need === 'optional' && v.notifyThirdParty)
}

/** answerBody builds the request body; attachments are the released
 * documents' ids and objections the case's state.thirdPartyObjections. */
export function answerBody(v: AnswerValues, attachments: number[], objections: number | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = {
    outcome: v.outcome,
    legalBasis: v.legalBasis.trim(),
    text: v.text.trim(),
    attachments: attachments.length ? attachments : undefined,
    withheldReasons: needsWithheldReasons(v.outcome) ? v.withheldReasons.trim() : undefined,
    templateId: v.templateId,
  }
  if (allowsReferral(v.outcome) && v.referralAgencyId) body.referralAgencyId = v.referralAgencyId
  else if (allowsReferral(v.outcome) && v.referralAgencyName.trim()) {
    body.referralAgencyName = v.referralAgencyName.trim()
    body.referralContact = v.referralContact.trim() || undefined
  }
  if (includesThirdPartyNotice(v, objections)) body.thirdPartyNotice = { reasons: v.thirdPartyNotice.reasons.trim(), disclosureDate: v.thirdPartyNotice.disclosureDate }
  return body
}
