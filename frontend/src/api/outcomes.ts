// The outcome table: the rows of table 三 of the statutory annual report
// (models/outcome.go). Answers (draft-answer) pick a row of groups （一）
// to （五）; group （六） holds closures. The server owns the table.
import { http } from './request'
import type { Schemas } from './schema'

/** Outcome is a row key of the table: the statutory outcome of a case. */
export type Outcome = Schemas['Outcome']

// Written by hand: the document does not describe GET /outcomes yet (an
// untyped object).
export interface OutcomeRow {
  key: string
  row: string
  group: string
  /** label is the row's text, verbatim from the report format. */
  label: string
  /** article is the legal basis an answer under this row cites. */
  article: string
  /** answer marks outcomes reached by an answer (not a closure). */
  answer: boolean
}

export interface OutcomeGroup {
  key: string
  label: string
}

export interface OutcomeTable {
  items: OutcomeRow[]
  groups: OutcomeGroup[]
}

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
