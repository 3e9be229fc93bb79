// An agency's electronic seal (加盖电子印章): administrators upload, view
// and remove it; staff ask whether their agency has one (404: none).
import { http, isApiError } from './request'
import type { Schemas } from './schema'

export type SealInfo = Schemas['SealInfo']

/** agencyHasSeal says whether an agency has a seal staff may put on its
 * notices; false on 404 (none uploaded). */
export async function agencyHasSeal(agencyId: number): Promise<boolean> {
  try {
    await http.get<SealInfo>(`/agencies/${agencyId}/seal`)
    return true
  } catch (e) {
    if (isApiError(e) && e.status === 404) return false
    throw e
  }
}

/** findSeal returns what is stored for an agency's seal, or null (404). */
export async function findSeal(agencyId: number): Promise<SealInfo | null> {
  try {
    return await http.get<SealInfo>(`/admin/agencies/${agencyId}/seal`)
  } catch (e) {
    if (isApiError(e) && e.status === 404) return null
    throw e
  }
}

export function sealImage(agencyId: number): Promise<Blob> {
  return http.get<Blob>(`/admin/agencies/${agencyId}/seal`, { format: 'png' }, { as: 'blob' })
}

export function uploadSeal(agencyId: number, file: File): Promise<SealInfo> {
  const fd = new FormData()
  fd.append('file', file, file.name)
  return http.put<SealInfo>(`/admin/agencies/${agencyId}/seal`, fd)
}

export function removeSeal(agencyId: number): Promise<void> {
  return http.delete<void>(`/admin/agencies/${agencyId}/seal`)
}
