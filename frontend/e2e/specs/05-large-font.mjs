export const name = 'large-text mode (适老化) toggles, enlarges the text and is remembered'

const rootSize = (page) => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))
const headingSize = (page) => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('h1')).fontSize))

export async function run({ page, shot, expect }) {
  await page.goto('/')
  await expect.visible(page.getByRole('heading', { level: 1 }))
  const toggle = page.getByTestId('toggle-large-font')
  expect.equal(await toggle.getAttribute('aria-pressed'), 'false', 'aria-pressed before')
  const before = await headingSize(page)
  expect.equal(await rootSize(page), 16, 'root font size')

  await toggle.click()
  await expect.poll(async () => (await rootSize(page)) === 20, 'root font size becomes 20px')
  expect.equal(await toggle.getAttribute('aria-pressed'), 'true', 'aria-pressed after')
  expect.ok((await headingSize(page)) > before, 'the heading grows')
  expect.ok(await page.evaluate(() => document.documentElement.classList.contains('gk-large')), 'html.gk-large')
  await shot('large')

  await page.reload()
  await expect.visible(page.getByRole('heading', { level: 1 }))
  expect.equal(await rootSize(page), 20, 'remembered after reload')
  await page.goto('/register')
  await expect.visible(page.getByRole('heading', { level: 1, name: '申请人注册' }))
  // What users type grows too (Element Plus keeps its inputs at 14 px).
  const typed = await page.getByLabel('用户名').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  expect.ok(typed >= 18, `the username input's text is ${typed} px in large-text mode`)
  await page.getByLabel('用户名').fill('zhang-ming')
  await shot('large-register')

  await page.getByTestId('toggle-large-font').click()
  await expect.poll(async () => (await rootSize(page)) === 16, 'back to 16px')
}
