// The annual report's tables as the official format lays them out
// (国办公开办函〔2021〕30号): merged header cells built from the columns'
// groups, the consistency checks summed up per rule, and the corrections
// of a locked year found per cell.
import type { AnnualReport, RemedyColumn, ReportCheck, ReportColumn, ReportCorrection } from '@/api/reports'

/** HeaderCell is one <th> of a header row. */
export interface HeaderCell {
  label: string
  colspan: number
  rowspan: number
  /** key is the column's key on leaf cells. */
  key?: string
}

/** headerRows lays out the header of a table whose columns are given by
 * their paths (outer group first, the column's own label last): a group
 * spans the consecutive columns under it, and a column whose path is
 * shorter than the deepest one reaches down to the bottom row. */
export function headerRows(columns: { key: string; path: string[] }[]): HeaderCell[][] {
  const depth = Math.max(0, ...columns.map((c) => c.path.length))
  const rows: HeaderCell[][] = Array.from({ length: depth }, () => [])
  for (let level = 0; level < depth; level++) {
    for (let i = 0; i < columns.length; ) {
      const p = columns[i].path
      if (p.length <= level) {
        i++
        continue
      }
      if (level === p.length - 1) {
        rows[level].push({ label: p[level], colspan: 1, rowspan: depth - level, key: columns[i].key })
        i++
        continue
      }
      const prefix = p.slice(0, level + 1).join('\u0000')
      let j = i + 1
      while (j < columns.length && columns[j].path.length > level + 1 && columns[j].path.slice(0, level + 1).join('\u0000') === prefix) j++
      rows[level].push({ label: p[level], colspan: j - i, rowspan: 1 })
      i = j
    }
  }
  return rows
}

/** APPLICANTS heads the applicant columns of table 三. */
export const APPLICANTS = '申请人情况'

/** annualHeader is table 三's header: the corner note down the first
 * column, 申请人情况 over every column, 自然人 and 总计 down two rows and
 * 法人或其他组织 over its five columns. */
export function annualHeader(columns: ReportColumn[], cornerNote: string): HeaderCell[][] {
  const rows = headerRows(columns.map((c) => ({ key: c.key, path: [APPLICANTS, ...(c.group ? [c.group] : []), c.label] })))
  if (rows.length) rows[0].unshift({ label: cornerNote, colspan: 1, rowspan: rows.length })
  return rows
}

/** remedyHeader is table 四's header: 行政复议 over its five results, 行政诉讼
 * over 未经复议直接起诉 and 复议后起诉 with five results each. */
export function remedyHeader(columns: RemedyColumn[]): HeaderCell[][] {
  return headerRows(columns.map((c) => ({ key: c.key, path: [c.group, ...(c.subgroup ? [c.subgroup] : []), c.label] })))
}

/** RuleSummary is one consistency rule with its result per column (or
 * per row, for the rule across the columns). */
export interface RuleSummary {
  rule: string
  ok: boolean
  items: ReportCheck[]
}

export interface CheckSummary {
  ok: boolean
  total: number
  passed: number
  failed: ReportCheck[]
  rules: RuleSummary[]
}

/** summarizeChecks groups the checks by rule, in the server's order, and
 * lists the failing ones. */
export function summarizeChecks(checks: ReportCheck[] | null | undefined): CheckSummary {
  const list = checks ?? []
  const rules: RuleSummary[] = []
  for (const c of list) {
    let r = rules.find((x) => x.rule === c.rule)
    if (!r) rules.push((r = { rule: c.rule, ok: true, items: [] }))
    r.items.push(c)
    if (!c.ok) r.ok = false
  }
  const failed = list.filter((c) => !c.ok)
  return { ok: failed.length === 0, total: list.length, passed: list.length - failed.length, failed, rules }
}

/** targetLabel names what a check is about: an applicant column or a row
 * of table 三. */
export function targetLabel(r: Pick<AnnualReport, 'columns' | 'rows'>, key: string | undefined): string {
  if (!key) return ''
  return r.columns.find((c) => c.key === key)?.label ?? r.rows.find((x) => x.key === key)?.label ?? key
}

/** corrections indexes a locked report's corrections by row and column. */
export function correctionIndex(list: ReportCorrection[] | null | undefined): Map<string, ReportCorrection> {
  return new Map((list ?? []).map((c) => [`${c.row}|${c.column}`, c]))
}
