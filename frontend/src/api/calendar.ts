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

/** HolidayNotice is the State Council notice (国务院办公厅关于…节假日安排的
 * 通知) a year's schedule rests on: from the notices file, or confirmed by
 * an administrator (confirmedBy, confirmedAt). */
export interface HolidayNotice {
  title: string
  number: string
  date: string
  source?: string
  confirmedBy?: number | null
  confirmedAt?: string | null
}

/** YearCoverage is one year's standing: official only with its notice on
 * record; hasSchedule says whether the schedule file has its days. */
export interface YearCoverage {
  year: number
  official: boolean
  hasSchedule: boolean
  notices: HolidayNotice[]
}

export interface Coverage {
  officialThrough: number
  provisionalYears: number[]
  years?: YearCoverage[]
}

export interface ConfirmYearInput {
  noticeTitle: string
  /** noticeNumber, e.g. 国办发明电〔2026〕8号. */
  noticeNumber: string
  /** noticeDate is the day the notice was signed (YYYY-MM-DD). */
  noticeDate: string
}

/** MovedCase is an open case whose due date a calendar change moves. */
export interface MovedCase {
  caseId: number
  trackingNumber: string
  from: string
  to: string
}

export interface OverridesPreview {
  moved: number
  sample: MovedCase[]
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

/** putOverrides replaces the whole administrators' list; moved counts the
 * open cases whose due date changed. */
export function putOverrides(overrides: OverrideInput[]): Promise<{ items: CalendarOverride[]; total: number; moved?: number }> {
  return http.put('/admin/calendar/overrides', { overrides })
}

/** previewOverrides says how many open cases' due dates saving these
 * overrides would move, with a sample; nothing is saved. */
export function previewOverrides(overrides: OverrideInput[]): Promise<OverridesPreview> {
  return http.post<OverridesPreview>('/admin/calendar/overrides/preview', { overrides })
}

/** confirmYear records the State Council notice of a year's schedule: the
 * year becomes official. It answers with the new coverage. */
export function confirmYear(year: number, input: ConfirmYearInput): Promise<Coverage> {
  return http.post<Coverage>(`/admin/calendar/years/${year}/confirm`, input)
}
