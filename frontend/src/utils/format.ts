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
