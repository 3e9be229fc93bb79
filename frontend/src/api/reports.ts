// Reports for supervisors (api/reports.go): the deadline report behind
// the dashboard and the statutory annual report (Art 50), parts 三 and 四,
// with exports. Shapes follow app/deadline_report.go and app/annual.go.
import type { AgencyBrief } from './auth'
import { http } from './request'

/** Figure is a count with the case-list filters (query parameters of GET
 * /applications) that list the cases behind it. */
export interface Figure {
  count: number
  filters: Record<string, string>
}

export const LOAD_KEYS = ['open', 'normal', 'warning', 'urgent', 'overdue', 'paused', 'extended', 'dueNext5'] as const
export type LoadKey = (typeof LOAD_KEYS)[number]

/** LoadCounts are open cases by clock state. */
export type LoadCounts = Record<LoadKey, Figure>

export interface AgencyLoad extends LoadCounts {
  agency: AgencyBrief
}

/** OfficerLoad is one officer's open cases (officerId 0: unassigned). */
export interface OfficerLoad extends LoadCounts {
  officerId: number
  officerName: string
  agencyId: number
}

export interface OverdueCase {
  caseId: number
  trackingNumber: string
  title: string
  agencyId: number
  dueDate: string
  daysOverdue: number
  paused: boolean
  assigneeId: number | null
  assignee: string
}

export interface PeriodStats {
  concluded: Figure
  onTime: Figure
  late: Figure
  /** onTimeRate and extensionRate are fractions (0–1). */
  onTimeRate: number
  medianWorkingDays: number
  p90WorkingDays: number
  extended: Figure
  extensionRate: number
  /** outcomes counts the concluded cases per outcome key. */
  outcomes: Record<string, number>
}

export interface MonthStat {
  month: string
  received: number
  concluded: number
  onTime: number
}

export interface DeadlineReport {
  asOf: string
  from: string
  to: string
  agency: AgencyBrief | null
  totals: LoadCounts
  agencies: AgencyLoad[]
  officers: OfficerLoad[]
  overdue: OverdueCase[]
  period: PeriodStats
  trend: MonthStat[]
}

export interface DeadlineQuery {
  asOf?: string
  from?: string
  to?: string
  agencyId?: number
}

export type ExportFormat = 'csv' | 'xlsx'

export function getDeadlineReport(q: DeadlineQuery): Promise<DeadlineReport> {
  return http.get<DeadlineReport>('/reports/deadlines', { ...q })
}

/** exportDeadlineReport fetches the report as a CSV or XLSX file. */
export function exportDeadlineReport(q: DeadlineQuery, format: ExportFormat): Promise<Blob> {
  return http.get<Blob>('/reports/deadlines', { ...q, format }, { as: 'blob' })
}

// ---- the annual report ----

/** ReportColumn is an applicant column of table 三 (group: 法人或其他组织). */
export interface ReportColumn {
  key: string
  label: string
  group?: string
}

/** ReportRow is a row of table 三; header rows carry no values. */
export interface ReportRow {
  key: string
  label: string
  header?: boolean
  level: number
  values?: Record<string, number>
}

/** RemedyColumn is a column of table 四 (行政复议 / 行政诉讼 with its two
 * subgroups). */
export interface RemedyColumn {
  key: string
  label: string
  group: string
  subgroup?: string
}

export interface ReportCheck {
  rule: string
  /** column is an applicant column for the column rules and a row key for
   * the row rule (总计 = the sum of the columns). */
  column?: string
  ok: boolean
  detail?: string
}

/** ReportCorrection is a figure that changed after the year was locked
 * (row "remedies" for table 四, "fee_income" for the fee income). */
export interface ReportCorrection {
  row: string
  column: string
  published: number
  current: number
}

export interface AnnualReport {
  year: number
  agency: AgencyBrief | null
  cornerNote: string
  columns: ReportColumn[]
  rows: ReportRow[]
  remedies: { columns: RemedyColumn[]; values: Record<string, number> }
  feeIncome: number
  checks: ReportCheck[]
  locked: boolean
  lockedAt?: string
  corrections?: ReportCorrection[]
  /** importedCases counts the legacy cases (历史导入) among the figures. */
  importedCases?: { new: number; concluded: number; carriedOut: number }
  generatedAt: string
}

export interface AnnualQuery {
  year: number
  /** agencyId is left out for the whole government. */
  agencyId?: number
}

export function getAnnualReport(q: AnnualQuery): Promise<AnnualReport> {
  return http.get<AnnualReport>('/reports/annual', { ...q })
}

export function exportAnnualReport(q: AnnualQuery, format: ExportFormat): Promise<Blob> {
  return http.get<Blob>('/reports/annual', { ...q, format }, { as: 'blob' })
}

/** annualReportHTML is the report as a printable A4 page. */
export function annualReportHTML(q: AnnualQuery): Promise<string> {
  return http.get<string>('/reports/annual', { ...q, format: 'html' }, { as: 'text' })
}

/** lockAnnualReport publishes a past year for good (409 when locked). */
export function lockAnnualReport(q: AnnualQuery): Promise<AnnualReport> {
  return http.post<AnnualReport>('/reports/annual/lock', q)
}
