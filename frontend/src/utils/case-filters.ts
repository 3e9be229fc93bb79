// The officer's queue keeps its filters in the URL query, so a reload,
// the back button or a shared link shows the same list. Saved views are
// fixed filter sets shown as quick tabs. The queue opens on the work: the
// cases still in hand, soonest due first; concluded ones when asked.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { CONCLUDED_STATUSES, OPEN_STATUSES, type CaseQuery, type CaseSort } from '@/api/cases'

/** CaseState narrows the list when no status is picked: the cases in hand
 * (the default), the concluded ones, or all of them. */
export type CaseState = 'open' | 'concluded' | 'all'
export const CASE_STATES: CaseState[] = ['open', 'concluded', 'all']

export interface QueueFilters {
  /** state applies when status is empty (URL state=concluded|all). */
  state: CaseState
  status: string[]
  level: string[]
  /** assignee: '' (anyone), 'me', 'none' (unassigned) or a user id. */
  assignee: string
  /** agency: '' or an agency id (district-wide supervisors). */
  agency: string
  channel: string
  receiptFrom: string
  receiptTo: string
  /** dueFrom/dueTo bound the due date; concludedFrom/concludedTo the
   * conclusion date (the report figures use them). */
  dueFrom: string
  dueTo: string
  concludedFrom: string
  concludedTo: string
  outcome: string
  q: string
  paused: '' | 'true' | 'false'
  extended: '' | 'true' | 'false'
  /** onTime: concluded by the due date ('true') or late ('false'). */
  onTime: '' | 'true' | 'false'
  scope: '' | 'assistance'
  sort: CaseSort
  page: number
}

export const SORTS: CaseSort[] = ['due', '-due', '-receipt', 'receipt', '-created', 'created']
export const LEVELS = ['overdue', 'urgent', 'warning', 'normal'] as const

export function emptyFilters(): QueueFilters {
  return {
    state: 'open',
    status: [],
    level: [],
    assignee: '',
    agency: '',
    channel: '',
    receiptFrom: '',
    receiptTo: '',
    dueFrom: '',
    dueTo: '',
    concludedFrom: '',
    concludedTo: '',
    outcome: '',
    q: '',
    paused: '',
    extended: '',
    onTime: '',
    scope: '',
    sort: 'due',
    page: 1,
  }
}

/** SavedView is a quick tab: a name and the filters it sets. */
export interface SavedView {
  key: string
  filters: Partial<QueueFilters>
}

export const SAVED_VIEWS: SavedView[] = [
  { key: 'open', filters: {} },
  { key: 'mine', filters: { assignee: 'me' } },
  { key: 'dueThisWeek', filters: { level: ['urgent', 'warning'] } },
  { key: 'overdue', filters: { level: ['overdue'] } },
  { key: 'correction', filters: { status: ['correction_requested'] } },
  { key: 'assistance', filters: { scope: 'assistance' } },
  { key: 'concluded', filters: { state: 'concluded' } },
  { key: 'all', filters: { state: 'all' } },
]

function one(v: LocationQuery[string] | undefined): string {
  if (Array.isArray(v)) return v[0] ?? ''
  return v ?? ''
}

