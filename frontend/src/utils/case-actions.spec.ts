import { describe, expect, it } from 'vitest'
import { applicantActions } from './case-actions'

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
