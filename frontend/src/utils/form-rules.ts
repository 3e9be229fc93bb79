// Element Plus form rules built on the shared validators, with messages in
// the UI language. Build them inside a computed() so they follow a
// language switch.
import type { FormItemRule } from 'element-plus'
import { t } from '@/locales'
import { isCreditCode, isEmail, isMobile, isResidentID, isUsername, passwordProblem, runeLength } from './validators'

type Callback = (error?: Error) => void

function str(v: unknown): string {
  return typeof v === 'string' ? v : v == null ? '' : String(v)
}

function check(test: (value: string) => string | null, trigger: FormItemRule['trigger'] = 'blur'): FormItemRule {
  return {
    trigger,
    validator: (_rule: unknown, value: unknown, cb: Callback) => {
      const msg = test(str(value))
      if (msg) cb(new Error(msg))
      else cb()
    },
  }
}

/** required also marks the item with Element Plus's required asterisk. */
export function required(field: string, trigger: FormItemRule['trigger'] = 'blur'): FormItemRule {
  return { ...check((v) => (v.trim() === '' ? t('validation.required', { field }) : null), trigger), required: true }
}

export function selected(field: string): FormItemRule {
  return { ...check((v) => (v === '' ? t('validation.select', { field }) : null), 'change'), required: true }
}

export function maxLength(field: string, max: number): FormItemRule {
  return check((v) => (runeLength(v.trim()) > max ? t('validation.maxLength', { field, max }) : null))
}

/** lengthBetween requires a text of min to max characters (counted as
 * the server counts them); when() turns the rule off for fields shown
 * only sometimes. */
export function lengthBetween(field: string, min: number, max: number, when: () => boolean = () => true): FormItemRule {
  return {
    ...check((v) => {
      if (!when()) return null
      const n = runeLength(v.trim())
      if (n === 0) return t('validation.required', { field })
      if (n < min) return t('validation.minLength', { field, min })
      if (n > max) return t('validation.maxLength', { field, max })
      return null
    }),
    required: true,
  }
}

export function username(): FormItemRule {
  return check((v) => (v.trim() !== '' && !isUsername(v) ? t('validation.username') : null))
}

export function password(getUsername: () => string = () => ''): FormItemRule {
  return check((v) => {
    if (v === '') return null
    switch (passwordProblem(v, getUsername())) {
      case 'short':
        return t('validation.passwordLength')
      case 'long':
        return t('validation.passwordTooLong')
      case 'containsUsername':
        return t('validation.passwordContainsUsername')
    }
    return null
  })
}

export function sameAs(getOther: () => string): FormItemRule {
  return check((v) => (v !== '' && v !== getOther() ? t('validation.passwordMismatch') : null))
}

/** idNumber checks a 居民身份证 number fully, other documents for length. */
export function idNumber(getIdType: () => string): FormItemRule {
  return check((v) => {
    const s = v.trim()
    if (s === '') return null
    if (getIdType() === 'resident_id') return isResidentID(s) ? null : t('validation.residentId')
    return s.length > 32 ? t('validation.idTooLong') : null
  })
}

export function creditCode(): FormItemRule {
  return check((v) => (v.trim() !== '' && !isCreditCode(v) ? t('validation.creditCode') : null))
}

export function mobile(): FormItemRule {
  return check((v) => (v.trim() !== '' && !isMobile(v) ? t('validation.mobile') : null))
}

/** email is optional: only a filled-in address is checked. */
export function email(): FormItemRule {
  return check((v) => (v.trim() !== '' && !isEmail(v) ? t('validation.email') : null))
}
