import { describe, expect, it } from 'vitest'
import { activeView, applyView, emptyFilters, fromQuery, SAVED_VIEWS, toCaseQuery, toQuery } from './case-filters'

describe('queue filters in the URL', () => {
  it('reads and writes the query, leaving out defaults and junk', () => {
    const f = fromQuery({ status: 'handling,answer_review', level: 'urgent,bogus', assignee: 'me', receiptFrom: '2026-10-01', receiptTo: 'x', sort: '-due', page: '3', paused: 'true', q: '资金' })
    expect(f).toMatchObject({ status: ['handling', 'answer_review'], level: ['urgent'], assignee: 'me', receiptFrom: '2026-10-01', receiptTo: '', sort: '-due', page: 3, paused: 'true', q: '资金' })
    expect(toQuery(f)).toEqual({ status: 'handling,answer_review', level: 'urgent', assignee: 'me', receiptFrom: '2026-10-01', sort: '-due', page: '3', paused: 'true', q: '资金' })
    expect(toQuery(emptyFilters())).toEqual({})
    expect(fromQuery({ sort: 'sideways', page: '-2', assignee: 'drop table' })).toMatchObject({ sort: 'due', page: 1, assignee: '' })
  })

  it('turns the filters into list parameters', () => {
    const f = { ...emptyFilters(), assignee: 'none', level: ['overdue'], page: 2, agency: '4', extended: 'false' as const }
    expect(toCaseQuery(f, 20)).toMatchObject({ unassigned: true, assigneeId: undefined, level: 'overdue', agencyId: 4, extended: false, sort: 'due', limit: 20, offset: 20 })
    expect(toCaseQuery({ ...emptyFilters(), assignee: '12' }, 20)).toMatchObject({ assigneeId: '12', unassigned: undefined })
  })
})

describe('saved views', () => {
  const view = (k: string) => SAVED_VIEWS.find((v) => v.key === k)!

  it('set their filters and are recognised again', () => {
    const mine = applyView({ ...emptyFilters(), q: '资金', status: ['handling'], page: 4 }, view('mine'))
    expect(mine).toMatchObject({ assignee: 'me', status: [], q: '资金', page: 1 })
    expect(activeView(mine)).toBe('mine')
    expect(activeView(applyView(emptyFilters(), view('dueThisWeek')))).toBe('dueThisWeek')
    expect(applyView(emptyFilters(), view('dueThisWeek')).level).toEqual(['urgent', 'warning'])
    expect(applyView(emptyFilters(), view('overdue')).level).toEqual(['overdue'])
    expect(applyView(emptyFilters(), view('correction')).status).toEqual(['correction_requested'])
    expect(applyView(emptyFilters(), view('assistance')).scope).toBe('assistance')
    expect(activeView(emptyFilters())).toBe('all')
    expect(activeView({ ...emptyFilters(), channel: 'fax' })).toBe('')
  })
})
