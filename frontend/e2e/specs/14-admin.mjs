// Administration: run a job now from the jobs page and see its run; create
// an officer's account; the audit log records it; agencies and the
// (read-only) settings.
import { logIn, settle } from '../lib/staff.mjs'

export const name = 'admin: run a job from the jobs page, create an account, audit log, agencies, settings'

export async function run({ page, shot, expect }) {
  const username = `e2e-off-${Date.now().toString(36)}`
  await logIn(page, expect, 'demo-admin')
  await expect.url(page, /\/staff$/)
  await expect.text(page.locator('main'), '系统管理员负责账号')
  // Case pages are not for administrators.
  expect.equal(await page.getByTestId('menu-cases').count(), 0, 'no case menu for admins')

  // ---- jobs ----
  await page.getByTestId('menu-admin-jobs').click()
  await expect.url(page, /\/staff\/admin\/jobs$/)
  const job = page.getByTestId('job-deadline-sweep')
  await expect.text(job, '每天 8–18 时')
  await job.getByTestId('job-run-deadline-sweep').click()
  await expect.visible(page.getByText(/deadline-sweep 已运行/), 'ran')
  await expect.text(job.getByTestId('job-runs-deadline-sweep'), '手动')
  await expect.text(job.getByTestId('job-runs-deadline-sweep'), '成功')
  await settle(page)
  await shot('jobs')

  // ---- users ----
  await page.getByTestId('menu-admin-users').click()
  await page.getByTestId('user-create').click()
  const dialog = page.getByTestId('user-dialog')
  await dialog.getByTestId('user-username').fill(username)
  await dialog.getByTestId('user-password').fill('Officer-pass-2026')
  await dialog.getByTestId('user-agency').click()
  await page.getByRole('option', { name: '济南市莱芜区人民政府办公室' }).click()
  await dialog.getByTestId('user-display-name').fill('王海涛')
  await dialog.getByTestId('user-save').click()
  await expect.hidden(dialog, 'dialog closed')
  await page.getByTestId('user-search').fill(username)
  await page.getByTestId('user-search').press('Enter')
  await expect.text(page.getByTestId('users-table'), '王海涛')
  await expect.text(page.getByTestId('users-table'), '承办人员')
  await shot('users')

  // ---- audit, agencies, settings ----
  await page.getByTestId('menu-admin-audit').click()
  await expect.text(page.getByTestId('audit-table'), 'user.create')
  await shot('audit')
  await page.getByTestId('menu-admin-agencies').click()
  await expect.text(page.getByTestId('agencies-table'), '济南市莱芜区自然资源局')
  await page.getByTestId('menu-admin-settings').click()
  await expect.text(page.getByTestId('settings-schedules'), 'notification-delivery')
  // Settings safe to edit online: change the default correction period,
  // see it kept after a reload, then put it back.
  const period = page.locator('[data-testid="setting-correctionPeriodDays"] input, input[data-testid="setting-correctionPeriodDays"]')
  const waitValue = async (v, what) => {
    for (let i = 0; i < 50; i++) {
      if ((await period.inputValue()) === v) return
      await page.waitForTimeout(100)
    }
    throw new Error(`${what}: ${await period.inputValue()}`)
  }
  await waitValue('10', 'default correction period')
  await period.fill('12')
  await period.press('Tab')
  await page.getByTestId('settings-save').click()
  await expect.visible(page.locator('.el-message--success'), 'saved message')
  await shot('settings')
  await page.reload()
  await waitValue('12', 'correction period kept after a reload')
  await period.fill('10')
  await period.press('Tab')
  await page.getByTestId('settings-save').click()
  await expect.visible(page.locator('.el-message--success'), 'saved again')
}
