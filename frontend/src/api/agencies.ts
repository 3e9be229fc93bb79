// Agencies that receive applications (public list).
import { http } from './request'
import type { Schemas } from './schema'

/** Agency receives applications; its reconsiderationBody (复议机关) and
 * court (人民法院) are named in the remedy clause of its answers. */
export type Agency = Schemas['AgencyResponse']

export function listAgencies(): Promise<Schemas['AgencyResponseList']> {
  return http.get<Schemas['AgencyResponseList']>('/agencies', undefined, { auth: false })
}

/** StaffMember is an officer or supervisor of an agency. */
export type StaffMember = Schemas['StaffMember']

/** listAgencyStaff lists the people an agency's cases can be assigned to. */
export function listAgencyStaff(id: number): Promise<Schemas['StaffMemberItems']> {
  return http.get<Schemas['StaffMemberItems']>(`/agencies/${id}/staff`)
}
