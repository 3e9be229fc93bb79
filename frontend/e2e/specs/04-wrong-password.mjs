export const name = 'a wrong password says so, and repeated failures show the lockout message'

// submit clicks the button and waits for the server's answer, so the
// message checked next is this attempt's and not the previous one's.
async function submit(page) {
  await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')), page.getByTestId('login-submit').click()])
}

export async function run({ page, shot, expect }) {
  await page.goto('/login')
  for (let i = 1; i <= 4; i++) {
    await page.getByLabel('用户名').fill('demo-officer2')
    await page.getByLabel('密码').fill(`wrong-password-${i}`)
    await submit(page)
    await expect.text(page.getByTestId('login-error'), '用户名或密码错误')
    if (i === 1) await shot('wrong-password')
  }
  // The fifth failure in a row locks the account (GONGKAI_LOCKOUT_ATTEMPTS=5).
  await page.getByLabel('用户名').fill('demo-officer2')
  await page.getByLabel('密码').fill('wrong-password-5')
  await submit(page)
  await expect.text(page.getByTestId('login-error'), '账号已锁定')
  // Even the right password is refused while locked.
  await page.getByLabel('密码').fill('gongkai-demo')
  await submit(page)
  await expect.text(page.getByTestId('login-error'), '分钟后再试')
  await shot('locked')
  expect.ok(page.url().endsWith('/login'), 'still on the login page')
}
