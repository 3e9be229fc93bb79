import { describe, expect, it } from 'vitest'
import { IdempotencyKeys, newIdempotencyKey } from './idempotency'

describe('idempotency keys', () => {
  it('makes UUIDs', () => {
    expect(newIdempotencyKey()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey())
  })

  it('keeps one key per body: a retry reuses it, an edit gets a new one', () => {
    const k = new IdempotencyKeys()
    const first = k.for({ title: 'a' })
    expect(k.for({ title: 'a' })).toBe(first)
    const second = k.for({ title: 'b' })
    expect(second).not.toBe(first)
    k.reset()
    expect(k.for({ title: 'b' })).not.toBe(second)
  })
})
