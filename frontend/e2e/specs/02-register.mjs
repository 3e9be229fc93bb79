export const name = 'register a natural person, get logged in and sent to the application form, see the masked ID on the profile'

export async function run({ page, shot, expect }) {
  const username = `e2e-${Date.now().toString(36)}`
  const password = 'Secret-pass-2026'

  await page.goto('/register')
  await expect.visible(page.getByRole('heading', { level: 1, name: '申请人注册' }))

  // The organisation switch shows the organisation's fields and checks
  // the 统一社会信用代码 as the server does.
  await page.getByText('法人或其他组织', { exact: true }).click()
  await expect.visible(page.getByLabel('统一社会信用代码'), 'credit code field')
  await page.getByLabel('统一社会信用代码').fill('91350100M000100Y44')
  await page.getByLabel('统一社会信用代码').blur()
  await expect.visible(page.locator('.el-form-item.is-error', { hasText: '统一社会信用代码无效' }), 'credit code error')
  await shot('organization')
  await page.getByText('自然人', { exact: true }).click()
  await expect.hidden(page.getByLabel('统一社会信用代码'), 'credit code field')

  await page.getByLabel('姓名').fill('李华')
  // A wrong check digit is caught before submitting (GB 11643).
  await page.getByLabel('证件号码').fill('110105194912310021')
  await page.getByLabel('证件号码').blur()
  await expect.visible(page.locator('.el-form-item.is-error', { hasText: '居民身份证号码无效' }), 'resident ID error')
  await page.getByLabel('证件号码').fill('11010519491231002x')
  await page.getByLabel('手机号码').fill('+86 139-0531-0099')
  await page.getByLabel('电子邮箱（选填）').fill('lihua@example.com')
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码', { exact: true }).fill(password)
  await page.getByLabel('确认密码').fill(password)
  await page.getByLabel('确认密码').blur()
  expect.equal(await page.locator('.el-form-item.is-error').count(), 0, 'form errors before submit')
  await shot('form')

  await page.getByTestId('register-submit').click()
  // Registered and logged in, the applicant goes on to apply.
  await expect.url(page, /\/apply$/)
  await expect.text(page.getByTestId('header-user'), '李华')
  await page.getByTestId('header-user').click()
  await expect.url(page, /\/profile$/)
  await expect.text(page.getByTestId('profile-username'), username)
  await expect.text(page.getByTestId('profile-idNumber'), '110105********002X')
  await expect.text(page.getByTestId('profile-phone'), '13905310099')
  const body = await page.locator('body').innerText()
  expect.ok(!body.includes('11010519491231002X'), 'the full ID number must not appear')
  await shot('profile')

  // Contact details can be changed afterwards; identity numbers cannot.
  await page.locator('input[data-testid="contact-address"], [data-testid="contact-address"] input').fill('济南市莱芜区凤城街道新兴路 8 号')
  await page.locator('input[data-testid="contact-email"], [data-testid="contact-email"] input').fill('li.hua@example.com')
  await page.getByTestId('contact-save').click()
  await expect.text(page.getByTestId('profile-email'), 'li.hua@example.com')
  await page.reload()
  await expect.text(page.getByTestId('profile-address'), '济南市莱芜区凤城街道新兴路 8 号')
  await shot('profile-edited')
}
