// Dates are shown in China Standard Time whatever the browser's zone:
// statutory deadlines are counted in Beijing working days.
import { getLocale } from '@/locales'

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

export function isDateLike(v: unknown): v is string {
  return typeof v === 'string' && (DATE_ONLY.test(v) || DATE_TIME.test(v))
}

/** formatDate shows a date-only value as it is and a timestamp as a
 * date and time in Asia/Shanghai. */
export function formatDate(v: string): string {
  if (DATE_ONLY.test(v)) return v
  const d = new Date(v)
  if (Number.isNaN(d.getTime())) return v
  return new Intl.DateTimeFormat(getLocale() === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d)
}

/** formatLongDate writes a YYYY-MM-DD date out with its weekday:
 * 2026年11月30日（星期一） or Monday 30 November 2026. */
export function formatLongDate(v: string | undefined): string {
  if (!v || !DATE_ONLY.test(v)) return v ?? ''
  const [y, m, d] = v.split('-').map(Number)
  const date = new Date(Date.UTC(y, m - 1, d))
  if (getLocale() === 'en') {
    return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(date).replace(',', '')
  }
  const wd = new Intl.DateTimeFormat('zh-CN', { timeZone: 'UTC', weekday: 'long' }).format(date)
  return `${y}年${m}月${d}日（${wd}）`
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
