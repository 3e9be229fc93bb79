import { describe, expect, it } from 'vitest'
import { canIssue, feeOptions, nothingDue } from './fee'

describe('feeOptions', () => {
  it('lays out both methods and marks the lower one', () => {
    const o = feeOptions({ monthCount: 12, pages: 300, perApplication: 100, perPage: 6700 })
    expect(o).toEqual([
      { method: 'per_application', amount: 100, free: false, lower: true, needsPages: false },
      { method: 'per_page', amount: 6700, free: false, lower: false, needsPages: false },
    ])
  })

  it('marks a method that charges nothing and one that needs the pages', () => {
    const o = feeOptions({ monthCount: 1, pages: 0, perApplication: 0, perPage: 0 })
    expect(o[0]).toMatchObject({ free: true })
    expect(o[1]).toMatchObject({ needsPages: true })
  })

  it('marks both as lower when equal', () => {
    const o = feeOptions({ monthCount: 11, pages: 120, perApplication: 50, perPage: 50 })
    expect(o.every((x) => x.lower)).toBe(true)
  })
})

describe('canIssue and nothingDue', () => {
  it('issues only under a method that charges something', () => {
    const q = { monthCount: 1, pages: 300, perApplication: 0, perPage: 6700 }
    expect(canIssue(q, 'per_application')).toBe(false)
    expect(canIssue(q, 'per_page')).toBe(true)
    expect(canIssue(q, '')).toBe(false)
    expect(canIssue(null, 'per_page')).toBe(false)
    expect(nothingDue(q)).toBe(false)
    expect(nothingDue({ ...q, perPage: 0 })).toBe(true)
  })
})