function list(v: LocationQuery[string] | undefined): string[] {
  return one(v)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const bool = (s: string): '' | 'true' | 'false' => (s === 'true' || s === 'false' ? s : '')
const date = (v: LocationQuery[string] | undefined): string => (DATE.test(one(v)) ? one(v) : '')

/** DATE_KEYS are the date filters, each kept in the URL under its name. */
export const DATE_KEYS = ['receiptFrom', 'receiptTo', 'dueFrom', 'dueTo', 'concludedFrom', 'concludedTo'] as const

/** fromQuery reads the filters from a route query, ignoring junk. */
export function fromQuery(q: LocationQuery): QueueFilters {
  const f = emptyFilters()
  const state = one(q.state) as CaseState
  f.state = CASE_STATES.includes(state) ? state : 'open'
  f.status = list(q.status)
  f.level = list(q.level).filter((l) => (LEVELS as readonly string[]).includes(l))
  const a = one(q.assignee)
  f.assignee = a === 'me' || a === 'none' || /^\d+$/.test(a) ? a : ''
  f.agency = /^\d+$/.test(one(q.agency)) ? one(q.agency) : ''
  f.channel = one(q.channel)
  for (const k of DATE_KEYS) f[k] = date(q[k])
  f.outcome = one(q.outcome)
  f.q = one(q.q)
  f.paused = bool(one(q.paused))
  f.extended = bool(one(q.extended))
  f.onTime = bool(one(q.onTime))
  f.scope = one(q.scope) === 'assistance' ? 'assistance' : ''
  const sort = one(q.sort) as CaseSort
  f.sort = SORTS.includes(sort) ? sort : 'due'
  f.page = Math.max(1, Math.floor(Number(one(q.page))) || 1)
  return f
}

/** toQuery writes the filters into a route query, leaving out defaults. */
export function toQuery(f: QueueFilters): LocationQueryRaw {
  const q: LocationQueryRaw = {}
  if (f.state !== 'open') q.state = f.state
  if (f.status.length) q.status = f.status.join(',')
  if (f.level.length) q.level = f.level.join(',')
  if (f.assignee) q.assignee = f.assignee
  if (f.agency) q.agency = f.agency
  if (f.channel) q.channel = f.channel
  for (const k of DATE_KEYS) if (f[k]) q[k] = f[k]
  if (f.outcome) q.outcome = f.outcome
  if (f.q.trim()) q.q = f.q.trim()
  if (f.paused) q.paused = f.paused
  if (f.extended) q.extended = f.extended
  if (f.onTime) q.onTime = f.onTime
  if (f.scope) q.scope = f.scope
  if (f.sort !== 'due') q.sort = f.sort
  if (f.page > 1) q.page = String(f.page)
  return q
}

/** statusesOf are the statuses a list asks for: those picked, else the
 * state's (none for all). */
export function statusesOf(f: Pick<QueueFilters, 'state' | 'status'>): string[] {
  if (f.status.length) return f.status
  if (f.state === 'open') return OPEN_STATUSES
  if (f.state === 'concluded') return CONCLUDED_STATUSES
  return []
}

/** toCaseQuery turns the filters into the list API's parameters. */
export function toCaseQuery(f: QueueFilters, pageSize: number): CaseQuery {
  return {
    status: statusesOf(f).join(',') || undefined,
    level: f.level.join(',') || undefined,
    assigneeId: f.assignee && f.assignee !== 'none' ? f.assignee : undefined,
    unassigned: f.assignee === 'none' ? true : undefined,
    agencyId: f.agency ? Number(f.agency) : undefined,
    channel: f.channel || undefined,
    receiptFrom: f.receiptFrom || undefined,
    receiptTo: f.receiptTo || undefined,
    dueFrom: f.dueFrom || undefined,
    dueTo: f.dueTo || undefined,
    concludedFrom: f.concludedFrom || undefined,
    concludedTo: f.concludedTo || undefined,
    outcome: f.outcome || undefined,
    q: f.q.trim() || undefined,
    paused: f.paused ? f.paused === 'true' : undefined,
    extended: f.extended ? f.extended === 'true' : undefined,
    onTime: f.onTime ? f.onTime === 'true' : undefined,
    scope: f.scope || undefined,
    sort: f.sort,
    limit: pageSize,
    offset: (f.page - 1) * pageSize,
  }
}

/** moreCount is how many filters of the folded "更多筛选" panel are set
 * (shown on its button, so that a folded filter is never a surprise). */
export function moreCount(f: QueueFilters): number {
  const set = [f.status.length > 0, f.level.length > 0, f.assignee, f.agency, f.channel, f.outcome, f.paused, f.extended, f.onTime, f.sort !== 'due']
  const ranges = [f.receiptFrom || f.receiptTo, f.dueFrom || f.dueTo, f.concludedFrom || f.concludedTo]
  return [...set, ...ranges].filter(Boolean).length
}

/** applyView sets a saved view's filters on top of empty ones (the sort
 * and the search text stay). */
export function applyView(current: QueueFilters, view: SavedView): QueueFilters {
  return { ...emptyFilters(), sort: current.sort, q: current.q, ...view.filters, page: 1 }
}

/** activeView is the saved view the filters match exactly, or ''. */
export function activeView(f: QueueFilters): string {
  const key = (x: QueueFilters) => JSON.stringify({ ...x, sort: 'due', q: '', page: 1 })
  const mine = key(f)
  for (const v of SAVED_VIEWS) {
    if (key({ ...emptyFilters(), ...v.filters }) === mine) return v.key
  }
  return ''
}

// The list API's names for the filters the queue keeps under other names
// in its URL (agency, assignee).
const API_TO_URL: Record<string, string> = { agencyId: 'agency', assigneeId: 'assignee' }

/** figureFilters reads the case-list filters a report figure carries (the
 * query parameters of GET /applications) into the queue's filters, so that
 * the queue lists exactly the cases behind the figure. */
export function figureFilters(filters: Record<string, string>): QueueFilters {
  // A figure without statuses counts concluded cases as well.
  const q: LocationQuery = filters.status ? {} : { state: 'all' }
  for (const [k, v] of Object.entries(filters)) {
    if (k === 'unassigned') {
      if (v === 'true') q.assignee = 'none'
    } else {
      q[API_TO_URL[k] ?? k] = v
    }
  }
  return fromQuery(q)
}

/** figureLink is the queue's route for a figure's filters. */
export function figureLink(filters: Record<string, string> | null): { name: string; query: LocationQueryRaw } {
  return { name: 'staff-cases', query: toQuery(figureFilters(filters ?? {})) }
}
