// Dates in one format: 2026年12月4日 in prose (the clock in words, the
// timeline), 2026-12-04 in tables and inputs, times as 12月4日 10:09;
// never 2026/12/04 nor a time without its day in words.
import { act, api, logIn, logOut, settle, token } from '../lib/staff.mjs'

export const name = 'dates: Chinese dates in prose, ISO dates in tables, times as 12月4日 10:09, on the staff and the applicant case pages'

const SLASHED = /\d{4}\/\d{1,2}\/\d{1,2}/
const ISO = /\d{4}-\d{2}-\d{2}/
const PROSE = /\d{4}年\d{1,2}月\d{1,2}日/
async function checkPage(page, expect, label) {
  const main = await page.locator('main').innerText()
  expect.ok(!SLASHED.test(main), `${label}: a date with slashes: ${main.match(SLASHED)?.[0]}`)
  const times = [...main.matchAll(/(?:\d{4}年)?\d{1,2}月\d{1,2}日\s?\d{2}:\d{2}|\d{2}:\d{2}/g)].map((m) => m[0])
  const bare = times.filter((s) => !/日\s?\d{2}:\d{2}$/.test(s))
  expect.equal(bare.join(', '), '', `${label}: times without their day in words`)
  const words = await page.getByTestId('clock-words').innerText()
  expect.ok(PROSE.test(words) && !ISO.test(words), `${label}: the clock in words says ${JSON.stringify(words)}`)
  const timeline = await page.getByTestId('timeline').innerText()
  expect.ok(!ISO.test(timeline), `${label}: an ISO date in the timeline: ${timeline.match(ISO)?.[0]}`)
  expect.ok(/\d{1,2}月\d{1,2}日 \d{2}:\d{2}/.test(timeline), `${label}: the timeline's times read 12月4日 10:09`)
}

export async function run({ page, baseURL, shot, expect }) {
  const applicant = await token(baseURL, 'demo-applicant')
  const c = await api(baseURL, applicant, 'POST', '/applications', {
    agencyId: 1,
    title: `日期格式${Date.now().toString(36)} 城区道路挖掘许可审批结果`,
    description: '请公开2025年度本区城区道路挖掘许可的审批结果，包括申请单位、挖掘位置和期限。',
    formats: ['electronic'],
    delivery: 'online',
  })
  const officer = await token(baseURL, 'demo-officer')
  await act(baseURL, officer, c.id, 'accept')

  // ---- staff: the case page, the queue ----
  await logIn(page, expect, 'demo-officer')
  await page.goto(`/staff/cases/${c.id}`)
  await expect.visible(page.getByTestId('case-title'), 'case page')
  await settle(page)
  await shot('staff-case')
  await checkPage(page, expect, 'staff case page')
  // The clock panel's dates are prose too.
  expect.ok(PROSE.test(await page.getByTestId('clock-receipt').innerText()), 'receipt date in words')

  await page.goto(`/staff/cases?q=${encodeURIComponent(c.trackingNumber)}`)
  const row = page.getByTestId('queue-table').locator('tbody tr').first()
  await expect.text(row, c.trackingNumber)
  const cells = await row.innerText()
  expect.ok(ISO.test(cells) && !PROSE.test(cells), `queue row dates are ISO: ${JSON.stringify(cells)}`)
  await logOut(page, expect)

  // ---- the applicant's case page ----
  await logIn(page, expect, 'demo-applicant')
  await page.goto(`/my/applications/${c.id}`)
  await expect.visible(page.getByTestId('clock-words'), 'applicant case page')
  await settle(page)
  await shot('applicant-case')
  await checkPage(page, expect, 'applicant case page')
}
