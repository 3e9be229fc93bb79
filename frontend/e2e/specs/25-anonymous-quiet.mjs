// A visitor who never logged in (or logged out) costs the server no
// refresh attempt and the console no error: no request fails on the
// public pages. A signed-in user's reload still restores the session.
import { logIn, logOut } from '../lib/staff.mjs'

export const name = 'anonymous pages make no refresh request and no failing request; a signed-in reload still restores the session'

const PAGES = ['/', '/track', '/track?trackingNumber=&queryCode=', '/login', '/register', '/no-such-page']

export async function run({ page, shot, expect }) {
  const failed = []
  const refreshes = []
  const errors = []
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.request().method()} ${r.url()}`)
  })
  page.on('request', (r) => {
    if (r.url().includes('/auth/refresh')) refreshes.push(r.url())
  })
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  const visit = async (label) => {
    for (const p of PAGES) {
      await page.goto(p)
      await expect.visible(page.getByRole('heading', { level: 1 }), `${p} rendered`)
      await page.waitForLoadState('networkidle')
    }
    expect.equal(refreshes.length, 0, `${label}: refresh requests`)
    expect.equal(failed.join('\n'), '', `${label}: failed requests`)
    expect.equal(errors.join('\n'), '', `${label}: console errors`)
  }

  await visit('a first visit')
  await shot('home')

  // Logged in, a reload restores the session through the refresh cookie.
  await logIn(page, expect, 'demo-applicant')
  await page.reload()
  await expect.text(page.getByTestId('header-user'), '张明')
  expect.ok(refreshes.length >= 1, 'the reload refreshed the session')

  // Logged out, the public pages are quiet again.
  await logOut(page, expect)
  refreshes.length = 0
  await visit('after logging out')
}
