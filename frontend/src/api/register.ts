// The register (依申请公开登记台账, api/register.go): the template, the
// import of an agency's existing register with its preview, and the export
// of an agency's register in the template's form. Validation and import run
// on the server in the background: an upload or a confirmation answers at
// once (202) and the page polls the upload for its progress.
import type { AgencyBrief } from './auth'
import { http, upload, type ListResponse } from './request'

export type ImportStatus = 'validating' | 'ready' | 'invalid' | 'importing' | 'imported' | 'failed'
export type ImportMode = 'valid-rows' | 'all-or-nothing'
export type RowAction = 'new' | 'replace' | 'unchanged' | 'native' | 'invalid'

export interface ImportCounts {
  total: number
  valid: number
  invalid: number
  errors: number
  new: number
  replace: number
  unchanged: number
  native: number
}

export interface ImportResult {
  inserted: number
  replaced: number
  unchanged: number
  skipped: number
}

/** ImportProgress: phase validating (total 0, unknown) or importing. */
export interface ImportProgress {
  phase: 'validating' | 'importing'
  done: number
  total: number
}

/** Bilingual messages as the server wrote them. */
export interface Bilingual {
  code: string
  zh: string
  en: string
}

export interface ImportWarning extends Bilingual {
  column?: string
}

export interface ImportRow {
  row: number
  action: RowAction
  key?: string
  caseId?: number
  registerNo?: string
  receivedOn?: string
  applicantName?: string
  content?: string
  answeredOn?: string
  outcome?: string
  outcomeLabel?: string
  errors: number
}

export interface ImportError extends Bilingual {
  row: number
  column: string
}

export interface RegisterImport {
  id: number
  agency: AgencyBrief | null
  fileName: string
  format: 'xlsx' | 'csv'
  sha256: string
  size: number
  status: ImportStatus
  interrupted?: boolean
  progress?: ImportProgress
  mode?: ImportMode
  headerRow: number
  counts: ImportCounts
  result?: ImportResult
  warnings: ImportWarning[]
  problem?: Bilingual
  rows?: ListResponse<ImportRow>
  errors?: ListResponse<ImportError>
  uploadedAt: string
  confirmedAt?: string
  finishedAt?: string
  version: number
}

/** busy reports whether the server is still working on an upload. */
export function busy(imp: RegisterImport): boolean {
  return (imp.status === 'validating' || imp.status === 'importing') && !imp.interrupted
}

export function downloadTemplate(): Promise<Blob> {
  return http.get<Blob>('/register/template', undefined, { as: 'blob' })
}

/** uploadRegister sends a filled register; onProgress gets the fraction
 * of the file sent. */
export function uploadRegister(agencyId: number, file: File, onProgress?: (f: number) => void): Promise<RegisterImport> {
  const body = new FormData()
  body.append('agencyId', String(agencyId))
  body.append('file', file, file.name)
  return upload<RegisterImport>('/register/imports', body, { onProgress })
}

export function getImport(id: number): Promise<RegisterImport> {
  return http.get<RegisterImport>(`/register/imports/${id}`)
}

export function listImports(agencyId?: number): Promise<ListResponse<RegisterImport>> {
  return http.get<ListResponse<RegisterImport>>('/register/imports', { agencyId })
}

export function importRows(id: number, q: { action?: RowAction; offset?: number; limit?: number }): Promise<ListResponse<ImportRow>> {
  return http.get<ListResponse<ImportRow>>(`/register/imports/${id}/rows`, { ...q })
}

export function importErrors(id: number, q: { offset?: number; limit?: number }): Promise<ListResponse<ImportError>> {
  return http.get<ListResponse<ImportError>>(`/register/imports/${id}/errors`, { ...q })
}

/** annotatedWorkbook is the upload with its errors marked (XLSX). */
export function annotatedWorkbook(id: number): Promise<Blob> {
  return http.get<Blob>(`/register/imports/${id}`, { format: 'xlsx' }, { as: 'blob' })
}

export function confirmImport(id: number, mode: ImportMode, version: number): Promise<RegisterImport> {
  return http.post<RegisterImport>(`/register/imports/${id}/confirm`, { mode, version })
}

/** exportRegister is an agency's whole register (year: first received in). */
export function exportRegister(agencyId: number, year?: number): Promise<Blob> {
  return http.get<Blob>('/register/export', { agencyId, year }, { as: 'blob' })
}
