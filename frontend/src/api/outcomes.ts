// The outcome table: the rows of table 三 of the statutory annual report
// (models/outcome.go). Answers (draft-answer) pick a row of groups （一）
// to （五）; group （六） holds closures. The server owns the table.
import { http } from './request'
import type { Schemas } from './schema'

/** Outcome is a row key of the table: the statutory outcome of a case. */
export type Outcome = Schemas['Outcome']

/** OutcomeRow is a row of the table: label is its text, verbatim from the
 * report format; article the legal basis an answer under it cites; answer
 * marks outcomes reached by an answer (not a closure). */
export type OutcomeRow = Schemas['OutcomeResponse']
export type OutcomeGroup = Schemas['OutcomeGroup']
export type OutcomeTable = Schemas['OutcomesResponse']

let cached: Promise<OutcomeTable> | null = null

/** listOutcomes fetches the table once per page load. */
export function listOutcomes(): Promise<OutcomeTable> {
  if (!cached) {
    cached = http
      .get<OutcomeTable>('/outcomes', undefined, { auth: false })
      .then((r) => ({ items: r.items ?? [], groups: r.groups ?? [] }))
      .catch((e) => {
        cached = null
        throw e
      })
  }
  return cached
}
