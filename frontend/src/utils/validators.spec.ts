import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isCreditCode, isEmail, isMobile, isResidentID, isUsername, maskIdentity, normalizeMobile, passwordProblem } from './validators'

// The same vectors drive app/ident_test.go: both sides must agree.
interface Case {
  value: string
  valid?: boolean
  note?: string
  normalized?: string
  masked?: string
}
interface Vectors {
  today: string
  residentId: Case[]
  creditCode: Case[]
  mobile: Case[]
  mask: Case[]
}

// frontend/src/utils → ../app/testdata from frontend/.
const vectorsPath = resolve(dirname(fileURLToPath(import.meta.url)), '../../../app/testdata/ident_vectors.json')
const vectors = JSON.parse(readFileSync(vectorsPath, 'utf8')) as Vectors
const [y, m, d] = vectors.today.split('-').map(Number)
const today = new Date(y, m - 1, d)

describe('shared identity vectors', () => {
  it('has vectors', () => {
    expect(vectors.residentId.length).toBeGreaterThan(0)
    expect(vectors.creditCode.length).toBeGreaterThan(0)
    expect(vectors.mobile.length).toBeGreaterThan(0)
    expect(vectors.mask.length).toBeGreaterThan(0)
  })

  it.each(vectors.residentId)('resident ID $value ($note) valid=$valid', (c) => {
    expect(isResidentID(c.value, today)).toBe(c.valid)
  })

  it.each(vectors.creditCode)('credit code $value ($note) valid=$valid', (c) => {
    expect(isCreditCode(c.value)).toBe(c.valid)
  })

  it.each(vectors.mobile)('mobile $value valid=$valid', (c) => {
    expect(isMobile(c.value)).toBe(c.valid)
    if (c.normalized) expect(normalizeMobile(c.value)).toBe(c.normalized)
  })

  it.each(vectors.mask)('mask $value', (c) => {
    expect(maskIdentity(c.value)).toBe(c.masked)
  })
})

describe('resident ID dates', () => {
  it('accepts a birth date of today and refuses tomorrow', () => {
    // 110105 + 20261129 + 002 → check digit computed by the validator's rule.
    const first17 = '11010520261129002'
    const withCheck = (f: string) => {
      const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
      const sum = [...f].reduce((s, ch, i) => s + Number(ch) * w[i], 0)
      return f + '10X98765432'[sum % 11]
    }
    expect(isResidentID(withCheck(first17), new Date(2026, 10, 29))).toBe(true)
    expect(isResidentID(withCheck(first17), new Date(2026, 10, 28))).toBe(false)
  })
})

describe('account rules', () => {
  it.each([
    ['zhang.san', true],
    ['ZhangSan', true],
    ['ab', false],
    ['-abc', false],
    ['system', false],
    ['a'.repeat(33), false],
  ])('username %s → %s', (u, ok) => {
    expect(isUsername(u)).toBe(ok)
  })

  it('applies the password policy', () => {
    expect(passwordProblem('short')).toBe('short')
    expect(passwordProblem('x'.repeat(73))).toBe('long')
    expect(passwordProblem('我的密码很长很长', '')).toBeNull() // 24 bytes
    expect(passwordProblem('zhangsan-2026', 'ZhangSan')).toBe('containsUsername')
    expect(passwordProblem('correct horse battery', 'zhangsan')).toBeNull()
  })

  it('checks e-mail shape', () => {
    expect(isEmail('a@example.com')).toBe(true)
    expect(isEmail('a@b')).toBe(false)
    expect(isEmail('')).toBe(false)
  })
})
