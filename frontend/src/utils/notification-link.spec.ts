import { describe, expect, it } from 'vitest'
import { linkKind, linkLabelKey } from './notification-link'

describe('notification links', () => {
  it('opens the calendar for the provisional-year warning', () => {
    expect(linkKind({ kind: 'calendar.provisional_year', link: '/staff/admin/calendar' })).toBe('calendar')
    expect(linkLabelKey({ kind: 'calendar.provisional_year', link: '/staff/admin/calendar' })).toBe('notifications.viewCalendar')
  })

  it('opens the case for case messages, a calendar change on a case included', () => {
    expect(linkKind({ kind: 'task.calendar-change', link: '/staff/cases/12', caseId: 12 })).toBe('case')
    expect(linkKind({ kind: 'task.urge', link: '/staff/cases/3' })).toBe('case')
    expect(linkKind({ kind: 'case.answered', caseId: 4 })).toBe('case')
    expect(linkLabelKey({ caseId: 4 })).toBe('notifications.viewCase')
  })

  it('says just 查看 for another page', () => {
    expect(linkKind({ kind: 'report.locked', link: '/staff/reports/annual' })).toBe('page')
    expect(linkLabelKey({ link: '/staff/reports/annual' })).toBe('notifications.view')
  })
})
