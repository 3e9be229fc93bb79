export const name = 'language switch to English keeps the Chinese legal terms and reaches the API'

export async function run({ page, shot, expect }) {
  await page.goto('/')
  await expect.visible(page.getByRole('heading', { level: 1, name: '政府信息公开申请' }))
  await page.getByTestId('toggle-language').click()
  await expect.visible(page.getByRole('heading', { level: 1, name: 'Apply for government information' }), 'English title')
  expect.equal(await page.evaluate(() => document.documentElement.lang), 'en', 'html lang')
  const guide = page.getByTestId('guide')
  await expect.text(guide, 'How to apply')
  await expect.text(guide, '补正')
  await expect.text(guide, '行政复议')
  await expect.text(guide, '20 working days')
  await expect.text(page.getByTestId('agencies'), 'Agencies and contacts')
  await shot('home-en')

  await page.reload()
  await expect.visible(page.getByRole('heading', { level: 1, name: 'Apply for government information' }), 'remembered after reload')

  // The server answers in the UI language (Accept-Language).
  await page.goto('/login')
  await page.getByLabel('Username').fill('demo-supervisor')
  await page.getByLabel('Password').fill('not-the-password')
  await page.getByTestId('login-submit').click()
  await expect.text(page.getByTestId('login-error'), 'wrong username or password')
  await shot('login-en')

  await page.getByTestId('toggle-language').click()
  await expect.visible(page.getByRole('heading', { level: 1, name: '用户登录' }), 'back to Chinese')
}
