// Identity and contact validators. They mirror app/ident.go and
// app/auth.go rule for rule, and both sides are tested against the same
// vectors (app/testdata/ident_vectors.json), so the form says what the
// server would say before the applicant submits.

// GB 11643-1999: weights of the first 17 digits and the check characters.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

function ymd(d: Date): number {
  return d.getFullYear() * 10000 + (d.getMonth() + 1) * 100 + d.getDate()
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
  return d <= days[m - 1]
}

/** normalizeResidentID trims and upper-cases (a lower-case x is accepted). */
export function normalizeResidentID(s: string): string {
  return s.trim().toUpperCase()
}

/** isResidentID checks a 居民身份证 number: 18 characters, first digit
 * 1–9, a GB 11643 check character, and a real date of birth from 1900 up
 * to today. today defaults to the local date. */
export function isResidentID(value: string, today: Date = new Date()): boolean {
  const s = normalizeResidentID(value)
  if (s.length !== 18 || s[0] < '1' || s[0] > '9') return false
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const c = s.charCodeAt(i) - 48
    if (c < 0 || c > 9) return false
    sum += c * ID_WEIGHTS[i]
  }
  if (s[17] !== ID_CHECK[sum % 11]) return false
  const y = Number(s.slice(6, 10))
  const m = Number(s.slice(10, 12))
  const d = Number(s.slice(12, 14))
  if (!isRealDate(y, m, d) || y < 1900) return false
  return y * 10000 + m * 100 + d <= ymd(today)
}

// GB 32100-2015: the alphabet (no I, O, Z, S, V) and the weights.
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** isCreditCode checks a 统一社会信用代码: 18 characters of the GB 32100
 * alphabet with a valid check character (lower case is normalised). */
export function isCreditCode(value: string): boolean {
  const s = value.trim().toUpperCase()
  if (s.length !== 18) return false
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARS.indexOf(s[i])
    if (v < 0) return false
    sum += v * CREDIT_WEIGHTS[i]
  }
  return s[17] === CREDIT_CHARS[(31 - (sum % 31)) % 31]
}

const MOBILE_RE = /^1[3-9][0-9]{9}$/

/** normalizeMobile strips spaces, dashes and a +86 prefix. */
export function normalizeMobile(value: string): string {
  let s = value.trim().replace(/[ -]/g, '')
  if (s.startsWith('+86')) s = s.slice(3)
  return s
}

/** isMobile checks a mainland mobile number (11 digits, 13–19 prefix). */
export function isMobile(value: string): boolean {
  return MOBILE_RE.test(normalizeMobile(value))
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** isEmail is a plain shape check, at most 128 characters. */
export function isEmail(value: string): boolean {
  const s = value.trim()
  return s.length <= 128 && EMAIL_RE.test(s)
}

const USERNAME_RE = /^[a-z0-9][a-z0-9_.-]{2,31}$/

/** isUsername checks a new username the way the server does (it lower-cases first). */
export function isUsername(value: string): boolean {
  const u = value.trim().toLowerCase()
  return USERNAME_RE.test(u) && u !== 'system'
}

export type PasswordProblem = 'short' | 'long' | 'containsUsername'

/** passwordProblem applies the password policy: 8–72 bytes (UTF-8), not
 * containing the username (case-insensitive). */
export function passwordProblem(password: string, username = ''): PasswordProblem | null {
  const bytes = new TextEncoder().encode(password).length
  if (bytes < 8) return 'short'
  if (bytes > 72) return 'long'
  const u = username.trim().toLowerCase()
  if (u && password.toLowerCase().includes(u)) return 'containsUsername'
  return null
}

/** runeLength counts characters as the server does (code points). */
export function runeLength(s: string): number {
  return Array.from(s).length
}

/** maskIdentity shows the first six and last four characters of an
 * identity number (370102********1234); shorter ones keep their last two. */
export function maskIdentity(s: string): string {
  const r = Array.from(s)
  if (r.length === 0) return ''
  if (r.length > 10) return r.slice(0, 6).join('') + '*'.repeat(r.length - 10) + r.slice(-4).join('')
  if (r.length > 2) return '*'.repeat(r.length - 2) + r.slice(-2).join('')
  return '*'.repeat(r.length)
}
