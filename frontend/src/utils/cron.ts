// Job schedules are five-field cron expressions (minute hour day month
// weekday). describeCron puts the common shapes into words; anything
// else is shown as it is.
import { t } from '@/locales'

const NUM = /^\d+$/
const RANGE = /^(\d+)-(\d+)$/
const STEP = /^\*\/(\d+)$/

const pad = (n: number | string) => String(n).padStart(2, '0')

/** describeCron says when a schedule runs, or '' if it cannot. */
export function describeCron(expr: string): string {
  const f = expr.trim().split(/\s+/)
  if (f.length !== 5) return ''
  const [min, hour, dom, mon, dow] = f
  if (dom !== '*' || mon !== '*' || dow !== '*') return ''
  if (min === '*' && hour === '*') return t('cron.everyMinute')
  let m: RegExpExecArray | null
  if ((m = STEP.exec(min)) && hour === '*') return t('cron.everyNMinutes', { n: Number(m[1]) })
  if (NUM.test(min) && hour === '*') return t('cron.hourly', { m: pad(min) })
  if (NUM.test(min) && NUM.test(hour)) return t('cron.daily', { time: `${pad(hour)}:${pad(min)}` })
  if (NUM.test(min) && (m = RANGE.exec(hour))) return t('cron.hourlyBetween', { from: Number(m[1]), to: Number(m[2]), m: pad(min) })
  if (NUM.test(min) && (m = STEP.exec(hour))) return t('cron.everyNHours', { n: Number(m[1]), m: pad(min) })
  return ''
}
