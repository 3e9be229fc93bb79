// An administrator makes a working day before an open case's due date a
// holiday; the case page then shows the due date one working day later.
// The year view marks holidays, 调休 and overrides, and flags years
// without an official schedule.
import { api, beijingToday, logIn, logOut, registerCase, settle, token, workdaysAfter, pickDate } from '../lib/staff.mjs'

export const name = 'admin: a calendar override (a holiday before an open case\'s due date) moves the case\'s due date by one working day'

function longDate(d) {
  const [y, m, day] = d.split('-').map(Number)
  return `${y}年${m}月${day}日`
}

export async function run({ page, baseURL, shot, expect }) {
  const today = beijingToday()
  const officer = await token(baseURL, 'demo-officer')
  const c = await registerCase(baseURL, officer, { title: `城区公厕改造项目验收报告 ${Date.now().toString(36)}`, arrivedOn: today })
  const due = c.clock.dueDate
  const [, , holiday] = await workdaysAfter(baseURL, today, 3)
  expect.ok(holiday < due, `the holiday ${holiday} falls before the due date ${due}`)
  const [newDue] = await workdaysAfter(baseURL, due, 1)

  try {
    // ---- the administrator ----
    await logIn(page, expect, 'demo-admin')
    await expect.url(page, /\/staff$/)
    await page.getByTestId('menu-admin-calendar').click()
    await expect.url(page, /\/staff\/admin\/calendar$/)
    await expect.visible(page.locator(`[data-date="${today}"]`), 'this year shown')
    const year = Number(today.slice(0, 4))
    // The National Day holidays are marked (a year with an official schedule).
    const natDay = page.locator(`[data-date="${year}-10-01"]`)
    if (await natDay.count()) expect.ok((await natDay.getAttribute('class')).includes('is-holiday'), 'National Day is a holiday')

    await page.getByTestId('override-add').click()
    const i = (await page.getByTestId('override-rows').locator('tbody tr').count()) - 1
    await pickDate(page, page.getByTestId(`override-date-${i}`), holiday)
    await page.getByTestId(`override-name-${i}`).fill('临时调整休息')
    await page.getByTestId(`override-reason-${i}`).fill('区政府临时安排（e2e）')
    // Saving first says how many open cases' due dates move, with a sample.
    await page.getByTestId('override-save').click()
    const preview = page.getByTestId('override-preview')
    await expect.text(preview.getByTestId('override-moved'), '件在办申请的答复期限发生变化')
    await expect.visible(preview.getByTestId('override-sample').locator('li'), 'a sample of the moved cases')
    await preview.getByTestId('override-confirm').click()
    await expect.visible(page.getByText(/已保存，\d+ 件在办申请的期限已重新计算/), 'saved')
    await expect.poll(async () => ((await page.locator(`[data-date="${holiday}"]`).getAttribute('class')) ?? '').includes('is-override'), 'the day shows the override')
    await settle(page)
    await shot('calendar')

    // A year without an official schedule is flagged.
    await page.getByTestId('calendar-year').click()
    await page.getByRole('option', { name: `${year + 2} 年` }).click()
    await expect.visible(page.getByTestId('calendar-provisional'), 'provisional year flagged')
    await logOut(page, expect)

    // ---- the officer sees the new due date ----
    await logIn(page, expect, 'demo-officer')
    await page.goto(`/staff/cases/${c.id}`)
    await expect.text(page.getByTestId('clock-due'), longDate(newDue))
    const after = await api(baseURL, officer, 'GET', `/applications/${c.id}`)
    expect.equal(after.clock.dueDate, newDue, `due date moved from ${due} by one working day`)
    await shot('case-moved')
  } finally {
    // A fresh token: logging the admin out of the browser above ended the
    // admin's access tokens (issue 4/10), this one's too.
    await api(baseURL, await token(baseURL, 'demo-admin'), 'PUT', '/admin/calendar/overrides', { overrides: [] })
  }
}
