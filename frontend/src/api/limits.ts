// The limits the forms enforce — text lengths, day ranges, list sizes — as
// the API document states them (src/api/generated/limits.ts, from each
// request schema's maxLength, minimum, maximum …), so that a form never
// copies a server rule: limits.ExtensionInput.days.maximum.
//
// pending holds the limits the server enforces that the document does not
// state yet (issue 15: the Go input structs get maxLength/minLength/
// minimum/maximum/maxItems tags). Each value is the server's, with the
// check it copies. limits.spec.ts fails as soon as the document states one
// of them: delete the copy here then, and the form reads the document's.
import { limits as documented } from './generated/limits'
import type { Schemas } from './schema'

/** Limit is what a property's schema may bound. */
export interface Limit {
  minLength?: number
  /** minLengthWhenGiven bounds a text the request may leave empty. */
  minLengthWhenGiven?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  minItems?: number
  maxItems?: number
  items?: Limit
}

/** PendingLimits may only name schemas and properties the document has. */
type PendingLimits = { [S in keyof Schemas]?: { [P in keyof Schemas[S]]?: Limit } }

export const pending = {
  RuntimeSettingsInput: {
    // (0, 1]: OpenAPI 3.0 says exclusiveMinimum as a flag beside minimum,
    // which the generated limits do not carry yet.
    repeatSimilarity: { exclusiveMinimum: 0, maximum: 1 }, // app/settings.go
    conversionSimilarity: { exclusiveMinimum: 0, maximum: 1 },
  },
} as const satisfies PendingLimits

type Obj = Record<string, unknown>

/** Merged is A with B's entries added, object by object. */
type Merged<A, B> = {
  [K in keyof A | keyof B]: K extends keyof A ? (K extends keyof B ? (A[K] extends Obj ? (B[K] extends Obj ? Merged<A[K], B[K]> : A[K]) : A[K]) : A[K]) : K extends keyof B ? B[K] : never
}

function merge(a: Obj, b: Obj): Obj {
  const out: Obj = { ...a }
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k]
    out[k] = prev && typeof prev === 'object' && v && typeof v === 'object' ? merge(prev as Obj, v as Obj) : (prev ?? v)
  }
  return out
}

/** limits are the document's limits, with the pending ones beside them. */
export const limits = merge(documented, pending) as Merged<typeof documented, typeof pending>

/** lengths turns a text's limits into an input's min and max (characters,
 * as the server counts them; min applies to a text that is given). */
export function lengths(l: Limit): { min: number; max?: number } {
  return { min: l.minLength ?? l.minLengthWhenGiven ?? 0, max: l.maxLength }
}

/** range turns a number's limits into an input's min and max. */
export function range(l: Limit): { min?: number; max?: number } {
  return { min: l.minimum, max: l.maximum }
}
