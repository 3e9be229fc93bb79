import { afterEach, describe, expect, it } from 'vitest'
import type { FormItemRule } from 'element-plus'
import { setLocale } from '@/locales'
import * as r from './form-rules'

// run calls a rule's validator the way Element Plus does and returns the
// message, or '' when the value passes.
function run(rule: FormItemRule, value: string): string {
  let msg = ''
  ;(rule.validator as (rule: unknown, value: unknown, cb: (e?: Error) => void) => void)(rule, value, (e) => {
    msg = e?.message ?? ''
  })
  return msg
}

afterEach(() => setLocale('zh-CN'))

describe('form rules', () => {
  it('marks required items and says what is missing', () => {
    const rule = r.required('姓名')
    expect(rule.required).toBe(true)
    expect(run(rule, '  ')).toBe('请填写姓名')
    expect(run(rule, '李华')).toBe('')
  })

  it('checks a resident ID only when the document is a 居民身份证', () => {
    let idType = 'resident_id'
    const rule = r.idNumber(() => idType)
    expect(run(rule, '110105194912310021')).toBe('居民身份证号码无效（校验码或出生日期有误）')
    expect(run(rule, '11010519491231002X')).toBe('')
    idType = 'passport'
    expect(run(rule, 'E12345678')).toBe('')
    expect(run(rule, 'X'.repeat(33))).toBe('证件号码过长')
  })

  it('checks credit codes, mobiles and optional e-mail', () => {
    expect(run(r.creditCode(), '91350100M000100Y44')).toBe('统一社会信用代码无效')
    expect(run(r.creditCode(), '91350100M000100Y43')).toBe('')
    expect(run(r.mobile(), '+86 138-1234-5678')).toBe('')
    expect(run(r.mobile(), '12812345678')).toBe('请填写有效的手机号码（11 位）')
    expect(run(r.email(), '')).toBe('')
    expect(run(r.email(), 'not-an-address')).toBe('电子邮箱格式不正确')
  })

  it('applies the password policy against the current username', () => {
    const rule = r.password(() => 'lihua')
    expect(run(rule, 'short')).toBe('密码至少 8 位')
    expect(run(rule, 'my-lihua-pass')).toBe('密码不能包含用户名')
    expect(run(rule, 'Secret-pass-2026')).toBe('')
    expect(run(r.sameAs(() => 'a-password'), 'b-password')).toBe('两次输入的密码不一致')
  })

  it('speaks the UI language', () => {
    setLocale('en')
    expect(run(r.mobile(), '123')).toBe('Enter a valid mainland mobile number (11 digits)')
    expect(run(r.maxLength('Address', 3), 'abcd')).toBe('Address must be at most 3 characters')
  })
})
