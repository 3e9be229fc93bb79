// Reports for supervisors (api/reports.go): the deadline report behind
// the dashboard and the statutory annual report (Art 50), parts 三 and 四,
// with exports. Shapes follow app/deadline_report.go and app/annual.go.
import { http } from './request'
import { everyValue, type QueryOf, type Schemas } from './schema'

/** Figure is a count with the case-list filters (query parameters of GET
 * /applications) that list the cases behind it. */
export type Figure = Schemas['Figure']

/** LoadCounts are open cases by clock state. */
export type LoadCounts = Schemas['LoadCounts']
export type LoadKey = keyof LoadCounts
export const LOAD_KEYS = everyValue<LoadKey>()(['open', 'normal', 'warning', 'urgent', 'overdue', 'paused', 'extended', 'dueNext5'])

export type MonthStat = Schemas['MonthStat']
export type DeadlineReport = Schemas['DeadlineReport']
export type DeadlineQuery = Omit<QueryOf<'/api/v1/reports/deadlines'>, 'format'>

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
export type ReportColumn = Schemas['ReportColumn']
/** RemedyColumn is a column of table 四 (行政复议 / 行政诉讼 with its two
 * subgroups). */
export type RemedyColumn = Schemas['RemedyColumn']
/** ReportCheck: column is an applicant column for the column rules and a
 * row key for the row rule (总计 = the sum of the columns). */
export type ReportCheck = Schemas['ReportCheck']
/** ReportCorrection is a figure that changed after the year was locked
 * (row "remedies" for table 四, "fee_income" for the fee income). */
export type ReportCorrection = Schemas['ReportCorrection']
export type AnnualReport = Schemas['AnnualReport']
/** AnnualQuery: agencyId is left out for the whole government. */
export type AnnualQuery = Omit<QueryOf<'/api/v1/reports/annual'>, 'format'>

export function getAnnualReport(q: AnnualQuery): Promise<AnnualReport> {
  return http.get<AnnualReport>('/reports/annual', { ...q })
}

/** AnnualExportFormat: the annual report also comes as a PDF of the
 * official tables (A4 landscape), to attach to the published report. */
export type AnnualExportFormat = ExportFormat | 'pdf'

export function exportAnnualReport(q: AnnualQuery, format: AnnualExportFormat): Promise<Blob> {
  return http.get<Blob>('/reports/annual', { ...q, format }, { as: 'blob' })
}

/** annualReportHTML is the report as a printable A4 page. */
export function annualReportHTML(q: AnnualQuery): Promise<string> {
  return http.get<string>('/reports/annual', { ...q, format: 'html' }, { as: 'text' })
}

/** lockAnnualReport publishes a past year for good (409 when locked). */
export function lockAnnualReport(q: AnnualQuery): Promise<AnnualReport> {
  return http.post<AnnualReport>('/reports/annual/lock', q satisfies Schemas['LockRequest'])
}
