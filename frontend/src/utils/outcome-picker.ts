// The outcome picker follows the statutory annual-report table (table 三,
// 国办公开办函〔2021〕30号): groups （一）…（五） with their rows, as the
// server lists them (/api/v1/outcomes). An answer picks a row of an
// answer outcome; group （六） holds closures, which are not answers.
import type { OutcomeGroup, OutcomeRow, OutcomeTable } from '@/api/outcomes'

export interface PickerGroup {
  key: string
  label: string
  rows: OutcomeRow[]
  /** single: the group is its own row (（一）予以公开, （二）部分公开). */
  single: boolean
}

/** answerGroups keeps the answer outcomes, grouped in the table's order;
 * groups without answer rows (（六）其他处理) are left out. */
export function answerGroups(table: OutcomeTable | null | undefined): PickerGroup[] {
  if (!table) return []
  const rows = table.items.filter((o) => o.answer)
  const groups: OutcomeGroup[] = table.groups.length ? table.groups : [...new Set(rows.map((r) => r.group))].map((k) => ({ key: k, label: k }))
  const out: PickerGroup[] = []
  for (const g of groups) {
    const rs = rows.filter((r) => r.group === g.key)
    if (rs.length === 0) continue
    out.push({ key: g.key, label: g.label, rows: rs, single: rs.length === 1 && rs[0].key === g.key })
  }
  return out
}

/** groupOf is the group of an outcome key ("not_disclosed.state_secret" →
 * "not_disclosed"). */
export function groupOf(key: string): string {
  return key.split('.', 1)[0]
}

/** needsWithheldReasons: a partial disclosure (Art 37) and a refusal (Art
 * 36(3)) must state the reasons for what is withheld. */
export function needsWithheldReasons(key: string): boolean {
  const g = groupOf(key)
  return g === 'partially_disclosed' || g === 'not_disclosed'
}

/** allowsReferral: only "本机关不掌握" names the agency that holds the
 * information (Art 36(5)). */
export function allowsReferral(key: string): boolean {
  return key === 'unable.not_held'
}

/** needsCorrection: "补正后申请内容仍不明确" is only open to an
 * application that was corrected (Art 30). */
export function needsCorrection(key: string): boolean {
  return key === 'unable.unclear_after_correction'
}

/** rowAvailable says whether a row can be picked for a case. */
export function rowAvailable(key: string, ctx: { corrected: boolean }): boolean {
  return !needsCorrection(key) || ctx.corrected
}

/** findRow looks a row up in the table. */
export function findRow(table: OutcomeTable | null | undefined, key: string): OutcomeRow | undefined {
  return table?.items.find((r) => r.key === key)
}

/** ThirdPartyNoticeNeed says whether an answer carries the Art 32 notice
 * to objecting third parties (告知书（给第三方）). */
export type ThirdPartyNoticeNeed = 'required' | 'optional' | 'none'

/** thirdPartyNoticeNeed mirrors the server's rule (draft-answer): with a
 * third party's objection on record, a full disclosure needs the notice
 * (Art 32); a partial disclosure may withhold the objected part instead
 * (its reasons then say so, Art 37) or disclose it with the notice; any
 * other answer, or none objecting, takes no notice. */
export function thirdPartyNoticeNeed(outcome: string, objections: number | undefined): ThirdPartyNoticeNeed {
  if (!objections || objections <= 0 || !outcome) return 'none'
  const g = groupOf(outcome)
  if (g === 'disclosed') return 'required'
  if (g === 'partially_disclosed') return 'optional'
  return 'none'
}
