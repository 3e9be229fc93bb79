// The officer's queue keeps its filters in the URL query, so a reload,
// the back button or a shared link shows the same list. Saved views are
// fixed filter sets shown as quick tabs.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { CaseQuery, CaseSort } from '@/api/cases'

export interface QueueFilters {
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
  { key: 'all', filters: {} },
  { key: 'mine', filters: { assignee: 'me' } },
  { key: 'dueThisWeek', filters: { level: ['urgent', 'warning'] } },
  { key: 'overdue', filters: { level: ['overdue'] } },
  { key: 'correction', filters: { status: ['correction_requested'] } },
  { key: 'assistance', filters: { scope: 'assistance' } },
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

/** toCaseQuery turns the filters into the list API's parameters. */
export function toCaseQuery(f: QueueFilters, pageSize: number): CaseQuery {
  return {
    status: f.status.join(',') || undefined,
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
  const q: LocationQuery = {}
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
