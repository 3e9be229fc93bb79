// Administration (admin role): accounts, agencies, the audit trail and
// the scheduled jobs (api/admin.go, api/jobs.go).
import type { Agency } from './agencies'
import type { IdentityInput, Role, User } from './auth'
import { http, type ListResponse } from './request'

export interface UserQuery {
  role?: Role | ''
  agencyId?: number
  q?: string
  active?: boolean
  offset?: number
  limit?: number
}

export interface UserInput {
  username: string
  password: string
  role: Role
  agencyId?: number
  districtWide?: boolean
  displayName?: string
  phone?: string
  email?: string
  identity?: IdentityInput
}

export interface UserUpdate {
  version: number
  role?: Role
  agencyId?: number
  districtWide?: boolean
  displayName?: string
  phone?: string
  email?: string
  active?: boolean
}

export function listUsers(q: UserQuery = {}): Promise<ListResponse<User>> {
  return http.get<ListResponse<User>>('/admin/users', { ...q, role: q.role || undefined })
}

export function createUser(input: UserInput): Promise<User> {
  return http.post<User>('/admin/users', input)
}

export function updateUser(id: number, input: UserUpdate): Promise<User> {
  return http.patch<User>(`/admin/users/${id}`, input)
}

export function deactivateUser(id: number): Promise<User> {
  return http.post<User>(`/admin/users/${id}/deactivate`)
}

export function resetPassword(id: number, password: string): Promise<void> {
  return http.post<void>(`/admin/users/${id}/reset-password`, { password })
}

export interface AgencyInput {
  version?: number
  name: string
  shortName: string
  code: string
  docPrefix?: string
  address?: string
  phone?: string
  email?: string
  reconsiderationBody?: string
  court?: string
  active?: boolean
}

/** listAllAgencies lists every agency, inactive ones too. */
export function listAllAgencies(): Promise<ListResponse<Agency>> {
  return http.get<ListResponse<Agency>>('/admin/agencies')
}

export function createAgency(input: AgencyInput): Promise<Agency> {
  return http.post<Agency>('/admin/agencies', input)
}

export function updateAgency(id: number, input: AgencyInput): Promise<Agency> {
  return http.patch<Agency>(`/admin/agencies/${id}`, input)
}

export function deactivateAgency(id: number): Promise<Agency> {
  return http.post<Agency>(`/admin/agencies/${id}/deactivate`)
}

export interface AuditEntry {
  id: number
  actorId: number | null
  actorRole: string
  action: string
  objectType: string
  objectId: number
  /** data is a JSON document as text. */
  data: string
  requestId: string
  createdAt: string
}

export interface AuditQuery {
  objectType?: string
  objectId?: number
  offset?: number
  limit?: number
}

export function listAudit(q: AuditQuery = {}): Promise<ListResponse<AuditEntry>> {
  return http.get<ListResponse<AuditEntry>>('/admin/audit', { ...q })
}

export interface JobRun {
  id: number
  job: string
  startedAt: string
  finishedAt: string | null
  asOf: string
  status: 'ok' | 'error' | 'running' | string
  counts: Record<string, number> | null
  error?: string
  instance: string
  trigger: string
}

export interface Job {
  name: string
  /** schedule is a cron expression (minute hour day month weekday). */
  schedule: string
  description: string
  lastRuns: JobRun[]
}

export function listJobs(): Promise<{ items: Job[]; total: number }> {
  return http.get('/admin/jobs')
}

export function runJob(name: string): Promise<JobRun> {
  return http.post<JobRun>(`/admin/jobs/${encodeURIComponent(name)}/run`)
}

/** RuntimeSettings are the settings safe to change online; the rest stays in
 * the server's configuration. */
export interface RuntimeSettings {
  warningDays: number
  urgentDays: number
  correctionPeriodDays: number
  repeatSimilarity: number
  conversionMinApplicants: number
  conversionSimilarity: number
  quietStart: string
  quietEnd: string
}

export interface SettingsView {
  settings: RuntimeSettings
  defaults: RuntimeSettings
}

export function getSettings(): Promise<SettingsView> {
  return http.get<SettingsView>('/admin/settings')
}

export function putSettings(s: RuntimeSettings): Promise<SettingsView> {
  return http.put<SettingsView>('/admin/settings', s)
}
