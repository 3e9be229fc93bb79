// The register (依申请公开登记台账, api/register.go): the template, the
// import of an agency's existing register with its preview, and the export
// of an agency's register in the template's form. Validation and import run
// on the server in the background: an upload or a confirmation answers at
// once (202) and the page polls the upload for its progress.
import { http, upload } from './request'
import type { QueryOf, Schemas } from './schema'

export type ImportStatus = Schemas['ImportStatus']
export type ImportMode = Schemas['ImportMode']
export type RowAction = Schemas['RowAction']

/** Bilingual is a message as the server wrote it, in both languages. */
export type Bilingual = Schemas['ImportProblem']
export type ImportRow = Schemas['ImportRowResponse']
export type ImportError = Schemas['ImportErrorResponse']
/** RegisterImport is an upload with its validation, preview and result;
 * progress: phase validating (total 0, unknown) or importing. */
export type RegisterImport = Schemas['ImportResponse']

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

export function listImports(agencyId?: number): Promise<Schemas['ImportResponseList']> {
  return http.get<Schemas['ImportResponseList']>('/register/imports', { agencyId })
}

export function importRows(id: number, q: QueryOf<'/api/v1/register/imports/{id}/rows'>): Promise<Schemas['ImportRowResponseList']> {
  return http.get<Schemas['ImportRowResponseList']>(`/register/imports/${id}/rows`, { ...q })
}

export function importErrors(id: number, q: QueryOf<'/api/v1/register/imports/{id}/errors'>): Promise<Schemas['ImportErrorResponseList']> {
  return http.get<Schemas['ImportErrorResponseList']>(`/register/imports/${id}/errors`, { ...q })
}

/** annotatedWorkbook is the upload with its errors marked (XLSX). */
export function annotatedWorkbook(id: number): Promise<Blob> {
  return http.get<Blob>(`/register/imports/${id}`, { format: 'xlsx' }, { as: 'blob' })
}

export function confirmImport(id: number, mode: ImportMode, version: number): Promise<RegisterImport> {
  return http.post<RegisterImport>(`/register/imports/${id}/confirm`, { mode, version } satisfies Schemas['ConfirmInput'])
}

/** exportRegister is an agency's whole register (year: first received in). */
export function exportRegister(agencyId: number, year?: number): Promise<Blob> {
  return http.get<Blob>('/register/export', { agencyId, year }, { as: 'blob' })
}
