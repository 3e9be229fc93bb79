// The supervisor's annual report (政府信息公开工作年度报告): cases answered,
// refused, withdrawn and closed this year (set up through the API) give a
// table 三 whose checks are all green, with the official merged headers,
// and a table 四 with the pending 行政复议; the XLSX export is a real
// workbook, the print view opens; last year is locked for good (the
// dialog says so), and a case received last year but registered only now
// shows as a correction beside the published figures.
import { readFileSync } from 'node:fs'
import { beijingToday, logIn, registerCase, settle } from '../lib/staff.mjs'
import { seedReportCases } from '../lib/reports.mjs'

export const name = 'annual report: checks green on cases made through the API, merged headers, XLSX export (PK), print view, lock last year and see a correction'

export async function run({ page, baseURL, shot, expect }) {
  const seq = Date.now().toString(36)
  const year = Number(beijingToday().slice(0, 4))
  const { officer } = await seedReportCases(baseURL, seq)

  await logIn(page, expect, 'demo-supervisor')
  await page.getByTestId('menu-reports-annual').click()
  await expect.url(page, /\/staff\/reports\/annual/)
  // Last year by default (the report published by 31 March); pick this one.
  await expect.text(page.getByTestId('annual-title'), `${year - 1} 年度`)
  await page.getByTestId('annual-year').click()
  await page.getByRole('option', { name: `${year} 年度` }).click()
  await expect.url(page, new RegExp(`year=${year}`))
  await expect.text(page.getByTestId('annual-title'), `本级人民政府（全部机关汇总） ${year} 年度`)

  // The checks: every rule green for every column and row.
  const checks = page.getByTestId('annual-checks')
  await expect.text(page.getByTestId('checks-status'), '项校验通过')
  expect.equal(await page.getByTestId('checks-status').getAttribute('data-ok'), 'true', 'all checks pass')
  expect.ok((await checks.locator('[data-testid=check-item][data-ok=true]').count()) >= 21, 'a green mark per column and row')
  expect.equal(await checks.locator('[data-testid=check-item][data-ok=false]').count(), 0, 'no red check')

  // Table 三 with the official header and the cases counted.
  const t3 = page.getByTestId('annual-table3')
  await expect.text(t3.locator('thead'), '本列数据的勾稽关系为')
  expect.equal(await t3.locator('thead th', { hasText: '申请人情况' }).getAttribute('colspan'), '7', '申请人情况 spans the seven columns')
  expect.equal(await t3.locator('thead th', { hasText: '法人或其他组织' }).getAttribute('colspan'), '5', '法人或其他组织 over its five columns')
  expect.equal(await t3.locator('thead th', { hasText: '自然人' }).getAttribute('rowspan'), '2', '自然人 down two rows')
  const cell = (row, col) => t3.locator(`tr[data-row="${row}"] td[data-col="${col}"]`)
  expect.ok(Number(await cell('new', 'total').innerText()) >= 5, 'new applications counted')
  expect.ok(Number(await cell('not_disclosed.third_party_rights', 'public_welfare').innerText()) >= 1, 'the association’s refusal under 社会公益组织')
  expect.ok(Number(await cell('other.withdrawn', 'natural').innerText()) >= 2, 'withdrawn and closed under （六）3')
  await expect.visible(t3.locator('tr.is-header', { hasText: '（三）不予公开' }), '（三） is a header row')
  const t4 = page.getByTestId('annual-table4')
  await expect.text(t4.locator('thead'), '未经复议直接起诉')
  await expect.text(t4.locator('thead'), '复议后起诉')
  expect.ok(Number(await t4.locator('td[data-col="reconsideration.pending"]').innerText()) >= 1, 'the 行政复议 pending')
  await settle(page)
  await shot('annual')

  // XLSX: a download that is a zip (an Office Open XML workbook).
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('annual-xlsx').click()])
  expect.ok(xlsx.suggestedFilename().endsWith('.xlsx'), `xlsx file name (${xlsx.suggestedFilename()})`)
  const bytes = readFileSync(await xlsx.path())
  expect.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'the workbook starts with PK')
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('annual-csv').click()])
  expect.ok(readFileSync(await csv.path(), 'utf8').includes('三、收到和处理政府信息公开申请情况'), 'the CSV has table 三')

  // The print view: the server's A4 page in the notice viewer.
  await page.getByTestId('annual-print').click()
  await expect.visible(page.getByTestId('notice-dialog'), 'print view')
  const frame = page.frameLocator('[data-testid=notice-frame]')
  await expect.text(frame.locator('h1'), `${year}年政府信息公开工作年度报告`)
  await expect.text(frame.locator('body'), '四、政府信息公开行政复议、行政诉讼情况')
  await settle(page)
  await shot('print')
  await page.keyboard.press('Escape')
  await expect.hidden(page.getByTestId('notice-dialog'), 'print view closed')

  // Lock last year: the dialog says it is final.
  await page.getByTestId('annual-year').click()
  await page.getByRole('option', { name: `${year - 1} 年度` }).click()
  await expect.text(page.getByTestId('annual-title'), `${year - 1} 年度`)
  await expect.visible(page.getByTestId('annual-draft'), 'not locked yet')
  await page.getByTestId('annual-lock').click()
  const confirm = page.locator('.gk-lock-confirm')
  await expect.text(confirm, '不能解锁或修改')
  await settle(page)
  await shot('lock-confirm')
  await confirm.getByRole('button', { name: '确定锁定（不可撤销）' }).click()
  await expect.text(page.getByTestId('annual-locked'), '锁定发布')
  await expect.hidden(page.getByTestId('annual-lock'), 'no lock button on a locked year')
  await expect.text(page.getByTestId('annual-corrections'), '锁定后没有数字变化')

  // A letter that arrived last December, registered only now: the
  // published figures stay, the current ones show beside them.
  await registerCase(baseURL, officer, { title: `迟到登记的上年来信 ${seq}`, arrivedOn: `${year - 1}-12-15` })
  await page.reload()
  await expect.text(page.getByTestId('annual-locked'), '锁定发布')
  await expect.visible(page.getByTestId('annual-correction'), 'a correction beside a published figure')
  await expect.text(page.getByTestId('annual-corrections'), '一、本年新收政府信息公开申请数量')
  await settle(page)
  await shot('locked-corrections')
}
