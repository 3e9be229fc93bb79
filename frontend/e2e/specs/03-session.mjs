export const name = 'log in as demo-applicant, survive a reload, log out, log in again through a guarded page'

async function login(page, username, password) {
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(password)
  await page.getByTestId('login-submit').click()
}

export async function run({ page, baseURL, shot, expect }) {
  await page.goto('/login')
  await expect.visible(page.getByRole('heading', { level: 1, name: '用户登录' }))
  await login(page, 'demo-applicant', 'gongkai-demo')
  await expect.url(page, `${baseURL}/`)
  await expect.text(page.getByTestId('header-user'), '张明')

  // The access token lives in memory only: a reload restores the session
  // from the httpOnly refresh cookie.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))
  expect.ok(!/eyJ/.test(stored), 'no token in web storage')
  await page.reload()
  await expect.text(page.getByTestId('header-user'), '张明')

  await page.getByTestId('header-user').click()
  await expect.url(page, /\/profile$/)
  await expect.text(page.getByTestId('profile-idNumber'), '371202********2037')
  await shot('profile')

  await page.getByTestId('logout').click()
  await expect.visible(page.getByTestId('header-login'), 'login link after logout')
  await page.reload()
  await expect.visible(page.getByTestId('header-login'), 'still logged out after a reload')

  // A guarded page sends us to the login page and back.
  await page.goto('/my/applications')
  await expect.url(page, /\/login\?redirect=(%2F|\/)my(%2F|\/)applications$/)
  await shot('login-redirect')
  await login(page, 'demo-applicant', 'gongkai-demo')
  await expect.url(page, /\/my\/applications$/)
  await expect.visible(page.getByRole('heading', { level: 1, name: '我的申请' }))
  await shot('my-applications')
}
