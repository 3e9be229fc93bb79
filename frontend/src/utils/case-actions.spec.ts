import { describe, expect, it } from 'vitest'
import { actionKind, applicantActions, primaryAction, staffActions } from './case-actions'

describe('applicantActions', () => {
  it('keeps exactly the allowed actions the applicant pages handle, in display order', () => {
    expect(applicantActions(['withdraw', 'suggest-conversion'])).toEqual(['suggest-conversion', 'withdraw'])
    expect(applicantActions(['withdraw', 'submit-correction'])).toEqual(['submit-correction', 'withdraw'])
    expect(applicantActions(['record-payment', 'withdraw', 'suggest-conversion'])).toEqual(['record-payment', 'suggest-conversion', 'withdraw'])
  })

  it('never adds an action the server did not allow', () => {
    expect(applicantActions([])).toEqual([])
    expect(applicantActions(undefined)).toEqual([])
    expect(applicantActions(['record-delivery', 'record-remedy'])).toEqual([])
  })

  it('ignores staff actions it has no form for', () => {
    expect(applicantActions(['accept', 'draft-answer', 'withdraw'])).toEqual(['withdraw'])
  })
})

describe('staffActions', () => {
  it('shows exactly the allowed staff actions, in the server\'s order', () => {
    expect(staffActions(['close', 'draft-answer', 'assign', 'request-extension', 'start-consultation'])).toEqual(['assign', 'start-consultation', 'request-extension', 'draft-answer', 'close'])
    expect(staffActions(['decide-answer'])).toEqual(['decide-answer'])
  })

  it('never adds an action the server did not allow, nor the applicant\'s', () => {
    expect(staffActions([])).toEqual([])
    expect(staffActions(null)).toEqual([])
    expect(staffActions(['withdraw', 'suggest-conversion', 'unknown-action'])).toEqual([])
  })

  it('keeps the new steps in the server\'s order: correction delivery after the notice, urge and the Art 32 notice last', () => {
    expect(staffActions(['notify-third-party', 'urge', 'record-delivery', 'submit-correction', 'record-correction-delivery'])).toEqual(['record-correction-delivery', 'submit-correction', 'record-delivery', 'urge', 'notify-third-party'])
  })

  it('groups decisions, side steps and closing apart from the next steps', () => {
    expect(actionKind('decide-extension')).toBe('decision')
    expect(actionKind('urge')).toBe('side')
    expect(actionKind('notify-third-party')).toBe('step')
    expect(actionKind('assign')).toBe('side')
    expect(actionKind('close')).toBe('end')
    expect(actionKind('accept')).toBe('step')
  })

  it('highlights the usual next step among the allowed ones only', () => {
    expect(primaryAction(['request-correction', 'assign', 'refer', 'accept', 'close'])).toBe('accept')
    expect(primaryAction(['refer', 'start-consultation', 'draft-answer'])).toBe('draft-answer')
    expect(primaryAction(['refer', 'start-consultation'])).toBeUndefined()
    expect(primaryAction(['record-correction-delivery', 'submit-correction', 'assign'])).toBe('record-correction-delivery')
    expect(primaryAction(['archive', 'notify-third-party', 'record-remedy'])).toBe('notify-third-party')
    expect(primaryAction(['urge', 'assign'])).toBeUndefined()
  })
})
