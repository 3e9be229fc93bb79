import { describe, expect, it } from 'vitest'
import type { Case } from '@/api/cases'
import { ACTION_SPECS, arrivedOn, correctionDeliveries, defaultBody, initialModel, type Ctx, type Model } from './action-specs'

// The bodies the plain action forms send for the steps the law's corners
// added or changed: what the server takes, nothing it would refuse.

function ctx(cs: Partial<Case> = {}): Ctx {
  const base = {
    id: 1,
    arrivedAt: '2026-12-01T01:30:00Z',
    applicant: { type: 'natural', name: '周敏' },
    state: {},
    clock: { dueDate: '2026-12-29' },
  } as unknown as Case
  return { cs: { ...base, ...cs } as Case, today: '2026-12-04', agencies: [], staff: [] }
}

function body(action: string, c: Ctx, values: Model = {}): Record<string, unknown> {
  const spec = ACTION_SPECS[action]
  const m = { ...initialModel(spec, c), ...values }
  return spec.body ? spec.body(m, c) : defaultBody(spec, m, c)
}

const note = (action: string, prop: string, c: Ctx, m: Model) => ACTION_SPECS[action].fields.find((f) => f.prop === prop)?.note?.(m, c)

describe('confirm-receipt (Art 31)', () => {
  it('reads the arrival day in Beijing time', () => {
    expect(arrivedOn(ctx({ arrivedAt: '2026-11-30T17:30:00Z' }))).toBe('2026-12-01')
  })

  it('sends a reason only for a confirmation later than the arrival', () => {
    const c = ctx()
    expect(body('confirm-receipt', c, { confirmedOn: '2026-12-01', unreachableReason: '无关' })).toEqual({ confirmedOn: '2026-12-01' })
    expect(body('confirm-receipt', c, { confirmedOn: '2026-12-03', unreachableReason: ' 申请人电话停机 ' })).toEqual({ confirmedOn: '2026-12-03', unreachableReason: '申请人电话停机' })
    expect(body('confirm-receipt', c, { confirmedOn: '2026-12-03' })).toEqual({ confirmedOn: '2026-12-03' })
  })

  it('says which day becomes the date of receipt', () => {
    const c = ctx()
    expect(note('confirm-receipt', 'confirmedOn', c, { confirmedOn: '2026-12-01' })).toBeUndefined()
    expect(note('confirm-receipt', 'confirmedOn', c, { confirmedOn: '2026-12-03', unreachableReason: '' })).toEqual({ key: 'act.confirm-receipt.receiptIsArrival', params: { date: '2026-12-01' } })
    expect(note('confirm-receipt', 'confirmedOn', c, { confirmedOn: '2026-12-03', unreachableReason: '电话停机' })).toEqual({ key: 'act.confirm-receipt.receiptIsConfirmation', params: { date: '2026-12-03' } })
  })
})

describe('request-correction (Art 30)', () => {
  it('goes online by default for an applicant with an account, with no period of its own', () => {
    const c = ctx({ applicant: { type: 'natural', name: '张明', accountId: 2, email: 'z@example.cn' } })
    const m = initialModel(ACTION_SPECS['request-correction'], c)
    expect(m.delivery).toBe('online')
    expect(m.periodDays).toBeUndefined()
    expect(body('request-correction', c, { items: [' 请写明年份 ', ''] })).toEqual({ items: ['请写明年份'], periodDays: undefined, delivery: 'online' })
    expect(correctionDeliveries(c).map((o) => o.value)).toEqual(['online', 'email', 'in_person', 'post'])
  })

  it('makes the officer choose for a paper applicant, never online, e-mail only with an address', () => {
    const c = ctx()
    const spec = ACTION_SPECS['request-correction']
    const delivery = spec.fields.find((f) => f.prop === 'delivery')!
    expect(initialModel(spec, c).delivery).toBe('')
    expect((delivery.required as (m: Model, c: Ctx) => boolean)({}, c)).toBe(true)
    expect(correctionDeliveries(c).map((o) => o.value)).toEqual(['in_person', 'post'])
    expect(body('request-correction', c, { items: ['请写明年份'], delivery: 'post', periodDays: 10 })).toEqual({ items: ['请写明年份'], periodDays: 10, delivery: 'post' })
    expect(note('request-correction', 'delivery', c, { delivery: 'post' })).toEqual({ key: 'act.request-correction.postNote' })
    expect(note('request-correction', 'delivery', c, { delivery: 'in_person' })).toBeUndefined()
  })
})

describe('the new actions', () => {
  it('records the day a posted correction notice arrived', () => {
    const c = ctx({ state: { correction: { items: ['x'], periodDays: 10, noticeOn: '2026-12-02', delivery: 'post' } } })
    const f = ACTION_SPECS['record-correction-delivery'].fields[0]
    expect(f.dateMin?.(c, {})).toBe('2026-12-02')
    expect(f.dateMax?.(c, {})).toBe('2026-12-04')
    expect(body('record-correction-delivery', c, { receivedOn: '2026-12-03' })).toEqual({ receivedOn: '2026-12-03' })
  })

  it('sends a 督办 note and the Art 32 notice as entered', () => {
    expect(body('urge', ctx(), { text: ' 请于 3 个工作日内报送答复草稿 ' })).toEqual({ text: '请于 3 个工作日内报送答复草稿' })
    const c = ctx()
    const date = ACTION_SPECS['notify-third-party'].fields.find((f) => f.prop === 'disclosureDate')!
    expect(date.dateMin?.(c, {})).toBe('2026-12-04')
    expect(date.dateMax?.(c, {})).toBe('2027-12-04')
    expect(body('notify-third-party', c, { reasons: '该信息涉及公共安全，不公开将对公共利益造成重大影响。', disclosureDate: '2026-12-21' })).toEqual({
      reasons: '该信息涉及公共安全，不公开将对公共利益造成重大影响。',
      disclosureDate: '2026-12-21',
    })
  })
})
