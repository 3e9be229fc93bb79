// Lookups the staff pages share: the agencies (for referrals,
// consultations and assistance) and the staff of an agency (for assigning
// cases).
import { ref, type Ref } from 'vue'
import { listAgencies, listAgencyStaff, type Agency, type StaffMember } from '@/api/agencies'
import { useAuthStore } from '@/store/auth'

let agencies: Promise<Agency[]> | null = null

/** useAgencies loads the active agencies once per page load. */
export function useAgencies(): { agencies: Ref<Agency[]>; ready: Promise<Agency[]> } {
  const list = ref<Agency[]>([])
  if (!agencies) {
    agencies = listAgencies()
      .then((r) => r.items)
      .catch((e) => {
        agencies = null
        throw e
      })
  }
  const ready = agencies.then((a) => {
    list.value = a
    return a
  })
  ready.catch(() => {})
  return { agencies: list, ready }
}

export interface StaffOption {
  id: number
  name: string
  me: boolean
}

const staffOf = new Map<number, Promise<StaffMember[]>>()

/** loadAgencyStaff lists the officers and supervisors an agency's cases
 * can be assigned to (the signed-in user's agency when none is given),
 * the user first. Each agency is asked once per page load. */
export async function loadAgencyStaff(agencyId?: number): Promise<StaffOption[]> {
  const me = useAuthStore().user
  const id = agencyId ?? me?.agencyId ?? undefined
  if (!id) return []
  if (!staffOf.has(id)) {
    const p = listAgencyStaff(id).then((r) => r.items ?? [])
    p.catch(() => staffOf.delete(id))
    staffOf.set(id, p)
  }
  let people: StaffMember[]
  try {
    people = await staffOf.get(id)!
  } catch {
    // Offer at least oneself.
    people = me && me.agencyId === id && (me.role === 'officer' || me.role === 'supervisor') ? [{ id: me.id, displayName: me.displayName || me.username, role: me.role }] : []
  }
  return people
    .map((u) => ({ id: u.id, name: u.displayName, me: u.id === me?.id }))
    .sort((a, b) => Number(b.me) - Number(a.me) || a.name.localeCompare(b.name, 'zh-CN'))
}
