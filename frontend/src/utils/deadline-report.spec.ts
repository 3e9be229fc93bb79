import { describe, expect, it } from 'vitest'
import type { DeadlineReport, Figure, LoadCounts } from '@/api/reports'
import { figureFilters, figureLink, fromQuery, toCaseQuery } from './case-filters'
import { formatRate, outcomeFigures, rateTone, tileTone, trendFigure } from './deadline-report'

const OPEN = 'submitted,registered,correction_requested,handling,answer_review'
const fig = (count: number, filters: Record<string, string>): Figure => ({ count, filters })
const load = (base: Record<string, string>): LoadCounts => ({
  open: fig(5, { ...base, status: OPEN }),
  normal: fig(1, { ...base, status: OPEN, level: 'normal' }),
  warning: fig(1, { ...base, status: OPEN, level: 'warning' }),
  urgent: fig(1, { ...base, status: OPEN, level: 'urgent' }),
  overdue: fig(2, { ...base, status: OPEN, level: 'overdue' }),
  paused: fig(0, { ...base, status: OPEN, paused: 'true' }),
  extended: fig(1, { ...base, status: OPEN, extended: 'true' }),
  dueNext5: fig(2, { ...base, status: OPEN, level: 'urgent,warning', paused: 'false' }),
})

const report: DeadlineReport = {
  asOf: '2026-11-30',
  from: '2026-01-15',
  to: '2026-11-30',
  agency: { id: 3, name: '区教育局', shortName: '教育局', code: 'JYJ' },
  totals: load({ agencyId: '3' }),
  agencies: [],
  officers: [],
  overdue: [],
  period: {
    concluded: fig(6, { agencyId: '3', concludedFrom: '2026-01-15', concludedTo: '2026-11-30' }),
    onTime: fig(5, { agencyId: '3', concludedFrom: '2026-01-15', concludedTo: '2026-11-30', onTime: 'true' }),
    late: fig(1, { agencyId: '3', concludedFrom: '2026-01-15', concludedTo: '2026-11-30', onTime: 'false' }),
    onTimeRate: 0.8333,
    medianWorkingDays: 9,
    p90WorkingDays: 18,
    extended: fig(1, { agencyId: '3', concludedFrom: '2026-01-15', concludedTo: '2026-11-30', extended: 'true' }),
    extensionRate: 0.1666,
    outcomes: { disclosed: 3, 'other.withdrawn': 1, 'not_disclosed.third_party_rights': 2, unable: 0 },
  },
  trend: [
    { month: '2026-01', received: 2, concluded: 1, onTime: 1 },
    { month: '2026-02', received: 1, concluded: 2, onTime: 1 },
  ],
}

// What the queue asks the list API for, once opened from a figure: the
// figure's own filters (the queue's sort and page aside).
function listParams(filters: Record<string, string> | null): Record<string, string> {
  const link = figureLink(filters)
  const q = toCaseQuery(fromQuery(link.query as Record<string, string>), 20)
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(q)) if (v !== undefined && !['sort', 'limit', 'offset'].includes(k)) out[k] = String(v)
  return out
}

describe('figure → queue', () => {
  it('opens the queue with exactly the filters of every load figure', () => {
    for (const [key, f] of Object.entries(report.totals)) expect(listParams(f.filters), key).toEqual(f.filters)
  })

  it('keeps the officer, the unassigned and the period filters', () => {
    const officer = { agencyId: '1', assigneeId: '4', status: OPEN, level: 'overdue' }
    expect(listParams(officer)).toEqual(officer)
    expect(figureLink(officer).query).toMatchObject({ agency: '1', assignee: '4' })
    expect(listParams({ agencyId: '1', unassigned: 'true', status: OPEN })).toEqual({ agencyId: '1', unassigned: 'true', status: OPEN })
    expect(figureFilters({ unassigned: 'true' }).assignee).toBe('none')
    for (const f of [report.period.concluded, report.period.onTime, report.period.late, report.period.extended]) expect(listParams(f.filters)).toEqual(f.filters)
    expect(listParams({ dueFrom: '2026-12-01', dueTo: '2026-12-07' })).toEqual({ dueFrom: '2026-12-01', dueTo: '2026-12-07' })
  })

  it('turns a month of the trend into a figure clipped to the period', () => {
    expect(trendFigure(report, report.trend[0], 'received')).toEqual({ count: 2, filters: { agencyId: '3', receiptFrom: '2026-01-15', receiptTo: '2026-01-31' } })
    expect(trendFigure(report, report.trend[1], 'concluded')).toEqual({ count: 2, filters: { agencyId: '3', concludedFrom: '2026-02-01', concludedTo: '2026-02-28' } })
    const onTime = trendFigure(report, report.trend[1], 'onTime')
    expect(onTime).toEqual({ count: 1, filters: { agencyId: '3', concludedFrom: '2026-02-01', concludedTo: '2026-02-28', onTime: 'true' } })
    expect(listParams(onTime.filters)).toEqual(onTime.filters)
  })

  it('lists the outcomes most frequent first, each with its filters', () => {
    const o = outcomeFigures(report)
    expect(o.map((x) => [x.key, x.figure.count])).toEqual([
      ['disclosed', 3],
      ['not_disclosed.third_party_rights', 2],
      ['other.withdrawn', 1],
    ])
    expect(listParams(o[1].figure.filters)).toEqual({ agencyId: '3', concludedFrom: '2026-01-15', concludedTo: '2026-11-30', outcome: 'not_disclosed.third_party_rights' })
  })
})

describe('tile colours', () => {
  it('follow the traffic light, lighting alarms only when they count cases', () => {
    expect(tileTone('normal', 4)).toBe('normal')
    expect(tileTone('warning', 2)).toBe('warning')
    expect(tileTone('warning', 0)).toBe('neutral')
    expect(tileTone('urgent', 1)).toBe('urgent')
    expect(tileTone('urgent', 0)).toBe('neutral')
    expect(tileTone('overdue', 3)).toBe('overdue')
    expect(tileTone('overdue', 0)).toBe('normal')
    expect(tileTone('dueNext5', 1)).toBe('warning')
    expect(tileTone('paused', 0)).toBe('paused')
    expect(tileTone('extended', 2)).toBe('extended')
    expect(tileTone('open', 9)).toBe('neutral')
  })

  it('colour the on-time rate and write it as a percentage', () => {
    expect(rateTone(1, 3)).toBe('normal')
    expect(rateTone(0.95, 20)).toBe('normal')
    expect(rateTone(0.8333, 6)).toBe('warning')
    expect(rateTone(0.5, 2)).toBe('urgent')
    expect(rateTone(0, 0)).toBe('neutral')
    expect(formatRate(0.8333)).toBe('83.3%')
    expect(formatRate(1)).toBe('100.0%')
    expect(formatRate(0)).toBe('0.0%')
  })
})
