// The supervisor's dashboard reads the deadline report: traffic-light
// tiles per clock level, period figures and two charts. Every figure
// carries the case-list filters of the cases behind it; the charts'
// points get theirs here (a month of the trend, an outcome).
import type { DeadlineReport, Figure, LoadCounts, LoadKey, MonthStat } from '@/api/reports'

/** LoadLine is a line of the load tables: an agency or an officer. */
export interface LoadLine {
  key: string
  name: string
  sub?: string
  counts: LoadCounts
}

/** Tone is a tile's colour: the clock's traffic light (normal green,
 * warning yellow, urgent red, overdue dark red), paused, extended, or
 * neutral when there is nothing to flag. */
export type Tone = 'normal' | 'warning' | 'urgent' | 'overdue' | 'paused' | 'extended' | 'neutral'

/** TILE_KEYS are the load tiles in reading order: what is open, then
 * from worst to fine, then the markers. */
export const TILE_KEYS: LoadKey[] = ['open', 'overdue', 'urgent', 'warning', 'normal', 'dueNext5', 'paused', 'extended']

/** tileTone colours a load tile. An alarm level lights up only when it
 * counts cases; no overdue case at all is good news (green). */
export function tileTone(key: LoadKey, count: number): Tone {
  switch (key) {
    case 'normal':
      return 'normal'
    case 'overdue':
      return count > 0 ? 'overdue' : 'normal'
    case 'urgent':
      return count > 0 ? 'urgent' : 'neutral'
    case 'warning':
    case 'dueNext5':
      return count > 0 ? 'warning' : 'neutral'
    case 'paused':
      return 'paused'
    case 'extended':
      return 'extended'
    default:
      return 'neutral'
  }
}

/** rateTone colours the on-time rate: 95 % and more green, 80 % and more
 * yellow, less red; neutral when nothing was concluded. */
export function rateTone(rate: number, concluded: number): Tone {
  if (concluded === 0) return 'neutral'
  if (rate >= 0.95) return 'normal'
  if (rate >= 0.8) return 'warning'
  return 'urgent'
}

/** formatRate writes a fraction as a percentage with one decimal. */
export function formatRate(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`
}

function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number)
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)
}

const later = (a: string, b: string) => (a > b ? a : b)
const earlier = (a: string, b: string) => (a < b ? a : b)

/** baseFilters are the report's scope (the agency, if one was chosen). */
export function baseFilters(r: DeadlineReport): Record<string, string> {
  return r.agency ? { agencyId: String(r.agency.id) } : {}
}

export type TrendSeries = 'received' | 'concluded' | 'onTime'
export const TREND_SERIES: TrendSeries[] = ['received', 'concluded', 'onTime']

/** trendFigure is one point of the monthly trend as a figure: the cases
 * received, concluded or concluded on time in that month of the period
 * (the month clipped to the period, as the report counts it). */
export function trendFigure(r: DeadlineReport, m: MonthStat, series: TrendSeries): Figure {
  const from = later(`${m.month}-01`, r.from)
  const to = earlier(monthEnd(m.month), r.to)
  const base = baseFilters(r)
  if (series === 'received') return { count: m.received, filters: { ...base, receiptFrom: from, receiptTo: to } }
  const filters: Record<string, string> = { ...base, concludedFrom: from, concludedTo: to }
  if (series === 'onTime') filters.onTime = 'true'
  return { count: series === 'onTime' ? m.onTime : m.concluded, filters }
}

/** outcomeFigures are the period's outcomes, most frequent first, each
 * with the filters of its cases. */
export function outcomeFigures(r: DeadlineReport): { key: string; figure: Figure }[] {
  return Object.entries(r.period.outcomes ?? {})
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key, count]) => ({ key, figure: { count, filters: { ...r.period.concluded.filters, outcome: key } } }))
}

// ---- chart options (ECharts) ----

// Tooltips are drawn on the canvas: ECharts' HTML tooltips carry style
// attributes, which the UI's Content-Security-Policy (style-src 'self')
// refuses.
const TOOLTIP_RENDER_MODE = 'richText'

const COLOURS: Record<TrendSeries, string> = { received: '#1d4e89', concluded: '#6a8fc0', onTime: '#1b6b2e' }

/** trendOption draws the monthly trend: received and concluded as bars,
 * concluded on time as a line. */
export function trendOption(trend: MonthStat[], names: Record<TrendSeries, string>, monthName: (m: string) => string) {
  return {
    aria: { enabled: true },
    color: TREND_SERIES.map((s) => COLOURS[s]),
    tooltip: { trigger: 'axis', renderMode: TOOLTIP_RENDER_MODE },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: trend.map((m) => monthName(m.month)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: TREND_SERIES.map((s) => ({
      name: names[s],
      type: s === 'onTime' ? 'line' : 'bar',
      data: trend.map((m) => m[s]),
      cursor: 'pointer',
    })),
  }
}

/** outcomeOption draws the outcomes as horizontal bars, the most
 * frequent on top. */
export function outcomeOption(items: { name: string; count: number }[]) {
  const rows = [...items].reverse()
  return {
    aria: { enabled: true },
    color: ['#1d4e89'],
    tooltip: { trigger: 'item', renderMode: TOOLTIP_RENDER_MODE },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((x) => x.name), axisLabel: { width: 220, overflow: 'truncate' } },
    series: [{ type: 'bar', data: rows.map((x) => x.count), label: { show: true, position: 'right' }, cursor: 'pointer' }],
  }
}
