export const name = 'home page shows 申请须知, the agencies and the progress lookup'

export async function run({ page, shot, expect }) {
  await page.goto('/')
  await expect.visible(page.getByRole('heading', { level: 1, name: '政府信息公开申请' }), 'page title')

  const guide = page.getByTestId('guide')
  await expect.text(guide, '申请须知')
  await expect.text(guide, '申请人的姓名或者名称、身份证明、联系方式') // Art 29
  await expect.text(guide, '20个工作日') // Art 33
  await expect.text(guide, '国办函〔2020〕109号') // Art 42
  await expect.text(guide, '行政复议') // Art 51
  await expect.text(guide, '行政诉讼')

  const agencies = page.getByTestId('agencies')
  await expect.text(agencies, '济南市莱芜区人民政府办公室')
  await expect.text(agencies, '0531-76211000')
  await expect.text(agencies, 'zfb@laiwu.example.gov.cn')
  expect.equal(await agencies.locator('tbody tr').count(), 13, 'agency rows')
  await shot('home')

  // The lookup box leads to /track with both values in the query.
  await page.getByLabel('查询号').fill('GK-2026-000001')
  await page.getByLabel('查询码').fill('ABCD1234')
  await page.getByRole('button', { name: '查询', exact: true }).click()
  await expect.url(page, /\/track\?trackingNumber=GK-2026-000001&queryCode=ABCD1234$/)
  await expect.text(page.getByTestId('track-not-found'), '未找到，请核对查询号和查询码')
  expect.equal(await page.getByLabel('查询号').inputValue(), 'GK-2026-000001', 'track form keeps the number')
  await shot('track-not-found')
}
