// The officer's queue opens on the work: open cases only, soonest due
// first (overdue, urgent, warning, normal), concluded ones when asked; the
// filters fold into a search box and a "更多筛选" panel that remembers
// whether it was open; at 1366 × 768 the first case shows without
// scrolling, and the date-range pickers keep to their column.
import { act, beijingToday, logIn, registerCase, settle, token } from '../lib/staff.mjs'
import { workdaysAgo } from '../lib/reports.mjs'

export const name = 'queue: open cases first by due date, concluded ones when asked; filters fold away and remember; the first row shows at 1366 × 768'

const CONCLUDED = ['已答复', '已终止', '已归档']

export async function run({ page, baseURL, shot, expect }) {
  const tag = `队列${Date.now().toString(36)}`
  const officer = await token(baseURL, 'demo-officer')
  const supervisor = await token(baseURL, 'demo-supervisor')
  const make = async (label, n) => {
    const c = await registerCase(baseURL, officer, { title: `${tag} ${label}`, arrivedOn: n === 0 ? beijingToday() : await workdaysAgo(baseURL, n) })
    await act(baseURL, officer, c.id, 'accept')
    return c
  }
  // Registered in this order so that neither id nor receipt order is the due order.
  await make('正常', 0)
  await make('临近', 16)
  await make('逾期', 30)
  await make('即将到期', 19)
  // Concluded long ago: its due date is the earliest of all.
  const done = await registerCase(baseURL, officer, { title: `${tag} 已终止`, arrivedOn: await workdaysAgo(baseURL, 45) })
  await act(baseURL, supervisor, done.id, 'close', { outcome: 'other.other', reason: '申请人电话告知不再需要该信息' })

  await page.setViewportSize({ width: 1366, height: 768 })
  await logIn(page, expect, 'demo-officer')
  await page.evaluate(() => localStorage.removeItem('gongkai.queue.moreFilters'))
  await page.goto('/staff/cases')
  const table = page.getByTestId('queue-table')
  const rows = table.locator('tbody tr')
  await expect.visible(rows, 'a first row')
  await settle(page)
  await shot('default')

  // ---- the default list: open cases, soonest due first ----
  const statuses = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[3]?.innerText.trim()))
  const concluded = statuses.filter((s) => CONCLUDED.includes(s))
  expect.equal(concluded.length, 0, `concluded cases on the default page (${statuses.join(', ')})`)

  // The first row is on screen without scrolling.
  const first = await rows.first().boundingBox()
  expect.ok(first && first.y + first.height <= 768, `the first row ends at ${first && Math.round(first.y + first.height)} px, below the 768 px screen`)

  await page.getByTestId('queue-search').fill(tag)
  await page.getByTestId('queue-search').press('Enter')
  await expect.text(page.getByTestId('queue-total'), '共 4 件')
  const titles = async () => rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[2]?.innerText.split('\n')[0].trim()))
  await expect.poll(async () => (await titles()).length === 4, 'four rows')
  expect.equal((await titles()).join(' | '), ['逾期', '即将到期', '临近', '正常'].map((l) => `${tag} ${l}`).join(' | '), 'overdue, urgent, warning, normal')

  // ---- concluded cases when asked ----
  await page.getByTestId('queue-views').getByRole('tab', { name: '已办结' }).click()
  await expect.url(page, /state=concluded/)
  await expect.text(page.getByTestId('queue-total'), '共 1 件')
  await expect.text(table, `${tag} 已终止`)
  await page.getByTestId('queue-views').getByRole('tab', { name: '全部' }).click()
  await expect.text(page.getByTestId('queue-total'), '共 5 件')
  await page.getByTestId('queue-views').getByRole('tab', { name: '在办' }).click()
  await expect.url(page, /\/staff\/cases\?q=/)
  await expect.text(page.getByTestId('queue-total'), '共 4 件')

  // ---- the filters fold away and remember ----
  const more = page.getByTestId('queue-more')
  expect.equal(await more.getAttribute('aria-expanded'), 'false', 'more filters folded at first')
  await expect.hidden(page.getByTestId('queue-status'), 'status filter folded')
  await more.click()
  await expect.visible(page.getByTestId('queue-status'), 'status filter shown')
  expect.equal(await more.getAttribute('aria-expanded'), 'true', 'aria-expanded')
  await settle(page)
  await shot('more-filters')
  // Each date-range picker keeps to its column.
  const spill = await page.evaluate(() =>
    [...document.querySelectorAll('.gk-queue__range')].map((item) => {
      const col = item.getBoundingClientRect()
      const editor = item.querySelector('.el-date-editor').getBoundingClientRect()
      return Math.round(Math.max(editor.right - col.right, col.left - editor.left))
    }),
  )
  expect.ok(spill.length === 3 && spill.every((px) => px <= 1), `date pickers spill out of their column by ${spill.join(', ')} px`)
  await page.reload()
  await expect.visible(page.getByTestId('queue-status'), 'the panel stays open after a reload')
  await more.click()
  await expect.hidden(page.getByTestId('queue-status'), 'folded again')
  await page.reload()
  await expect.visible(rows, 'rows after reload')
  expect.equal(await more.getAttribute('aria-expanded'), 'false', 'stays folded after a reload')
}
