// Dates are shown in China Standard Time whatever the browser's zone:
// statutory deadlines are counted in Beijing working days.
import { getLocale } from '@/locales'

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

export function isDateLike(v: unknown): v is string {
  return typeof v === 'string' && (DATE_ONLY.test(v) || DATE_TIME.test(v))
}

// Three forms only, chosen by where a date stands (issue 17):
//   dateText  prose, notices, a case's details  2026年12月4日 · 4 December 2026
//   dateCell  tables and inputs                  2026-12-04
//   timeText  a moment                           12月4日 10:09 · 4 Dec 10:09
//             (with its year when not this year: 2025年12月4日 10:09)

function ymd(v: string): [number, number, number] | null {
  const iso = DATE_ONLY.test(v) ? v : DATE_TIME.test(v) ? beijingDateOf(v) : ''
  if (!iso) return null
  const [y, m, d] = iso.split('-').map(Number)
  return [y, m, d]
}

function beijingDateOf(v: string): string {
  const d = new Date(v)
  return Number.isNaN(d.getTime()) ? '' : beijingDate(d)
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const ZH_WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']
const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

/** dateText writes a date (or a timestamp's Beijing date) for prose:
 * 2026年12月4日, or 4 December 2026; with weekday, 2026年12月4日（星期五）
 * or Friday 4 December 2026. Anything else comes back as it is. */
export function dateText(v: string | null | undefined, opts: { weekday?: boolean } = {}): string {
  if (!v) return ''
  const p = ymd(v)
  if (!p) return v
  const [y, m, d] = p
  const wd = opts.weekday ? weekday(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`) : -1
  if (getLocale() === 'en') return `${wd >= 0 ? `${EN_WEEKDAYS[wd]} ` : ''}${d} ${EN_MONTHS[m - 1]} ${y}`
  return `${y}年${m}月${d}日${wd >= 0 ? `（${ZH_WEEKDAYS[wd]}）` : ''}`
}

/** dateCell writes a date for a table or an input: 2026-12-04 (a
 * timestamp's Beijing date). */
export function dateCell(v: string | null | undefined): string {
  if (!v) return ''
  if (DATE_ONLY.test(v)) return v
  return (DATE_TIME.test(v) && beijingDateOf(v)) || v
}

/** timeText writes a moment in Beijing time: 12月4日 10:09 (2025年12月4日
 * 10:09 in another year), or 4 Dec 10:09 (4 Dec 2025 10:09). A date alone
 * is written as dateText. */
export function timeText(v: string | null | undefined, now: Date = new Date()): string {
  if (!v) return ''
  if (DATE_ONLY.test(v)) return dateText(v)
  const d = new Date(v)
  if (!DATE_TIME.test(v) || Number.isNaN(d.getTime())) return v
  const [y, m, day] = beijingDate(d).split('-').map(Number)
  const hm = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(d)
  const thisYear = Number(beijingDate(now).slice(0, 4)) === y
  if (getLocale() === 'en') return `${day} ${EN_MONTHS[m - 1].slice(0, 3)}${thisYear ? '' : ` ${y}`} ${hm}`
  return `${thisYear ? '' : `${y}年`}${m}月${day}日 ${hm}`
}

/** valueText writes a value found in an event's data for prose: a date
 * or a moment in its form, anything else as it is. */
export function valueText(v: string): string {
  if (DATE_ONLY.test(v)) return dateText(v)
  if (DATE_TIME.test(v)) return timeText(v)
  return v
}

/** proseDates rewrites the YYYY-MM-DD dates in a server's sentence (the
 * clock's trace, a reminder) as dateText writes them. */
export function proseDates(text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => dateText(d))
}

/** monthText names a month (YYYY-MM) for a chart: 2026年11月, Nov 2026. */
export function monthText(v: string): string {
  const [y, m] = v.split('-').map(Number)
  if (!y || !m) return v
  return getLocale() === 'en' ? `${EN_MONTHS[m - 1].slice(0, 3)} ${y}` : `${y}年${m}月`
}

/** inputDateTime is an instant as a date-time input holds it, in Beijing
 * time: 2026-12-04 10:09. */
export function inputDateTime(d: Date = new Date()): string {
  const hm = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(d)
  return `${beijingDate(d)} ${hm}`
}

/** pickerDate is the day a date picker means by a Date (its local
 * midnight), as YYYY-MM-DD. */
export function pickerDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** formatSize shows a byte count as B, KB or MB. */
export function formatSize(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}

/** beijingDate is the calendar date (YYYY-MM-DD) of an instant in China
 * Standard Time, the zone statutory dates are counted in. */
export function beijingDate(d: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(d)
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')}`
}

/** addDays adds calendar days to a YYYY-MM-DD date. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1, d + n))
  return t.toISOString().slice(0, 10)
}

/** weekday is 0 (Sunday) to 6 (Saturday) for a YYYY-MM-DD date. */
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay()
}
