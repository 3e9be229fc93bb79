import { describe, expect, it } from 'vitest'
import { allowsReferral, answerGroups, findRow, groupOf, needsCorrection, needsWithheldReasons, rowAvailable, thirdPartyNoticeNeed } from './outcome-picker'
import { OUTCOME_TABLE } from './testdata/outcomes'

describe('answerGroups', () => {
  it('follows the statutory table: groups （一）…（五） in order, with their rows', () => {
    const g = answerGroups(OUTCOME_TABLE)
    expect(g.map((x) => x.key)).toEqual(['disclosed', 'partially_disclosed', 'not_disclosed', 'unable', 'not_processed'])
    expect(g.map((x) => x.label[0] + x.label[1] + x.label[2])).toEqual(['（一）', '（二）', '（三）', '（四）', '（五）'])
    expect(g[2].rows.map((r) => r.label)).toEqual([
      '1.属于国家秘密',
      '2.其他法律行政法规禁止公开',
      '3.危及“三安全一稳定”',
      '4.保护第三方合法权益',
      '5.属于三类内部事务信息',
      '6.属于四类过程性信息',
      '7.属于行政执法案卷',
      '8.属于行政查询事项',
    ])
    expect(g[3].rows).toHaveLength(3)
    expect(g[4].rows).toHaveLength(5)
  })

  it('offers answer outcomes only: no closures of group （六）', () => {
    const keys = answerGroups(OUTCOME_TABLE).flatMap((g) => g.rows.map((r) => r.key))
    expect(keys).toHaveLength(18)
    expect(keys.some((k) => k.startsWith('other.'))).toBe(false)
  })

  it('shows whole-group outcomes as a single choice', () => {
    const g = answerGroups(OUTCOME_TABLE)
    expect(g[0]).toMatchObject({ single: true })
    expect(g[1]).toMatchObject({ single: true })
    expect(g[2]).toMatchObject({ single: false })
  })

  it('copes with a missing table or missing groups', () => {
    expect(answerGroups(null)).toEqual([])
    const g = answerGroups({ items: OUTCOME_TABLE.items, groups: [] })
    expect(g.map((x) => x.key)).toEqual(['disclosed', 'partially_disclosed', 'not_disclosed', 'unable', 'not_processed'])
  })
})

describe('rules of the rows', () => {
  it('requires withheld reasons for partial disclosures and refusals (Arts 36(3), 37)', () => {
    expect(needsWithheldReasons('partially_disclosed')).toBe(true)
    expect(needsWithheldReasons('not_disclosed.third_party_rights')).toBe(true)
    expect(needsWithheldReasons('not_disclosed.state_secret')).toBe(true)
    expect(needsWithheldReasons('disclosed')).toBe(false)
    expect(needsWithheldReasons('unable.not_held')).toBe(false)
    expect(needsWithheldReasons('not_processed.repeat')).toBe(false)
    expect(needsWithheldReasons('')).toBe(false)
  })

  it('names another agency only for "本机关不掌握" (Art 36(5))', () => {
    expect(allowsReferral('unable.not_held')).toBe(true)
    expect(allowsReferral('unable.needs_creation')).toBe(false)
  })

  it('keeps "补正后仍不明确" for corrected applications (Art 30)', () => {
    expect(needsCorrection('unable.unclear_after_correction')).toBe(true)
    expect(rowAvailable('unable.unclear_after_correction', { corrected: false })).toBe(false)
    expect(rowAvailable('unable.unclear_after_correction', { corrected: true })).toBe(true)
    expect(rowAvailable('disclosed', { corrected: false })).toBe(true)
  })

  it('finds rows and groups', () => {
    expect(groupOf('not_disclosed.process_info')).toBe('not_disclosed')
    expect(findRow(OUTCOME_TABLE, 'not_processed.repeat')?.article).toBe('《条例》第三十六条第（六）项')
  })
})

describe('thirdPartyNoticeNeed (Art 32)', () => {
  it('requires the notice for a full disclosure over an objection', () => {
    expect(thirdPartyNoticeNeed('disclosed', 1)).toBe('required')
    expect(thirdPartyNoticeNeed('disclosed', 0)).toBe('none')
    expect(thirdPartyNoticeNeed('disclosed', undefined)).toBe('none')
  })

  it('allows it with a partial disclosure and refuses it otherwise', () => {
    expect(thirdPartyNoticeNeed('partially_disclosed', 2)).toBe('optional')
    expect(thirdPartyNoticeNeed('not_disclosed.third_party_rights', 2)).toBe('none')
    expect(thirdPartyNoticeNeed('unable.not_held', 1)).toBe('none')
    expect(thirdPartyNoticeNeed('', 1)).toBe('none')
  })
})
