import { describe, expect, it } from 'vitest'
import type { RemedyColumn, ReportCheck } from '@/api/reports'
import { ANNUAL_COLUMNS } from './testdata/annual'
import { annualHeader, correctionIndex, headerRows, remedyHeader, summarizeChecks, targetLabel } from './annual-report'

const COLUMNS = ANNUAL_COLUMNS

const results = [
  ['upheld', '结果维持'],
  ['corrected', '结果纠正'],
  ['other', '其他结果'],
  ['pending', '尚未审结'],
  ['total', '总计'],
]
const REMEDIES: RemedyColumn[] = [
  ...results.map(([k, label]) => ({ key: `reconsideration.${k}`, label, group: '行政复议' })),
  ...results.map(([k, label]) => ({ key: `litigation_direct.${k}`, label, group: '行政诉讼', subgroup: '未经复议直接起诉' })),
  ...results.map(([k, label]) => ({ key: `litigation_after_reconsideration.${k}`, label, group: '行政诉讼', subgroup: '复议后起诉' })),
]

const show = (rows: ReturnType<typeof headerRows>) => rows.map((r) => r.map((c) => `${c.label}${c.colspan > 1 ? `→${c.colspan}` : ''}${c.rowspan > 1 ? `↓${c.rowspan}` : ''}`))

describe('table headers', () => {
  it('lays out table 三 as the official format: corner note, 申请人情况, 自然人 / 法人或其他组织 (5) / 总计', () => {
    const rows = annualHeader(COLUMNS, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）')
    expect(show(rows)).toEqual([
      ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）↓3', '申请人情况→7'],
      ['自然人↓2', '法人或其他组织→5', '总计↓2'],
      ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
    ])
    // Every column is covered exactly once by a leaf cell, in order.
    expect(rows.flat().filter((c) => c.key).map((c) => c.key)).toEqual(['natural', 'total', 'commercial', 'research', 'public_welfare', 'legal_service', 'other_org'])
  })

  it('lays out table 四: 行政复议 (5), 行政诉讼 with 未经复议直接起诉 and 复议后起诉 (5 each)', () => {
    expect(show(remedyHeader(REMEDIES))).toEqual([
      ['行政复议→5', '行政诉讼→10'],
      ['结果维持↓2', '结果纠正↓2', '其他结果↓2', '尚未审结↓2', '总计↓2', '未经复议直接起诉→5', '复议后起诉→5'],
      ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
    ])
  })

  it('spans only consecutive columns of a group and keeps equal leaves apart', () => {
    const rows = headerRows([
      { key: 'a', path: ['G', 'x'] },
      { key: 'b', path: ['H'] },
      { key: 'c', path: ['G', 'x'] },
    ])
    expect(show(rows)).toEqual([['G', 'H↓2', 'G'], ['x', 'x']])
    expect(headerRows([])).toEqual([])
  })
})

describe('checks', () => {
  const checks: ReportCheck[] = [
    { rule: '一＋二＝（七）总计＋四', column: 'natural', ok: true, detail: '3 + 0 = 3, 2 + 1 = 3' },
    { rule: '（七）总计＝各项办理结果之和', column: 'natural', ok: true, detail: '2 = 2' },
    { rule: '一＋二＝（七）总计＋四', column: 'commercial', ok: false, detail: '1 + 0 = 1, 0 + 0 = 0' },
    { rule: '总计＝自然人＋法人或其他组织各列之和', column: 'new', ok: true, detail: '4 = 4' },
  ]

  it('groups them by rule in order and lists the failing ones', () => {
    const s = summarizeChecks(checks)
    expect(s.ok).toBe(false)
    expect(s.total).toBe(4)
    expect(s.passed).toBe(3)
    expect(s.failed.map((c) => c.column)).toEqual(['commercial'])
    expect(s.rules.map((r) => [r.rule, r.ok, r.items.length])).toEqual([
      ['一＋二＝（七）总计＋四', false, 2],
      ['（七）总计＝各项办理结果之和', true, 1],
      ['总计＝自然人＋法人或其他组织各列之和', true, 1],
    ])
  })

  it('is all green when every check passes, and for a report without checks', () => {
    expect(summarizeChecks(checks.filter((c) => c.ok)).ok).toBe(true)
    expect(summarizeChecks(undefined)).toMatchObject({ ok: true, total: 0, failed: [], rules: [] })
  })

  it('names the column or row a check is about', () => {
    const r = { columns: COLUMNS, rows: [{ key: 'new', label: '一、本年新收政府信息公开申请数量', level: 0 }] }
    expect(targetLabel(r, 'commercial')).toBe('商业企业')
    expect(targetLabel(r, 'new')).toBe('一、本年新收政府信息公开申请数量')
    expect(targetLabel(r, 'mystery')).toBe('mystery')
    expect(targetLabel(r, undefined)).toBe('')
  })

  it("finds a locked year's corrections per cell", () => {
    const idx = correctionIndex([{ row: 'new', column: 'natural', published: 3, current: 4 }])
    expect(idx.get('new|natural')?.current).toBe(4)
    expect(idx.has('new|total')).toBe(false)
    expect(correctionIndex(undefined).size).toBe(0)
  })
})
