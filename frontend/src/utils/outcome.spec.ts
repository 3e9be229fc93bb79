import { afterEach, describe, expect, it } from 'vitest'
import { setLocale } from '@/locales'
import { outcomeText, stripNumbering } from './outcome'
import { actionName, eventDetails, statusName } from './timeline'

afterEach(() => setLocale('zh-CN'))

describe('outcomeText', () => {
  it('names whole-group outcomes by their group', () => {
    expect(outcomeText('disclosed', '（一）予以公开')).toBe('予以公开')
    expect(outcomeText('partially_disclosed', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）')).toBe('部分公开')
  })

  it('puts the group before a row', () => {
    expect(outcomeText('not_disclosed.third_party_rights', '4.保护第三方合法权益')).toBe('不予公开：保护第三方合法权益')
    expect(outcomeText('unable.not_held', '1.本机关不掌握相关政府信息')).toBe('无法提供：本机关不掌握相关政府信息')
  })

  it('says closures in plain words', () => {
    expect(outcomeText('other.withdrawn', '3.其他')).toBe('申请人撤回申请')
    expect(outcomeText('other.correction_lapsed')).toBe('逾期未补正，终止处理')
  })

  it('falls back to the server label for unknown keys', () => {
    expect(outcomeText('new_group.x', '9.新情形')).toBe('新情形')
    expect(outcomeText(undefined, '（一）予以公开')).toBe('予以公开')
  })

  it('strips row numbering', () => {
    expect(stripNumbering('（三）不予公开')).toBe('不予公开')
    expect(stripNumbering('2.重复申请')).toBe('重复申请')
  })

  it('keeps the Chinese term in English', () => {
    setLocale('en')
    expect(outcomeText('disclosed', '（一）予以公开')).toBe('Disclosed (予以公开)')
  })
})

describe('timeline words', () => {
  it('translates action and status names, hyphens and all', () => {
    expect(actionName('request-correction')).toBe('补正告知')
    expect(actionName('confirm-receipt')).toBe('确认收到')
    expect(actionName('suggest-conversion')).toBe('建议主动公开')
    expect(actionName('something-new')).toBe('something-new')
    expect(statusName('correction_requested')).toBe('待补正')
  })

  it('lists the public details of an event', () => {
    expect(eventDetails({ seq: 2, at: '2026-11-30T01:00:00Z', action: 'request-correction', data: { items: ['请写明年份'], periodDays: 10, periodEnds: '2026-12-14' } })).toEqual([
      '补正事项：请写明年份',
      '补正期限 2026年12月14日',
    ])
    expect(eventDetails({ seq: 6, at: '', action: 'decide-answer', data: { outcome: 'disclosed', answeredOn: '2026-11-30' } }, () => '（一）予以公开')).toEqual(['办理结果：予以公开'])
    expect(eventDetails({ seq: 7, at: '', action: 'record-payment', data: { paidOn: '2026-12-01', amount: 100 } })).toEqual(['已缴 100 元（2026年12月1日）'])
    expect(eventDetails({ seq: 8, at: '', action: 'accept' })).toEqual([])
  })
})
