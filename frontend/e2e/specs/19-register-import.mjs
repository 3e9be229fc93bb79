// 台账导入: a district-wide supervisor downloads the template, uploads an
// agency's register with a mistake, sees the error by row and column and
// the annotated workbook, cannot import all-or-nothing, uploads the fixed
// file, imports it after the confirmation dialog, and the agency's annual
// report counts the legacy cases; they carry the 历史导入 tag in the case
// list and on the case page, which offers no action.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { addDays, api, beijingToday, logIn, residentID, settle, token } from '../lib/staff.mjs'

export const name = 'register import: template, upload with an error shown by row and column, annotated workbook, fix, confirm, annual report and case list count the legacy cases'

const HEADERS = ['登记编号', '收到申请日期', '渠道', '申请人类型', '申请人姓名或名称', '证件号码', '联系方式', '申请内容', '是否补正', '补正后收到日期', '是否延期', '答复日期', '办理结果', '收费金额', '行政复议', '行政诉讼', '备注']

function csv(rows) {
  const cell = (v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)
  return [HEADERS, ...rows.map((r) => HEADERS.map((h) => r[h] ?? ''))].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
}

export async function run({ page, baseURL, shot, expect }) {
  const seq = Date.now().toString(36).toUpperCase()
  const today = beijingToday()
  const received = addDays(today, -40)
  const answered = addDays(today, -30)
  const year = Number(received.slice(0, 4))
  const sup = await token(baseURL, 'demo-supervisor')
  const agency = (await api(baseURL, sup, 'GET', '/agencies')).items.find((a) => a.code === 'SWJ')
  const rows = [
    { 登记编号: `${seq}-1`, 收到申请日期: received, 渠道: '当面', 申请人类型: '自然人', 申请人姓名或名称: '赵立新', 证件号码: residentID(71), 联系方式: '13905310101', 申请内容: `申请公开汶河治理工程竣工验收报告 ${seq}`, 答复日期: answered, 办理结果: '（一）予以公开' },
    { 登记编号: `${seq}-2`, 收到申请日期: received, 渠道: '网上申请', 申请人类型: '商业企业', 申请人姓名或名称: '山东某某水利工程有限公司', 申请内容: `申请公开2025年度水利项目招标文件 ${seq}`, 答复日期: answered, 办理结果: '不公开' },
    { 登记编号: `${seq}-3`, 收到申请日期: received, 渠道: '平信', 申请人类型: '自然人', 申请人姓名或名称: '钱秀英', 申请内容: `申请公开农村饮水安全工程资金使用情况 ${seq}` },
  ]
  const dir = mkdtempSync(join(tmpdir(), 'gk-register-'))
  const bad = join(dir, `水务局台账-${seq}.csv`)
  writeFileSync(bad, csv(rows))

  // The agency's annual report before the import.
  await logIn(page, expect, 'demo-supervisor')
  const newCell = page.getByTestId('annual-table3').locator('tr[data-row="new"] td[data-col="total"]')
  await page.goto(`/staff/reports/annual?year=${year}&agency=${agency.id}`)
  await expect.text(page.getByTestId('annual-title'), agency.name)
  const before = Number(await newCell.innerText())

  await page.getByTestId('menu-reports-register-import').click()
  await expect.url(page, /\/staff\/reports\/register-import/)
  const [tpl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('register-template').click()])
  expect.ok(tpl.suggestedFilename().endsWith('.xlsx'), `template file name (${tpl.suggestedFilename()})`)
  expect.equal(readFileSync(await tpl.path()).subarray(0, 2).toString('latin1'), 'PK', 'the template is a workbook')

  // Without an agency the form says so; then the register with a mistake.
  await page.getByTestId('register-file').setInputFiles(bad)
  await page.getByTestId('register-upload').click()
  await expect.text(page.locator('.el-form-item__error').first(), '请选择机关')
  await page.getByTestId('register-agency').click()
  await page.getByRole('option', { name: agency.name }).click()
  await page.getByTestId('register-upload').click()
  const preview = page.getByTestId('import-preview')
  await expect.text(page.getByTestId('import-status'), '待确认', 20_000)
  expect.equal(await page.getByTestId('count-total').innerText(), '3', 'three rows read')
  expect.equal(await page.getByTestId('count-errors').innerText(), '1', 'one error')
  await expect.text(page.getByTestId('import-errors'), '第3行「办理结果」：无法识别"不公开"，请使用年度报告的行名')
  await expect.text(page.getByTestId('import-errors'), '办理结果')
  await settle(page)
  await shot('errors')
  const [marked] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-annotated').click()])
  expect.ok(marked.suggestedFilename().includes('错误标注'), `annotated file name (${marked.suggestedFilename()})`)
  expect.equal(readFileSync(await marked.path()).subarray(0, 2).toString('latin1'), 'PK', 'the annotated file is a workbook')
  // All or nothing is refused while a row has errors.
  await page.getByTestId('mode-all-or-nothing').click()
  await expect.text(page.getByTestId('import-blocked'), '不能导入')
  expect.ok(await page.getByTestId('import-confirm').isDisabled(), 'confirm disabled')

  // The fixed register: three valid rows, imported all or nothing.
  rows[1].办理结果 = '（三）不予公开 4.保护第三方合法权益'
  const good = join(dir, `水务局台账-${seq}-已更正.csv`)
  writeFileSync(good, csv(rows))
  await page.getByTestId('register-file').setInputFiles(good)
  await page.getByTestId('register-upload').click()
  await expect.text(preview, '已更正', 20_000)
  await expect.text(page.getByTestId('import-status'), '待确认', 20_000)
  expect.equal(await page.getByTestId('count-errors').innerText(), '0', 'no error left')
  expect.equal(await page.getByTestId('count-new').innerText(), '3', 'three new cases')
  await page.getByTestId('mode-all-or-nothing').click()
  await page.getByTestId('import-confirm').click()
  const dialog = page.locator('.gk-import-confirm')
  await expect.text(dialog, '新增 3 件')
  await settle(page)
  await shot('confirm')
  await dialog.getByRole('button', { name: '导入' }).click()
  await expect.text(page.getByTestId('import-result'), '新增 3 件', 30_000)
  await expect.text(page.getByTestId('import-status'), '已导入')
  await settle(page)
  await shot('imported')

  // The annual report counts them.
  await page.goto(`/staff/reports/annual?year=${year}&agency=${agency.id}`)
  await expect.text(page.getByTestId('annual-title'), agency.name)
  await expect.text(newCell, String(before + 3))
  expect.equal(await page.getByTestId('checks-status').getAttribute('data-ok'), 'true', 'all checks pass on the mix')
  await expect.text(page.getByTestId('annual-imported'), '其中历史导入的申请')
  await settle(page)
  await shot('annual')

  // Marked 历史导入 in the case list and on the case page, read-only.
  await page.goto(`/staff/cases?q=${seq}&agency=${agency.id}&state=all`)
  const tags = page.getByTestId('queue-table').getByTestId('legacy-tag')
  await expect.visible(tags, 'the legacy tag in the case list')
  expect.equal(await tags.count(), 3, 'three legacy cases listed')
  await page.getByTestId('queue-table').locator('a.gk-mono').first().click()
  await expect.visible(page.getByTestId('legacy-source'), 'the register source on the case page')
  await expect.text(page.getByTestId('legacy-tag'), '历史导入')
  await expect.text(page.getByTestId('legacy-source'), `水务局台账-${seq}-已更正.csv`)
  await expect.text(page.locator('.gk-caseshell'), '从台账导入')
  await settle(page)
  await shot('case')
}
