// The working-day calendar: official holidays and 调休 from the schedule
// file, and the administrators' overrides (api/calendar.go).
import { http } from './request'

export interface CalendarDay {
  date: string
  workday: boolean
  /** holiday names the holiday; on a 调休 working day, the one it makes up for. */
  holiday: string
  /** adjusted: a weekend day made a working day (调休上班). */
  adjusted: boolean
  /** provisional: the year has no official schedule yet. */
  provisional: boolean
  /** override: a local override decided the day. */
  override: boolean
}

export interface Coverage {
  officialThrough: number
  provisionalYears: number[]
}

export interface CalendarOverride {
  date: string
  workday: boolean
  name: string
  reason: string
  /** source: "file" (the schedule file, read-only here) or "admin". */
  source?: 'file' | 'admin' | string
}

export interface OverrideInput {
  date: string
  workday: boolean
  name: string
  reason: string
}

/** calendarDays lists each day of a range (at most 400 days). */
export function calendarDays(from: string, to: string): Promise<{ items: CalendarDay[]; total: number }> {
  return http.get('/calendar/days', { from, to }, { auth: false })
}

export function calendarCoverage(): Promise<Coverage> {
  return http.get<Coverage>('/calendar/coverage', undefined, { auth: false })
}

export function getOverrides(): Promise<{ items: CalendarOverride[]; total: number }> {
  return http.get('/admin/calendar/overrides')
}

/** putOverrides replaces the whole administrators' list. */
export function putOverrides(overrides: OverrideInput[]): Promise<{ items: CalendarOverride[]; total: number }> {
  return http.put('/admin/calendar/overrides', { overrides })
}
