import { describe, expect, it } from 'vitest'
import { answerBody, includesThirdPartyNotice, type AnswerValues } from './answer-body'

// draft-answer carries the Art 32 notice exactly when the server wants
// it: a full disclosure over an objection (required), a partial one when
// the officer discloses the objected part too (optional), never otherwise.

const values = (v: Partial<AnswerValues> = {}): AnswerValues => ({
  outcome: 'disclosed',
  legalBasis: ' 《中华人民共和国政府信息公开条例》第三十二条 ',
  text: ' 经审查，决定予以公开。 ',
  withheldReasons: '',
  referralAgencyName: '',
  referralContact: '',
  notifyThirdParty: false,
  thirdPartyNotice: { reasons: ' 不公开将对公共利益造成重大影响。 ', disclosureDate: '2026-12-21' },
  ...v,
})

describe('answerBody', () => {
  it('includes the third-party notice for a disclosure over an objection', () => {
    const b = answerBody(values(), [7], 1)
    expect(b).toMatchObject({ outcome: 'disclosed', legalBasis: '《中华人民共和国政府信息公开条例》第三十二条', text: '经审查，决定予以公开。', attachments: [7] })
    expect(b.thirdPartyNotice).toEqual({ reasons: '不公开将对公共利益造成重大影响。', disclosureDate: '2026-12-21' })
  })

  it('leaves it out with no objection, or for an answer that discloses nothing', () => {
    expect(answerBody(values(), [], 0).thirdPartyNotice).toBeUndefined()
    expect(answerBody(values(), [], undefined).thirdPartyNotice).toBeUndefined()
    const refused = answerBody(values({ outcome: 'not_disclosed.third_party_rights', withheldReasons: '涉及第三方商业秘密。' }), [], 2)
    expect(refused.thirdPartyNotice).toBeUndefined()
    expect(refused.withheldReasons).toBe('涉及第三方商业秘密。')
  })

  it('includes it with a partial disclosure only when the officer discloses the objected part', () => {
    const partial = values({ outcome: 'partially_disclosed', withheldReasons: '第三方不同意公开的部分不予公开。' })
    expect(includesThirdPartyNotice(partial, 1)).toBe(false)
    expect(answerBody(partial, [], 1).thirdPartyNotice).toBeUndefined()
    expect(answerBody({ ...partial, notifyThirdParty: true }, [], 1).thirdPartyNotice).toEqual({ reasons: '不公开将对公共利益造成重大影响。', disclosureDate: '2026-12-21' })
    // Ticked, but no objection on record: still not sent.
    expect(answerBody({ ...partial, notifyThirdParty: true }, [], 0).thirdPartyNotice).toBeUndefined()
  })

  it('keeps the referral and withheld rules as before', () => {
    const b = answerBody(values({ outcome: 'unable.not_held', referralAgencyName: ' 区档案馆 ', referralContact: ' ', withheldReasons: '不应发送' }), [], 0)
    expect(b).toMatchObject({ referralAgencyName: '区档案馆', referralContact: undefined, withheldReasons: undefined, attachments: undefined })
    expect(answerBody(values({ outcome: 'unable.not_held', referralAgencyId: 3, referralAgencyName: '区档案馆' }), [], 0)).toMatchObject({ referralAgencyId: 3 })
  })
})
