// The API document's types, generated from it (src/api/generated, npm run
// gen:api), for the modules of src/api: they name the component schemas
// they use (export type Case = Schemas['CaseResponse']) instead of copying
// them, so that a change of the document is a type error where it matters.
import type { components, paths } from './generated/schema'

export type { components, paths }

/** Schemas are the document's component schemas, by name. */
export type Schemas = components['schemas']

/** QueryOf is the query parameters of the GET operation at a path. */
export type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never

/** Missing names the members of T that a list leaves out. */
type Missing<T, L extends readonly unknown[]> = Exclude<T, L[number]>

/**
 * everyValue checks at compile time that a list of values names every
 * member of the union T (an enum of the document) once: a member the
 * document adds and the list lacks is a type error naming it. The list keeps
 * its own order (the order the UI shows).
 *
 *   export const CHANNELS = everyValue<Channel>()(['in_person', …])
 */
export function everyValue<T extends string>() {
  return <const L extends readonly T[]>(values: L & ([Missing<T, L>] extends [never] ? unknown : { missing: Missing<T, L> })): T[] => [...values]
}
