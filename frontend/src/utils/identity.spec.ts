import { describe, expect, it } from 'vitest'
import { emptyIdentity, identityPayload } from './identity'

describe('identity payload', () => {
  it('sends a natural person with the ID normalised and no organisation fields', () => {
    const p = identityPayload({ ...emptyIdentity(), name: ' 李华 ', idNumber: '11010519491231002x', phone: '+86 139-0531-0099', email: ' ', orgCategory: 'research', creditCode: 'X' })
    expect(p).toEqual({ applicantType: 'natural', name: '李华', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13905310099', email: undefined, address: undefined })
  })

  it('sends an organisation with its code in capitals and no ID document', () => {
    const p = identityPayload({ ...emptyIdentity(), applicantType: 'organization', name: '莱芜区供热用户协会', orgCategory: 'public_welfare', creditCode: '51370100mj0000001x', legalRepresentative: '高峰', contactPerson: '李红', phone: '13905310199', idNumber: 'E1', address: '龙潭大街1号' })
    expect(p).toEqual({ applicantType: 'organization', name: '莱芜区供热用户协会', orgCategory: 'public_welfare', creditCode: '51370100MJ0000001X', legalRepresentative: '高峰', contactPerson: '李红', phone: '13905310199', email: undefined, address: '龙潭大街1号' })
  })

  it('keeps a passport number as typed (trimmed)', () => {
    expect(identityPayload({ ...emptyIdentity(), idType: 'passport', idNumber: ' E7654321 ', phone: '13905310188' }).idNumber).toBe('E7654321')
  })
})
