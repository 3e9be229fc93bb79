// The electronic seal (加盖电子印章) on the notices a staff step issues:
// the actions whose input takes `seal` (the API document: the inputs of
// these actions and of staff registration carry it). The agency must have
// uploaded a seal; the officer chooses per step.

/** SEAL_ACTIONS are the staff actions that issue a notice and accept seal. */
export const SEAL_ACTIONS: readonly string[] = [
  'confirm-receipt',
  'request-correction',
  'start-consultation',
  'request-assistance',
  'decide-extension',
  'set-custom-deadline',
  'issue-fee-notice',
  'decide-answer',
  'close',
  'notify-third-party',
]

export function issuesNotice(action: string): boolean {
  return SEAL_ACTIONS.includes(action)
}

/** withSeal adds seal: true to an action's body when the officer chose it
 * and the action issues a notice; otherwise the body is left as it is. */
export function withSeal<T extends Record<string, unknown>>(body: T, action: string, seal: boolean): T & { seal?: true } {
  return seal && issuesNotice(action) ? { ...body, seal: true } : body
}
