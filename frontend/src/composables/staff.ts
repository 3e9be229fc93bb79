// Lookups the staff pages share: the agencies (for referrals,
// consultations and assistance) and the staff of an agency (for assigning
// cases).
import { ref, type Ref } from 'vue'
import { listAgencies, type Agency } from '@/api/agencies'
import { listApplications } from '@/api/cases'
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

/** loadAgencyStaff lists the people who can be assigned an agency's
 * cases. There is no staff directory for officers (the user list is for
 * administrators), so it is built from the signed-in user (when of that
 * agency) and everyone already assigned one of the agency's recent cases. */
export async function loadAgencyStaff(agencyId: number | undefined, extra: { id: number; displayName: string }[] = []): Promise<StaffOption[]> {
  const auth = useAuthStore()
  const byId = new Map<number, StaffOption>()
  const me = auth.user
  if (me && (me.role === 'officer' || me.role === 'supervisor') && (agencyId === undefined || me.agencyId === agencyId)) {
    byId.set(me.id, { id: me.id, name: me.displayName || me.username, me: true })
  }
  for (const u of extra) if (!byId.has(u.id)) byId.set(u.id, { id: u.id, name: u.displayName, me: u.id === me?.id })
  try {
    const q = agencyId && me?.districtWide ? { agencyId } : {}
    const res = await listApplications({ ...q, sort: '-created', limit: 200 })
    for (const c of res.items) {
      if (agencyId && c.agency?.id !== agencyId) continue
      const a = c.assignee
      if (a && !byId.has(a.id)) byId.set(a.id, { id: a.id, name: a.displayName, me: a.id === me?.id })
    }
  } catch {
    // Offer whom we know.
  }
  return [...byId.values()].sort((a, b) => Number(b.me) - Number(a.me) || a.name.localeCompare(b.name, 'zh-CN'))
}
