import { describe, expect, it } from 'vitest'
import { activeView, applyView, emptyFilters, figureFilters, fromQuery, moreCount, SAVED_VIEWS, toCaseQuery, toQuery } from './case-filters'

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

describe('the default list', () => {
  it('asks for the open cases, soonest due first, unless told otherwise', () => {
    expect(toCaseQuery(emptyFilters(), 20)).toMatchObject({ status: 'submitted,registered,correction_requested,handling,answer_review', sort: 'due' })
    expect(toCaseQuery(fromQuery({ state: 'concluded' }), 20).status).toBe('answered,closed,archived')
    expect(toCaseQuery(fromQuery({ state: 'all' }), 20).status).toBeUndefined()
    expect(toCaseQuery(fromQuery({ status: 'archived' }), 20).status).toBe('archived')
    expect(fromQuery({ state: 'everything' }).state).toBe('open')
    expect(toQuery(fromQuery({ state: 'concluded' }))).toEqual({ state: 'concluded' })
  })

  it('opens a report figure on all its cases, concluded ones included', () => {
    expect(toCaseQuery(figureFilters({ concludedFrom: '2026-01-01', onTime: 'false' }), 20)).toMatchObject({ status: undefined, concludedFrom: '2026-01-01', onTime: false })
    expect(toCaseQuery(figureFilters({ status: 'handling', level: 'overdue' }), 20)).toMatchObject({ status: 'handling', level: 'overdue' })
  })

  it('counts the filters folded into 更多筛选', () => {
    expect(moreCount(emptyFilters())).toBe(0)
    expect(moreCount({ ...emptyFilters(), q: '资金', state: 'all' })).toBe(0)
    expect(moreCount(fromQuery({ status: 'handling', dueFrom: '2026-01-01', dueTo: '2026-02-01', sort: '-receipt' }))).toBe(3)
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
    expect(activeView(emptyFilters())).toBe('open')
    expect(activeView(applyView(emptyFilters(), view('concluded')))).toBe('concluded')
    expect(activeView(fromQuery({ state: 'all' }))).toBe('all')
    expect(activeView({ ...emptyFilters(), channel: 'fax' })).toBe('')
  })
})
