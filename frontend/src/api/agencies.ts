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
  active: boolean
  version: number
}

export function listAgencies(): Promise<ListResponse<Agency>> {
  return http.get<ListResponse<Agency>>('/agencies', undefined, { auth: false })
}
