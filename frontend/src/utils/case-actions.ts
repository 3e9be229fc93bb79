// The applicant's actions. The server lists what the caller may do now
// (allowedActions); the page shows exactly those it has a form for, in
// this order, and never decides on its own what a status allows.

export const APPLICANT_ACTIONS = ['submit-correction', 'record-payment', 'suggest-conversion', 'withdraw'] as const
export type ApplicantAction = (typeof APPLICANT_ACTIONS)[number]

/** applicantActions keeps the allowed actions the applicant pages handle. */
export function applicantActions(allowed: readonly string[] | null | undefined): ApplicantAction[] {
  if (!allowed?.length) return []
  const set = new Set(allowed)
  return APPLICANT_ACTIONS.filter((a) => set.has(a))
}
