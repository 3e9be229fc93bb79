// The applicant's actions. The server lists what the caller may do now
// (allowedActions); the page shows exactly those it has a form for, in
// this order, and never decides on its own what a status allows.
import type { Schemas } from '@/api/schema'

type Action = Schemas['Action']

export const APPLICANT_ACTIONS = ['submit-correction', 'record-payment', 'suggest-conversion', 'withdraw'] as const satisfies readonly Action[]
export type ApplicantAction = (typeof APPLICANT_ACTIONS)[number]

/** applicantActions keeps the allowed actions the applicant pages handle. */
export function applicantActions(allowed: readonly string[] | null | undefined): ApplicantAction[] {
  if (!allowed?.length) return []
  const set = new Set(allowed)
  return APPLICANT_ACTIONS.filter((a) => set.has(a))
}

// The staff case page has a form for every staff action. The order is
// the server's (models.Actions); applicant-only actions never show there.
export const STAFF_ACTIONS = [
  'confirm-receipt',
  'accept',
  'request-correction',
  'record-correction-delivery',
  'submit-correction',
  'assign',
  'refer',
  'start-consultation',
  'record-consultation-reply',
  'request-assistance',
  'reply-assistance',
  'request-extension',
  'decide-extension',
  'issue-fee-notice',
  'record-payment',
  'set-custom-deadline',
  'draft-answer',
  'decide-answer',
  'record-delivery',
  'archive',
  'close',
  'record-remedy',
  'urge',
  'notify-third-party',
] as const satisfies readonly Action[]
export type StaffAction = (typeof STAFF_ACTIONS)[number]

/** Every action of the API document has a form, on the staff case page or
 * the applicant's: an action the document adds is a type error here. */
type NoneLeft<T extends never> = T
export type ActionsWithoutForm = NoneLeft<Exclude<Action, StaffAction | ApplicantAction>>

/** staffActions keeps the allowed actions the staff case page has a form
 * for, in the server's order. */
export function staffActions(allowed: readonly string[] | null | undefined): StaffAction[] {
  if (!allowed?.length) return []
  const set = new Set(allowed)
  return STAFF_ACTIONS.filter((a) => set.has(a))
}

/** ActionKind groups the actions on the page: the case's next steps,
 * decisions for a supervisor, and ending a case without an answer. */
export type ActionKind = 'step' | 'decision' | 'side' | 'end'

const KINDS: Partial<Record<StaffAction, ActionKind>> = {
  'decide-extension': 'decision',
  'decide-answer': 'decision',
  assign: 'side',
  'set-custom-deadline': 'side',
  'record-remedy': 'side',
  urge: 'side',
  close: 'end',
}

export function actionKind(a: StaffAction): ActionKind {
  return KINDS[a] ?? 'step'
}

// The usual next step, highlighted among the allowed actions. A posted
// correction notice's delivery comes before the correction; the Art 32
// notice to third parties before the answer's delivery.
const NEXT_STEPS: StaffAction[] = [
  'confirm-receipt',
  'accept',
  'record-correction-delivery',
  'submit-correction',
  'record-consultation-reply',
  'reply-assistance',
  'record-payment',
  'draft-answer',
  'notify-third-party',
  'record-delivery',
  'archive',
]

/** primaryAction is the allowed action to highlight, if any. */
export function primaryAction(actions: readonly StaffAction[]): StaffAction | undefined {
  return NEXT_STEPS.find((a) => actions.includes(a))
}
