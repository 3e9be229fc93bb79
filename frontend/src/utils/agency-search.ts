// Finding an agency by part of its name: the one the words name best
// comes first. "民政" is in 济南市莱芜区民政局 and, by accident, in
// 济南市莱芜区人民政府办公室 (人民政府): a match in the short name
// (区民政局) or at the start of a name ranks above one inside it.
import type { Agency } from '@/api/agencies'

type Named = Pick<Agency, 'name' | 'shortName' | 'code'>

function rank(a: Named, q: string): number {
  const name = a.name.toLowerCase()
  const short = (a.shortName ?? '').toLowerCase()
  const code = (a.code ?? '').toLowerCase()
  if (name === q || short === q || code === q) return 0
  if (short.includes(q)) return 1
  // The district's own prefix says nothing: 民政 at the start of 民政局.
  if (name.replace(/^.*?[区县市]/, '').startsWith(q)) return 2
  if (code.startsWith(q)) return 3
  if (name.includes(q)) return 4
  if (code.includes(q)) return 5
  return -1
}

/** searchAgencies lists the agencies matching q, best first (the list's
 * own order among equals); every agency for an empty q. */
export function searchAgencies<T extends Named>(agencies: T[], query: string): T[] {
  const q = query.trim().toLowerCase()
  if (!q) return agencies
  return agencies
    .map((a, i) => ({ a, i, r: rank(a, q) }))
    .filter((x) => x.r >= 0)
    .sort((x, y) => x.r - y.r || x.i - y.i)
    .map((x) => x.a)
}
