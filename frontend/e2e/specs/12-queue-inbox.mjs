// The officer's queue: saved views and filters in the URL, moving with the
// keyboard, ticking rows, assigning several cases at once (one fails and
// says why), opening a case with Enter; then the notification inbox.
import { act, api, beijingToday, logIn, logOut, registerCase, settle, token } from '../lib/staff.mjs'

export const name = 'queue: saved views and filters in the URL, j/k/x/Enter, bulk assign with a failure reported; inbox: unread first, mark all read; an assistance task (协办) answered by the other agency'

export async function run({ page, baseURL, shot, expect }) {
  const tag = `批量${Date.now().toString(36)}`
  const today = beijingToday()
  const officer = await token(baseURL, 'demo-officer')
  const supervisor = await token(baseURL, 'demo-supervisor')
  // Registered by the supervisor: nobody is assigned yet.
  const cases = []
  for (const n of ['一', '二', '三']) cases.push(await registerCase(baseURL, supervisor, { title: `${tag} 城区道路照明设施维护合同（${n}）`, arrivedOn: today }))
  // A message for the officer: the supervisor decides on their extension.
  const mine = await registerCase(baseURL, officer, { title: `${tag} 公共停车场收费标准`, arrivedOn: today })
  await act(baseURL, officer, mine.id, 'accept')
  await act(baseURL, officer, mine.id, 'request-extension', { days: 3, reason: '需征求价格主管部门意见。' })
  await act(baseURL, supervisor, mine.id, 'decide-extension', { approve: true })

  await logIn(page, expect, 'demo-officer')
  await page.getByTestId('menu-cases').click()
  await expect.url(page, /\/staff\/cases$/)
  const views = page.getByTestId('queue-views')
  await views.getByRole('tab', { name: '我的' }).click()
  await expect.url(page, /assignee=me/)
  await views.getByRole('tab', { name: '已逾期' }).click()
  await expect.url(page, /level=overdue/)
  await views.getByRole('tab', { name: '本周到期' }).click()
  await expect.url(page, /level=urgent%2Cwarning|level=urgent,warning/)
  await views.getByRole('tab', { name: '全部' }).click()
  await expect.url(page, /state=all/)
  await views.getByRole('tab', { name: '在办' }).click()
  await expect.url(page, /\/staff\/cases$/)

  await page.getByTestId('queue-search').fill(tag)
  await page.getByTestId('queue-search').press('Enter')
  await expect.url(page, /q=/)
  await expect.text(page.getByTestId('queue-total'), '共 4 件')
  // The filters survive a reload.
  await page.reload()
  await expect.text(page.getByTestId('queue-total'), '共 4 件')
  expect.equal(await page.getByTestId('queue-search').inputValue(), tag, 'search kept in the URL')

  // ---- keyboard ----
  const cursor = page.locator('tr.is-cursor')
  await expect.visible(cursor, 'first row has the cursor')
  const first = await cursor.innerText()
  await page.keyboard.press('j')
  await expect.poll(async () => (await cursor.innerText()) !== first, 'j moves down')
  await page.keyboard.press('k')
  await expect.poll(async () => (await cursor.innerText()) === first, 'k moves up')
  // Tick the three unassigned cases (the officer's own is listed too).
  const rows = page.getByTestId('queue-table').locator('tbody tr')
  for (let i = 0; i < 4; i++) {
    const text = await rows.nth(i).innerText()
    if (text.includes('城区道路照明设施维护合同')) {
      while (!(await rows.nth(i).evaluate((el) => el.classList.contains('is-cursor')))) await page.keyboard.press('ArrowDown')
      await page.keyboard.press('x')
    }
  }
  await expect.text(page.locator('.gk-queue__bulk'), '已选 3 件')
  await expect.poll(async () => (await page.getByTestId('queue-table').locator('tbody .el-checkbox.is-checked').count()) === 3, 'three rows ticked')
  await settle(page)
  await shot('queue-selected')

  // Meanwhile one of them is closed: assigning it will fail.
  await act(baseURL, supervisor, cases[2].id, 'close', { outcome: 'other.other', reason: '申请人电话告知不再需要该信息' })

  await page.getByTestId('bulk-assign').click()
  const dialog = page.getByTestId('bulk-dialog')
  await expect.visible(dialog, 'bulk dialog')
  await expect.text(dialog, '分配承办人（3 件）')
  await dialog.getByTestId('bulk-assignee').click()
  await page.getByRole('option', { name: '刘晓燕（我）' }).click()
  await dialog.getByTestId('bulk-run').click()
  await expect.text(page.getByTestId('bulk-result'), '成功 2 件，失败 1 件')
  await expect.text(page.getByTestId('bulk-result'), cases[2].trackingNumber)
  await settle(page)
  await shot('bulk-result')
  await page.keyboard.press('Escape')
  await expect.hidden(dialog, 'dialog closed')
  for (const c of cases.slice(0, 2)) {
    const fresh = await api(baseURL, officer, 'GET', `/applications/${c.id}`)
    expect.equal(fresh.assignee?.displayName, '刘晓燕', `${c.trackingNumber} assigned`)
  }

  // Enter opens the case under the cursor.
  await page.locator('main h1').click()
  await page.keyboard.press('Enter')
  await expect.url(page, /\/staff\/cases\/\d+$/)
  await expect.visible(page.getByTestId('case-title'), 'case opened')

  // ---- inbox ----
  await page.getByTestId('menu-inbox').click()
  await expect.url(page, /\/staff\/inbox$/)
  const list = page.getByTestId('inbox-list')
  await expect.text(list, '审批结果')
  expect.equal(await list.locator('li').first().getAttribute('data-unread'), 'true', 'unread first')
  await shot('inbox')
  await list.locator('li', { hasText: mine.trackingNumber }).first().getByRole('link', { name: '查看申请' }).click()
  await expect.url(page, new RegExp(`/staff/cases/${mine.id}$`))
  await page.goBack()
  await page.getByTestId('inbox-read-all').click()
  await expect.text(page.getByTestId('inbox-count'), '未读 0 条')

  // ---- assistance (协办): another agency's officer answers ----
  // An officer of 区自然资源局 (demo-officer2 is locked by the wrong-password spec).
  const admin = await token(baseURL, 'demo-admin')
  const zrj = `e2e-zrj-${Date.now().toString(36)}`
  await api(baseURL, admin, 'POST', '/admin/users', { username: zrj, password: 'Assist-pass-2026', role: 'officer', agencyId: 4, displayName: '韩静' })
  await act(baseURL, officer, mine.id, 'request-assistance', { agencyId: 4, question: '请提供该停车场用地的规划许可文件。' })
  await logOut(page, expect)
  await logIn(page, expect, zrj, 'Assist-pass-2026')
  await page.getByTestId('menu-assistance').click()
  await expect.url(page, /\/staff\/assistance$/)
  const tasks = page.getByTestId('assistance-table')
  await expect.text(tasks, '请提供该停车场用地的规划许可文件。')
  await expect.text(page.getByTestId('assistance-count'), '待回复 1 件')
  await shot('assistance')
  await tasks.getByRole('link', { name: new RegExp(`${tag} 公共停车场收费标准`) }).click()
  await expect.url(page, new RegExp(`/staff/cases/${mine.id}$`))
  // The assisting agency sees the request, not the applicant's contacts.
  await expect.visible(page.getByText('本机关因协办任务可查看此申请'), 'via assistance')
  expect.equal(await page.getByTestId('applicant-id').count(), 0, 'no identity number for the assisting agency')
  await page.getByTestId('action-reply-assistance').click()
  await page.getByTestId('form-reply-assistance').getByTestId('f-reply').fill('该地块规划许可文件见附件清单，原件存档于本局档案室。')
  await page.getByTestId('submit-reply-assistance').click()
  await expect.text(page.getByTestId('consultations'), '已回复')
  await expect.visible(page.getByTestId('no-actions'), 'nothing more to do')
}
