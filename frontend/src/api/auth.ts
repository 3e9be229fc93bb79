// Accounts: registration, login, logout and the caller's own account.
// The refresh call lives in request.ts, which owns the single flight.
import { http } from './request'
import { everyValue, type Schemas } from './schema'

export type Role = Schemas['Role']
export type ApplicantType = Schemas['ApplicantType']
export type IDType = Schemas['IDType']
export type OrgCategory = Schemas['OrgCategory']

/** ROLES are the roles an account can have: every Role but system, which
 * only acts (jobs, in audit events). */
export const ROLES = everyValue<Exclude<Role, 'system'>>()(['applicant', 'officer', 'supervisor', 'admin'])
export const STAFF_ROLES: Role[] = ['officer', 'supervisor', 'admin']
export const ID_TYPES = everyValue<IDType>()(['resident_id', 'passport', 'other'])
export const ORG_CATEGORIES = everyValue<OrgCategory>()(['commercial', 'research', 'public_welfare', 'legal_service', 'other'])

export type AgencyBrief = Schemas['AgencyBrief']

/** User is an account as the API shows it; identity numbers come masked. */
export type User = Schemas['UserResponse']

/** Session is the answer to a login or a refresh. The refresh token also
 * travels in the httpOnly cookie; the UI ignores the body copy. */
export type Session = Schemas['SessionResponse']

/** IdentityInput is an applicant's identity and contact details, as the
 * applicant registers them or staff record them: only the fields of the
 * applicant's type are sent. */
export type IdentityInput = Schemas['IdentityInput']

export type RegisterInput = Schemas['RegisterInput']

export function register(input: RegisterInput): Promise<User> {
  return http.post<User>('/auth/register', input, { auth: false })
}

export function login(username: string, password: string): Promise<Session> {
  return http.post<Session>('/auth/login', { username, password } satisfies Schemas['LoginRequest'], { auth: false })
}

/** logout revokes the refresh cookie's token family. */
export function logout(): Promise<void> {
  return http.post<void>('/auth/logout', undefined, { auth: false })
}

export function me(): Promise<User> {
  return http.get<User>('/me')
}

export function changePassword(oldPassword: string, newPassword: string): Promise<void> {
  return http.post<void>('/me/password', { oldPassword, newPassword } satisfies Schemas['ChangePasswordRequest'])
}

/** ProfileUpdate changes the caller's own contact details; names and
 * identity numbers stay (cases already filed keep what they were filed with). */
export type ProfileUpdate = Schemas['ProfileUpdate']

export function updateProfile(body: ProfileUpdate): Promise<User> {
  return http.patch<User>('/me', body)
}
