// Accounts: registration, login, logout and the caller's own account.
// The refresh call lives in request.ts, which owns the single flight.
import { http } from './request'

export type Role = 'applicant' | 'officer' | 'supervisor' | 'admin'
export type ApplicantType = 'natural' | 'organization'
export type IDType = 'resident_id' | 'passport' | 'other'
export type OrgCategory = 'commercial' | 'research' | 'public_welfare' | 'legal_service' | 'other'

export const ROLES: Role[] = ['applicant', 'officer', 'supervisor', 'admin']
export const STAFF_ROLES: Role[] = ['officer', 'supervisor', 'admin']
export const ID_TYPES: IDType[] = ['resident_id', 'passport', 'other']
export const ORG_CATEGORIES: OrgCategory[] = ['commercial', 'research', 'public_welfare', 'legal_service', 'other']

export interface AgencyBrief {
  id: number
  name: string
  shortName: string
}

/** User is an account as the API shows it; identity numbers come masked. */
export interface User {
  id: number
  username: string
  role: Role
  agencyId: number | null
  agency?: AgencyBrief
  districtWide: boolean
  active: boolean
  displayName: string
  applicantType?: ApplicantType
  idType?: IDType
  idNumber?: string
  orgCategory?: OrgCategory
  creditCode?: string
  legalRepresentative?: string
  contactPerson?: string
  phone?: string
  email?: string
  address?: string
  locked: boolean
  version: number
  createdAt: string
}

/** Session is the answer to a login or a refresh. The refresh token also
 * travels in the httpOnly cookie; the UI ignores the body copy. */
export interface Session {
  accessToken: string
  refreshToken: string
  expiresIn: number
  user: User
}

/** IdentityInput is an applicant's identity and contact details, as the
 * applicant registers them or staff record them: only the fields of the
 * applicant's type are sent. */
export interface IdentityInput {
  applicantType: ApplicantType
  name: string
  idType?: IDType
  idNumber?: string
  orgCategory?: OrgCategory
  creditCode?: string
  legalRepresentative?: string
  contactPerson?: string
  phone: string
  email?: string
  address?: string
}

export interface RegisterInput extends IdentityInput {
  username: string
  password: string
}

export function register(input: RegisterInput): Promise<User> {
  return http.post<User>('/auth/register', input, { auth: false })
}

export function login(username: string, password: string): Promise<Session> {
  return http.post<Session>('/auth/login', { username, password }, { auth: false })
}

/** logout revokes the refresh cookie's token family. */
export function logout(): Promise<void> {
  return http.post<void>('/auth/logout', undefined, { auth: false })
}

export function me(): Promise<User> {
  return http.get<User>('/me')
}

export function changePassword(oldPassword: string, newPassword: string): Promise<void> {
  return http.post<void>('/me/password', { oldPassword, newPassword })
}

/** ProfileUpdate changes the caller's own contact details; names and
 * identity numbers stay (cases already filed keep what they were filed with). */
export interface ProfileUpdate {
  version: number
  phone?: string
  email?: string
  address?: string
  contactPerson?: string
}

export function updateProfile(body: ProfileUpdate): Promise<User> {
  return http.patch<User>('/me', body)
}
