// Agencies that receive applications (public list).
import { http, type ListResponse } from './request'

export interface Agency {
  id: number
  name: string
  shortName: string
  code: string
  docPrefix?: string
  address?: string
  phone?: string
  email?: string
  /** reconsiderationBody (复议机关) and court (人民法院) are named in the
   * remedy clause of the agency's answers. */
  reconsiderationBody?: string
  court?: string
  active: boolean
  version: number
}

export function listAgencies(): Promise<ListResponse<Agency>> {
  return http.get<ListResponse<Agency>>('/agencies', undefined, { auth: false })
}

/** StaffMember is an officer or supervisor of an agency. */
export interface StaffMember {
  id: number
  displayName: string
  role: 'officer' | 'supervisor'
}

/** listAgencyStaff lists the people an agency's cases can be assigned to. */
export function listAgencyStaff(id: number): Promise<ListResponse<StaffMember>> {
  return http.get<ListResponse<StaffMember>>(`/agencies/${id}/staff`)
}
