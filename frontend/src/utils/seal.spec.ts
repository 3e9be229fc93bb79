import { describe, expect, it } from 'vitest'
import { issuesNotice, withSeal } from './seal'

describe('withSeal', () => {
  it('adds seal to the actions that issue notices when chosen', () => {
    expect(withSeal({ reason: 'x' }, 'request-correction', true)).toEqual({ reason: 'x', seal: true })
    expect(withSeal({}, 'decide-answer', true)).toEqual({ seal: true })
  })
  it('leaves the body alone when not chosen or when the action issues no notice', () => {
    expect(withSeal({ a: 1 }, 'request-correction', false)).toEqual({ a: 1 })
    expect(withSeal({ a: 1 }, 'assign', true)).toEqual({ a: 1 })
    expect(issuesNotice('draft-answer')).toBe(false)
    expect(issuesNotice('confirm-receipt')).toBe(true)
  })
})
