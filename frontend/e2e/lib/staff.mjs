// Helpers for the staff specs: the API as a member of staff (to set up
// cases), logging in and out through the UI, dates relative to the
// server's today (China Standard Time) and working days from its calendar.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const PASSWORD = 'gongkai-demo'

export async function api(baseURL, token, method, path, body) {
  const headers = { Accept: 'application/json', 'Accept-Language': 'zh-CN' }
  if (token) headers.Authorization = `Bearer ${token}`
  let payload
  if (body instanceof FormData) payload = body
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  const res = await fetch(`${baseURL}/api/v1${path}`, { method, headers, body: payload })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
  return text ? JSON.parse(text) : null
}

export async function token(baseURL, username) {
  return (await api(baseURL, null, 'POST', '/auth/login', { username, password: PASSWORD })).accessToken
}

export async function act(baseURL, tk, id, action, body = {}) {
  const c = await api(baseURL, tk, 'GET', `/applications/${id}`)
  return api(baseURL, tk, 'POST', `/applications/${id}/actions/${action}`, { ...body, version: c.version })
}

/** beijingToday is today's date in China Standard Time, as the server counts. */
export function beijingToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
}

export function addDays(date, n) {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10)
}

/** days returns the server calendar's days between from and to. */
export async function days(baseURL, from, to) {
  return (await api(baseURL, null, 'GET', `/calendar/days?from=${from}&to=${to}`)).items
}

/** workdaysBefore lists the working days before today, nearest first. */
export async function workdaysBefore(baseURL, today, n) {
  const ds = await days(baseURL, addDays(today, -40), addDays(today, -1))
  return ds.filter((d) => d.workday).map((d) => d.date).reverse().slice(0, n)
}

export async function workdaysAfter(baseURL, from, n) {
  const ds = await days(baseURL, addDays(from, 1), addDays(from, 60))
  return ds.filter((d) => d.workday).map((d) => d.date).slice(0, n)
}

// residentID builds a valid 居民身份证 number (GB 11643 check digit).
export function residentID(seq) {
  const body = `110105198001${String(1 + (seq % 28)).padStart(2, '0')}${String(seq % 1000).padStart(3, '0')}`
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i], 0)
  return body + '10X98765432'[sum % 11]
}

// creditCode completes 17 characters into a valid 统一社会信用代码 (GB 32100).
export function creditCode(body) {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
  const sum = [...body].reduce((s, c, i) => s + chars.indexOf(c) * w[i], 0)
  return body + chars[(31 - (sum % 31)) % 31]
}

export function pdf(dir, name, text) {
  const p = join(dir, name)
  writeFileSync(p, `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`)
  return p
}

/** register files an in-person application through the API as staff. */
export async function registerCase(baseURL, tk, { title, arrivedOn, agencyId = 1, description, applicant }) {
  return api(baseURL, tk, 'POST', '/applications', {
    agencyId,
    title,
    description: description ?? '请公开2025年度该项目的资金安排、拨付和使用明细，包括各项目的内容和金额。',
    formats: ['paper'],
    delivery: 'pickup',
    channel: 'in_person',
    // Today: a minute ago (the server refuses arrivals in the future).
    arrivedAt: arrivedOn === beijingToday() ? new Date(Date.now() - 60_000).toISOString() : `${arrivedOn}T09:30:00+08:00`,
    applicant: applicant ?? { applicantType: 'natural', name: '周敏', idType: 'passport', idNumber: 'E7654321', phone: '13905310188' },
  })
}

// settle waits for drawer, dialog and message transitions before a screenshot.
export const settle = (page, ms = 500) => page.waitForTimeout(ms)

export async function logIn(page, expect, username, password = PASSWORD) {
  await page.goto('/login')
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(password)
  await page.getByTestId('login-submit').click()
  await expect.visible(page.getByTestId('header-user'), `logged in as ${username}`)
}

export async function logOut(page, expect) {
  await page.getByTestId('logout').click()
  await expect.visible(page.getByTestId('header-login'), 'logged out')
}

/** pickDate types a date into the Element Plus date picker inside locator
 * (its wrapper carries the test id) and confirms it. */
export async function pickDate(page, locator, value) {
  const input = locator.locator('input').first()
  await input.click()
  await input.fill(value)
  await input.press('Enter')
  // Not Escape: inside a drawer or dialog it would close it.
  await page.waitForTimeout(200)
}

/** dateValue is the text in the date picker inside locator. */
export async function dateValue(locator) {
  return locator.locator('input').first().inputValue()
}

/** unlabelled lists visible form controls in main without an accessible name. */
export async function unlabelled(page, scope = 'main') {
  return page.evaluate(
    (sel) =>
      [...document.querySelectorAll(`${sel} input:not([type=hidden]):not([hidden]), ${sel} select, ${sel} textarea`)]
        .filter((el) => el.offsetParent !== null)
        .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
        .map((el) => el.outerHTML.slice(0, 140)),
    scope,
  )
}

/** zhDate writes a YYYY-MM-DD date as the UI writes dates in prose
 * (2026年12月4日; src/utils/format.ts dateText). */
export function zhDate(date) {
  const [y, m, d] = date.split('-').map(Number)
  return `${y}年${m}月${d}日`
}
