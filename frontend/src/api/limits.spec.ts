import { describe, expect, it } from 'vitest'
import { limits as documented } from './generated/limits'
import { limits, pending } from './limits'

type Tree = { [k: string]: number | Tree }

// leaves lists every keyword of a limits tree as a path: Schema.prop.maxLength.
function leaves(t: Tree, path: string[] = []): string[] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'object' ? leaves(v, [...path, k]) : [[...path, k].join('.')]))
}

function at(t: Tree, path: string): number | Tree | undefined {
  return path.split('.').reduce<number | Tree | undefined>((n, k) => (n && typeof n === 'object' ? n[k] : undefined), t)
}

describe('limits', () => {
  it('copies no limit the API document states', () => {
    // minLengthWhenGiven states a minLength (of a text that may be empty).
    const stated = leaves(pending as Tree).filter((p) => at(documented as Tree, p) !== undefined || at(documented as Tree, p.replace(/minLength$/, 'minLengthWhenGiven')) !== undefined)
    expect(stated, `the document states these now: delete their copies from pending in src/api/limits.ts`).toEqual([])
  })

  it('holds the document’s limits and the pending ones', () => {
    for (const p of [...leaves(documented as Tree), ...leaves(pending as Tree)]) {
      expect(at(limits as Tree, p), p).toBe(at(documented as Tree, p) ?? at(pending as Tree, p))
    }
    expect(limits.ExtensionInput.days).toMatchObject({ minimum: 1, maximum: 20 })
  })
})
