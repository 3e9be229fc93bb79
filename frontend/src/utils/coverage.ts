// Where the holiday calendar stands: a year is official only with its
// State Council notice on record (the notices file, or an administrator's
// confirmation); every other year is provisional, and due dates reaching
// into it are provisional too (app/calendar_service.go).
import type { Coverage, YearCoverage } from '@/api/calendar'

export type YearStanding = 'official' | 'provisional' | 'estimated'

/** yearStanding: official with its notice; provisional with schedule data
 * but no notice (it can be confirmed); estimated with no data at all
 * (weekends only, until the notice's days are entered). */
export function yearStanding(y: Pick<YearCoverage, 'official' | 'hasSchedule'>): YearStanding {
  if (y.official) return 'official'
  return y.hasSchedule ? 'provisional' : 'estimated'
}

/** canConfirm: a provisional year with data may be confirmed against its
 * notice (the server refuses a year without data). */
export function canConfirm(y: Pick<YearCoverage, 'official' | 'hasSchedule'>): boolean {
  return yearStanding(y) === 'provisional'
}

/** provisionalInReach lists the years within reach of open cases (this
 * year and next) that are provisional, for the administrators' warning. */
export function provisionalInReach(c: (Pick<Coverage, 'officialThrough' | 'provisionalYears'> & Partial<Pick<Coverage, 'years'>>) | null | undefined, today: string): number[] {
  if (!c) return []
  const y = Number(today.slice(0, 4))
  const provisional = new Set(c.years ? c.years.filter((x) => !x.official).map((x) => x.year) : c.provisionalYears)
  return [y, y + 1].filter((x) => provisional.has(x))
}

/** noticeTitleFor is the usual title of a year's holiday notice. */
export function noticeTitleFor(year: number): string {
  return `国务院办公厅关于${year}年部分节假日安排的通知`
}

/** NOTICE_NUMBER is the shape of a State Council document number
 * (国办发明电〔2026〕8号), as the server checks it. */
export const NOTICE_NUMBER = /^.+〔\d{4}〕\d+号$/
