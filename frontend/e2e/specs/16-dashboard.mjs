// The supervisor's deadline dashboard (期限督办): the tiles, the period
// figures, the overdue list, the load tables and both charts render; a
// figure opens the case queue with its filters, and the queue's total is
// the figure — for the overdue and open tiles, a period figure, an
// officer's cell and a month of the trend, district-wide and for one
// agency. The export is a workbook.
import { readFileSync } from 'node:fs'
import { act, beijingToday, logIn, registerCase, settle, token } from '../lib/staff.mjs'
import { answer, workdaysAgo } from '../lib/reports.mjs'

export const name = 'dashboard: tiles, charts and tables render; overdue, open, period, officer and trend figures open the queue with the same total; XLSX export'

const LAW = '《中华人民共和国政府信息公开条例》'

export async function run({ page, baseURL, shot, expect }) {
  const seq = Date.now().toString(36)
  const officer = await token(baseURL, 'demo-officer')
  const supervisor = await token(baseURL, 'demo-supervisor')
  // Overdue: received 30 working days ago and accepted. Answered today.
  const late = await registerCase(baseURL, officer, { title: `城区背街小巷整治工程量清单 ${seq}`, arrivedOn: await workdaysAgo(baseURL, 30) })
  await act(baseURL, officer, late.id, 'accept')
  const done = await registerCase(baseURL, officer, { title: `城区公交站台建设规划 ${seq}`, arrivedOn: beijingToday() })
  await act(baseURL, officer, done.id, 'accept')
  await answer(baseURL, officer, supervisor, done.id, { outcome: 'disclosed', legalBasis: `${LAW}第三十六条第（二）项`, text: '经查，您申请的城区公交站台建设规划属于本机关公开范围，现予以公开。' })

  await logIn(page, expect, 'demo-supervisor')
  // The supervisor's home shows the district's traffic lights too.
  await page.getByTestId('menu-home').click()
  await expect.text(page.getByTestId('deadline-tiles'), '已逾期')
  await page.getByTestId('menu-reports-deadlines').click()
  await expect.url(page, /\/staff\/reports\/deadlines$/)
  const tiles = page.getByTestId('deadline-tiles')
  await expect.visible(tiles, 'tiles')
  expect.equal(await tiles.locator('li').count(), 8, 'eight tiles')
  await expect.visible(page.getByTestId('tile-overdue').locator('xpath=self::*[contains(@class,"is-overdue")]'), 'the overdue tile is dark red')
  await expect.visible(page.getByTestId('overdue-list').getByText(`城区背街小巷整治工程量清单 ${seq}`), 'the late case in the overdue list')
  await expect.visible(page.getByTestId('trend').locator('canvas'), 'the trend chart')
  await expect.visible(page.getByTestId('outcomes').locator('canvas'), 'the outcomes chart')
  await expect.visible(page.getByTestId('load-agencies-1'), 'the agency line')
  await settle(page, 800)
  // Hovering the trend chart opens its tooltip, drawn on the canvas: no
  // Content-Security-Policy violation (the runner fails on any).
  const trend = await page.getByTestId('trend').locator('canvas').first().boundingBox()
  await page.mouse.move(trend.x + trend.width * 0.6, trend.y + trend.height * 0.6)
  await settle(page, 400)
  await shot('dashboard')

  const count = async (testid) => Number(await page.getByTestId(testid).locator('[data-testid=tile-count]').innerText())
  const queueTotal = async (n, what) => {
    await expect.url(page, /\/staff\/cases\?/)
    await expect.text(page.getByTestId('queue-total'), `共 ${n} 件`)
    expect.ok(true, what)
  }

  // The overdue tile: the queue lists exactly those cases.
  const overdue = await count('tile-overdue')
  expect.ok(overdue >= 1, `overdue cases counted (${overdue})`)
  await page.getByTestId('tile-overdue').click()
  await queueTotal(overdue, 'overdue')
  await expect.url(page, /level=overdue/)
  await expect.text(page.getByTestId('queue-table'), `城区背街小巷整治工程量清单 ${seq}`)
  await settle(page)
  await shot('queue-overdue')
  await page.goBack()

  // The open tile.
  const open = await count('tile-open')
  expect.ok(open >= overdue, `open (${open}) includes overdue`)
  await page.getByTestId('tile-open').click()
  await queueTotal(open, 'open')
  await page.goBack()

  // A period figure: concluded on time in the period.
  const onTime = Number(await page.getByTestId('period-onTime').innerText())
  expect.ok(onTime >= 1, 'concluded on time')
  await page.getByTestId('period-onTime').click()
  await expect.url(page, /onTime=true/)
  await queueTotal(onTime, 'on time')
  await page.goBack()

  // An officer's overdue cell.
  const officerCell = page.getByTestId('load-officers').locator('tbody tr', { hasText: '刘晓燕' }).first().locator('td').nth(4).locator('a')
  const mine = Number(await officerCell.innerText())
  await officerCell.click()
  await expect.url(page, /assignee=\d+/)
  await queueTotal(mine, 'officer overdue')
  await page.goBack()

  // This month's concluded applications, from the trend's table.
  await page.getByTestId('trend').getByText('以表格查看').click()
  const month = page.getByTestId('trend-table').locator('tbody tr').last()
  const concluded = month.locator('td').nth(1).locator('a')
  const n = Number(await concluded.innerText())
  expect.ok(n >= 1, 'concluded this month')
  await concluded.click()
  await expect.url(page, /concludedFrom=/)
  await queueTotal(n, 'this month concluded')
  await page.goBack()

  // One agency: the figures and the queue follow it.
  await page.getByTestId('pick-agency').click()
  await page.getByRole('option', { name: '济南市莱芜区人民政府办公室' }).click()
  await expect.url(page, /agency=1/)
  await expect.text(page.getByRole('heading', { level: 2, name: /在办申请时限状态/ }), '济南市莱芜区人民政府办公室')
  const agencyOpen = await count('tile-open')
  await page.getByTestId('tile-open').click()
  await expect.url(page, /agency=1/)
  await queueTotal(agencyOpen, 'agency open')
  await page.goBack()

  // The export is a workbook.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()])
  expect.equal(readFileSync(await xlsx.path()).subarray(0, 2).toString('latin1'), 'PK', 'the XLSX export starts with PK')
}
