// Administration (admin role): accounts, agencies, the audit trail and
// the scheduled jobs (api/admin.go, api/jobs.go).
import type { Agency } from './agencies'
import type { Role, User } from './auth'
import { http } from './request'
import type { QueryOf, Schemas } from './schema'

/** UserQuery filters the accounts; an empty role is no filter. */
export type UserQuery = Omit<QueryOf<'/api/v1/admin/users'>, 'role'> & { role?: Role | '' }
export type UserInput = Schemas['UserInput']
export type UserUpdate = Schemas['UserUpdate']

export function listUsers(q: UserQuery = {}): Promise<Schemas['UserResponseList']> {
  return http.get<Schemas['UserResponseList']>('/admin/users', { ...q, role: q.role || undefined })
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
  return http.post<void>(`/admin/users/${id}/reset-password`, { password } satisfies Schemas['ResetPasswordRequest'])
}

export type AgencyInput = Schemas['AgencyInput']

/** listAllAgencies lists every agency, inactive ones too. */
export function listAllAgencies(): Promise<Schemas['AgencyResponseList']> {
  return http.get<Schemas['AgencyResponseList']>('/admin/agencies')
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

export type AuditEntry = Schemas['AuditResponse']
export type AuditQuery = QueryOf<'/api/v1/admin/audit'>

export function listAudit(q: AuditQuery = {}): Promise<Schemas['AuditResponseList']> {
  return http.get<Schemas['AuditResponseList']>('/admin/audit', { ...q })
}

export type JobRun = Schemas['JobRunResponse']

/** Job is a scheduled job (schedule: a cron expression, minute hour day
 * month weekday) with its last runs. */
export type Job = Schemas['JobResponse']

export function listJobs(): Promise<Schemas['JobResponseItems']> {
  return http.get<Schemas['JobResponseItems']>('/admin/jobs')
}

export function runJob(name: string): Promise<JobRun> {
  return http.post<JobRun>(`/admin/jobs/${encodeURIComponent(name)}/run`)
}

/** RuntimeSettings are the settings safe to change online; the rest stays in
 * the server's configuration. */
export type RuntimeSettings = Schemas['RuntimeSettings']
export type SettingsView = Schemas['SettingsView']

export function getSettings(): Promise<SettingsView> {
  return http.get<SettingsView>('/admin/settings')
}

export function putSettings(s: Schemas['RuntimeSettingsInput']): Promise<SettingsView> {
  return http.put<SettingsView>('/admin/settings', s)
}
