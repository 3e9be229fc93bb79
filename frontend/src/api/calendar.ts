// The working-day calendar: official holidays and 调休 from the schedule
// file, and the administrators' overrides (api/calendar.go).
import { http } from './request'
import type { Schemas } from './schema'

/** CalendarDay is one day: workday or not, the holiday it belongs to (on a
 * 调休 working day, the one it makes up for), adjusted (调休上班),
 * provisional (no official schedule yet), override (decided locally). */
export type CalendarDay = Schemas['DayInfo']

/** YearCoverage is one year's standing: official only with its State
 * Council notice on record (from the notices file, or confirmed by an
 * administrator); hasSchedule says whether the schedule file has its days. */
export type YearCoverage = Schemas['YearView']
export type Coverage = Schemas['CoverageView']
export type ConfirmYearInput = Schemas['ConfirmYearInput']

/** OverridesPreview counts the open cases whose due date a calendar change
 * moves, with a sample. */
export type OverridesPreview = Schemas['OverridesPreview']

/** CalendarOverride is an override as listed; source "file" (the schedule
 * file, read-only here) or "admin". */
export type CalendarOverride = Schemas['OverrideView']
export type OverrideInput = Schemas['OverrideInput']

/** calendarDays lists each day of a range (at most 400 days). */
export function calendarDays(from: string, to: string): Promise<Schemas['DayInfoItems']> {
  return http.get<Schemas['DayInfoItems']>('/calendar/days', { from, to }, { auth: false })
}

export function calendarCoverage(): Promise<Coverage> {
  return http.get<Coverage>('/calendar/coverage', undefined, { auth: false })
}

export function getOverrides(): Promise<Schemas['OverridesResponse']> {
  return http.get<Schemas['OverridesResponse']>('/admin/calendar/overrides')
}

/** putOverrides replaces the whole administrators' list; moved counts the
 * open cases whose due date changed. */
export function putOverrides(overrides: OverrideInput[]): Promise<Schemas['OverridesResponse']> {
  return http.put<Schemas['OverridesResponse']>('/admin/calendar/overrides', { overrides } satisfies Schemas['OverridesRequest'])
}

/** previewOverrides says how many open cases' due dates saving these
 * overrides would move, with a sample; nothing is saved. */
export function previewOverrides(overrides: OverrideInput[]): Promise<OverridesPreview> {
  return http.post<OverridesPreview>('/admin/calendar/overrides/preview', { overrides } satisfies Schemas['OverridesRequest'])
}

/** confirmYear records the State Council notice of a year's schedule: the
 * year becomes official. It answers with the new coverage. */
export function confirmYear(year: number, input: ConfirmYearInput): Promise<Coverage> {
  return http.post<Coverage>(`/admin/calendar/years/${year}/confirm`, input)
}
