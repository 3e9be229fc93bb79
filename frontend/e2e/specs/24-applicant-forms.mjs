// The applicant's forms help instead of hindering: registering lands on
// 提交申请 (or where the user was going); a taken username is said on the
// username field, which gets the focus; 大字模式 enlarges what is typed;
// the title shows a character counter instead of cutting at 200; the
// agency search puts the best match first and Enter picks it; an upload
// the server refuses says why.
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { residentID } from '../lib/staff.mjs'

export const name = 'applicant forms: land on 提交申请 after registering, taken username on its field, large text in inputs, title counter, agency search, the upload refusal in the server’s words'

const PASSWORD = 'Secret-pass-2026'

async function fillRegistration(page, username, seq) {
  await page.getByLabel('姓名').fill('王芳')
  await page.getByLabel('证件号码').fill(residentID(seq))
  await page.getByLabel('手机号码').fill('13905310123')
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD)
  await page.getByLabel('确认密码').fill(PASSWORD)
}

const fontSize = (locator) => locator.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))

export async function run({ page, shot, expect }) {
  const seq = Date.now() % 100000
  const stamp = Date.now().toString(36)

  // ---- a taken username: on its field, with the focus ----
  await page.goto('/register')
  await expect.visible(page.getByRole('heading', { level: 1, name: '申请人注册' }))
  await fillRegistration(page, 'demo-applicant', seq)
  await page.getByTestId('register-submit').click()
  const item = page.locator('.el-form-item', { has: page.getByLabel('用户名') })
  await expect.text(item.locator('.el-form-item__error'), '用户名已存在')
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name') === 'username'), 'the username field has the focus')
  await shot('username-taken')

  // ---- where the user was going ----
  await page.goto('/my/applications')
  await expect.url(page, /\/login\?redirect=/)
  await page.getByRole('link', { name: '立即注册' }).click()
  await expect.url(page, /\/register\?redirect=/)
  await fillRegistration(page, `e2e-go-${stamp}`, seq + 1)
  await page.getByTestId('register-submit').click()
  await expect.url(page, /\/my\/applications$/)
  await page.getByTestId('logout').click()
  await expect.visible(page.getByTestId('header-login'), 'logged out')

  // ---- registering lands on 提交申请 ----
  await page.goto('/register')
  await fillRegistration(page, `e2e-new-${stamp}`, seq + 2)
  await page.getByTestId('register-submit').click()
  await expect.url(page, /\/apply$/)
  await expect.visible(page.getByRole('heading', { level: 1, name: '提交政府信息公开申请' }), 'the application form')

  // ---- the agency search: the best match first, Enter picks it ----
  const agency = page.getByTestId('apply-agency')
  await agency.click()
  await page.keyboard.type('民政')
  const options = page.locator('.el-select-dropdown__item:visible')
  await expect.poll(async () => (await options.count()) > 0, 'matching agencies listed')
  await expect.text(options.first(), '济南市莱芜区民政局')
  await shot('agency-search')
  await page.keyboard.press('Enter')
  await expect.visible(page.getByTestId('agency-contacts'), 'the agency is picked')
  await expect.text(page.getByTestId('agency-contacts'), '济南市莱芜区民政局')
  await page.getByTestId('apply-next').click()

  // ---- the title counts its characters and does not cut ----
  const title = page.getByTestId('apply-title')
  const counter = page.getByTestId('apply-title-count')
  await expect.text(counter, '0 / 200')
  const long = '城乡最低生活保障资金发放明细'.repeat(15) // 210 characters
  await title.fill(long)
  expect.equal((await title.inputValue()).length, 210, 'the whole title is kept')
  await expect.text(counter, '210 / 200')
  await page.getByTestId('apply-description').click()
  await expect.text(page.locator('.el-form-item.is-error'), '200')
  await shot('title-too-long')
  await title.fill('2025年度城乡最低生活保障资金发放明细')
  await expect.text(counter, '20 / 200')
  await page.getByTestId('apply-description').fill('请公开2025年度本区城乡最低生活保障资金的发放明细，包括各街道的发放人数和金额。')
  await page.getByTestId('apply-next').click()
  await page.getByTestId('apply-next').click()

  // ---- an upload the server refuses says why ----
  const exe = join(tmpdir(), `gk-${stamp}.txt`)
  writeFileSync(exe, '这不是允许的文件类型。\n')
  await page.getByTestId('apply-uploader-input').setInputFiles(exe)
  const error = page.getByTestId('apply-uploader').locator('.gk-uploader__error')
  await expect.text(error, '只接受 PDF')
  expect.ok(!(await error.innerText()).includes('输入有误'), 'not the generic 输入有误')
  await shot('upload-refused')

  // ---- 大字模式 enlarges what is typed ----
  await page.getByTestId('apply-prev').click()
  const before = await fontSize(title)
  await page.getByTestId('toggle-large-font').click()
  await expect.poll(async () => (await fontSize(title)) >= 18, `the title input grows from ${before} px to 18 px or more`)
  expect.ok((await fontSize(page.getByTestId('apply-description'))) >= 18, 'the description grows too')
  await shot('large-inputs')
  await page.getByTestId('toggle-large-font').click()
}
