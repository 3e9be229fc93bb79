// A new applicant files an application with an attachment, keeps the
// receipt, follows the case, looks it up anonymously, answers the agency's
// correction request and reads the answer. The staff side is driven
// through the API as demo-officer and demo-supervisor.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const name = 'apply with an attachment, receipt with codes, my applications, case page, anonymous tracking, correction, answer notice'

const PASSWORD = 'Secret-pass-2026'
const AGENCY = '济南市莱芜区人民政府办公室'

// residentID builds a valid 居民身份证 number (GB 11643 check digit).
function residentID(seq) {
  const body = `110105198001${String(1 + (seq % 28)).padStart(2, '0')}${String(seq % 1000).padStart(3, '0')}`
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i], 0)
  return body + '10X98765432'[sum % 11]
}

function pdf(dir, name, text) {
  const p = join(dir, name)
  writeFileSync(p, `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`)
  return p
}

// ---- staff through the API ----------------------------------------------

async function api(baseURL, token, method, path, body) {
  const headers = { Accept: 'application/json', 'Accept-Language': 'zh-CN' }
  if (token) headers.Authorization = `Bearer ${token}`
  let payload
  if (body instanceof FormData) payload = body
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  const res = await fetch(`${baseURL}/api/v1${path}`, { method, headers, body: payload })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
  return text ? JSON.parse(text) : null
}

async function staffLogin(baseURL, username) {
  const s = await api(baseURL, null, 'POST', '/auth/login', { username, password: 'gongkai-demo' })
  return s.accessToken
}

async function staffAct(baseURL, token, id, action, body = {}) {
  const c = await api(baseURL, token, 'GET', `/applications/${id}`)
  return api(baseURL, token, 'POST', `/applications/${id}/actions/${action}`, { ...body, version: c.version })
}

// ---- page helpers ---------------------------------------------------------

async function unlabelled(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('main input:not([type=hidden]):not([hidden]), main select, main textarea')]
      .filter((el) => el.offsetParent !== null)
      .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
      .map((el) => el.outerHTML.slice(0, 120)),
  )
}

// settle waits for dialog and message transitions before a screenshot.
const settle = (page) => page.waitForTimeout(500)

async function logIn(page, expect, username) {
  await page.goto('/login')
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(PASSWORD)
  await page.getByTestId('login-submit').click()
  await expect.visible(page.getByTestId('header-user'), 'logged in')
}

export async function run({ page, baseURL, shot, expect }) {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-e2e-files-'))
  try {
    await scenario({ page, baseURL, shot, expect, dir })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function scenario({ page, baseURL, shot, expect, dir }) {
  const seq = Date.now()
  const username = `e2e-apply-${seq.toString(36)}`
  const email = `${username}@example.com`
  const evidence = pdf(dir, '相关文件截图.pdf', 'evidence')
  const spare = pdf(dir, 'spare.pdf', 'spare')
  const supplement = pdf(dir, '补充说明.pdf', 'supplement')

  // ---- register (no postal address, so post is not possible) ----
  await page.goto('/register')
  await page.getByLabel('姓名').fill('王芳')
  await page.getByLabel('证件号码').fill(residentID(seq))
  await page.getByLabel('手机号码').fill('13905310123')
  await page.getByLabel('电子邮箱（选填）').fill(email)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD)
  await page.getByLabel('确认密码').fill(PASSWORD)
  await page.getByTestId('register-submit').click()

  // ---- apply, step by step: registering leads to the form ----
  await expect.url(page, /\/apply$/)
  await expect.visible(page.getByRole('heading', { level: 1, name: '提交政府信息公开申请' }))
  await expect.text(page.getByTestId('apply-step'), '第 1 步（共 5 步）：受理机关')
  // Nothing chosen yet: the step does not go on.
  await page.getByTestId('apply-next').click()
  await expect.visible(page.locator('.el-form-item.is-error', { hasText: '请选择受理机关' }), 'agency required')
  await page.getByTestId('apply-agency').click()
  await page.keyboard.type('区政府')
  await page.getByRole('option', { name: new RegExp(AGENCY) }).click()
  await expect.text(page.getByTestId('agency-contacts'), '0531-76211000')
  expect.equal((await unlabelled(page)).length, 0, `unlabelled inputs on step 1: ${(await unlabelled(page)).join(' | ')}`)
  await shot('apply-1-agency')
  await page.getByTestId('apply-next').click()

  await expect.text(page.getByTestId('apply-step'), '第 2 步（共 5 步）：所需信息')
  const title = `2025年凤城街道老旧小区改造项目资金使用情况 ${seq.toString(36)}`
  await page.getByLabel('信息名称', { exact: true }).fill(title)
  await page.getByLabel('特征性描述', { exact: true }).fill('资金')
  await page.getByTestId('apply-next').click()
  await expect.visible(page.locator('.el-form-item.is-error', { hasText: '特征性描述须为 10–2000 字' }), 'description too short')
  await page.getByLabel('特征性描述', { exact: true }).fill('请公开2025年度凤城街道老旧小区改造项目的资金安排、拨付和使用明细，包括各小区的改造内容和金额。')
  await expect.text(page.locator('main'), '怎样描述更容易找到')
  expect.equal((await unlabelled(page)).length, 0, `unlabelled inputs on step 2: ${(await unlabelled(page)).join(' | ')}`)
  await shot('apply-2-info')
  await page.getByTestId('apply-next').click()

  await expect.text(page.getByTestId('apply-step'), '第 3 步（共 5 步）：形式与获取方式')
  // Post needs a postal address, which this profile lacks.
  await page.getByText('邮寄', { exact: true }).click()
  await expect.text(page.getByTestId('delivery-problem'), '没有通讯地址')
  await expect.visible(page.getByTestId('delivery-problem').getByRole('link', { name: '查看个人资料' }), 'profile link')
  await shot('apply-3-delivery-hint')
  await page.getByTestId('apply-next').click()
  await expect.text(page.getByTestId('apply-step'), '第 3 步') // still here
  await page.getByText('电子邮件', { exact: true }).click()
  await expect.text(page.getByTestId('delivery-note'), email)
  await page.getByText('纸质文本', { exact: true }).click()
  await page.getByTestId('apply-next').click()

  await expect.text(page.getByTestId('apply-step'), '第 4 步（共 5 步）：附件与帮助')
  const input = page.getByTestId('apply-uploader-input')
  await input.setInputFiles([evidence, spare])
  const items = page.getByTestId('apply-uploader').locator('li')
  await expect.poll(async () => (await items.count()) === 2 && (await page.getByTestId('apply-uploader').locator('li[data-state=done]').count()) === 2, 'two uploads done')
  await page.getByRole('button', { name: '删除 spare.pdf' }).click()
  await expect.poll(async () => (await items.count()) === 1, 'spare.pdf removed')
  await expect.text(page.getByTestId('apply-uploader'), '相关文件截图.pdf')
  await page.getByText('我有阅读困难或视听障碍，需要帮助').click()
  await page.getByLabel('需要什么帮助（选填）').fill('请电话告知办理结果')
  expect.equal((await unlabelled(page)).length, 0, `unlabelled inputs on step 4: ${(await unlabelled(page)).join(' | ')}`)
  await shot('apply-4-attachments')
  await page.getByTestId('apply-next').click()

  const review = page.getByTestId('apply-review')
  await expect.text(review, title)
  await expect.text(review, AGENCY)
  await expect.text(review, '电子文档、纸质文本')
  await expect.text(review, '电子邮件')
  await expect.text(review, '相关文件截图.pdf')
  await expect.text(review, '请电话告知办理结果')
  await shot('apply-5-review')
  await page.getByTestId('apply-submit').click()

  // ---- receipt ----
  await expect.url(page, /\/my\/applications\/\d+\/receipt$/)
  const caseId = Number(/\/my\/applications\/(\d+)\/receipt/.exec(page.url())[1])
  await expect.visible(page.getByRole('heading', { level: 1, name: '申请已提交' }))
  const trackingNumber = (await page.getByTestId('receipt-tracking-number').innerText()).trim()
  const queryCode = (await page.getByTestId('receipt-query-code').innerText()).trim()
  expect.ok(/^ZFB-\d{4}-\d{5}$/.test(trackingNumber), `tracking number ${trackingNumber}`)
  expect.ok(/^[A-Z2-9]{8}$/.test(queryCode), `query code ${queryCode}`)
  await expect.text(page.getByTestId('receipt-date'), '年')
  await expect.text(page.getByTestId('receipt-due'), '星期')
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL })
  await page.getByTestId('copy-query-code').click()
  await expect.visible(page.getByText('查询码已复制'), 'copied message')
  expect.equal(await page.evaluate(() => navigator.clipboard.readText()), queryCode, 'clipboard')
  await shot('receipt')
  await page.getByTestId('receipt-print').click()
  await expect.text(page.frameLocator('[data-testid=notice-frame]').locator('h1'), '政府信息公开申请接收回执')
  await expect.visible(page.getByTestId('notice-print'), 'print button')
  // The notice keeps its A4 layout under the UI's Content-Security-Policy
  // (its styles adopted through the CSSOM), and its own printing note is
  // hidden behind our print button.
  const inFrame = page.frameLocator('[data-testid=notice-frame]')
  await expect.poll(async () => (await inFrame.locator('h1').evaluate((el) => getComputedStyle(el).textAlign)) === 'center', 'the notice is styled')
  expect.equal(await inFrame.locator('.noprint').evaluate((el) => getComputedStyle(el).display), 'none', 'the notice\'s own printing note')
  await settle(page)
  await shot('receipt-notice')
  await page.keyboard.press('Escape')
  await expect.hidden(page.getByTestId('notice-frame'), 'notice closed')

  // ---- my applications ----
  await page.getByRole('link', { name: '我的申请', exact: true }).first().click()
  await expect.url(page, /\/my\/applications$/)
  const table = page.getByTestId('my-table')
  await expect.text(table, trackingNumber)
  const row = table.locator('tr', { hasText: trackingNumber })
  await expect.text(row, '已登记')
  expect.equal(await row.getByTestId('clock-badge').getAttribute('data-tone'), 'normal', 'badge tone')
  await page.getByTestId('my-search').fill(trackingNumber)
  await page.getByTestId('my-search').press('Enter')
  await expect.url(page, /\?q=ZFB/)
  await expect.text(page.locator('main'), '共 1 件')
  await shot('my-applications')

  // ---- case page ----
  await page.getByTestId(`case-link-${caseId}`).click()
  await expect.url(page, new RegExp(`/my/applications/${caseId}$`))
  await expect.text(page.getByTestId('case-title'), title)
  await expect.text(page.getByTestId('clock-words'), '答复期限')
  await expect.text(page.getByTestId('clock-words'), '个工作日')
  await page.getByRole('button', { name: '答复期限是怎样计算的' }).click()
  await expect.text(page.getByTestId('clock-trace'), '收到申请')
  await expect.text(page.getByTestId('timeline'), '提交申请')
  await expect.visible(page.getByTestId('panel-withdraw'), 'withdraw offered')
  await expect.visible(page.getByTestId('panel-suggest-conversion'), 'suggestion offered')
  expect.equal(await page.getByTestId('panel-submit-correction').count(), 0, 'no correction panel')
  await expect.text(page.getByTestId('my-files'), '相关文件截图.pdf')
  await shot('case')

  // ---- anonymous tracking ----
  await page.getByTestId('logout').click()
  await expect.visible(page.getByTestId('header-login'), 'logged out')
  await page.goto('/track')
  await page.getByLabel('查询号').fill(trackingNumber)
  await page.getByLabel('查询码').fill(queryCode)
  await page.getByRole('button', { name: '查询', exact: true }).click()
  await expect.visible(page.getByTestId('track-result'), 'track result')
  await expect.text(page.getByTestId('track-status'), '已登记')
  await expect.text(page.getByTestId('track-clock'), '剩余')
  await expect.text(page.getByTestId('timeline'), '提交申请')
  expect.ok(!(await page.locator('main').innerText()).includes('王芳'), 'no applicant name on the public page')
  await shot('track')
  await page.getByTestId('notice-open-receipt').click()
  await expect.text(page.frameLocator('[data-testid=notice-frame]').locator('h1'), '政府信息公开申请接收回执')
  await settle(page)
  await shot('track-notice')
  await page.keyboard.press('Escape')
  await expect.hidden(page.getByTestId('notice-frame'), 'notice closed')

  // ---- the officer asks for a correction ----
  const officer = await staffLogin(baseURL, 'demo-officer')
  const item = '请写明所需资金明细的年份范围和具体项目名称'
  await staffAct(baseURL, officer, caseId, 'request-correction', { items: [item], periodDays: 10 })

  // ---- the applicant answers it ----
  await logIn(page, expect, username)
  await page.goto(`/my/applications/${caseId}`)
  const panel = page.getByTestId('panel-submit-correction')
  await expect.visible(panel, 'correction panel')
  await expect.text(page.getByTestId('correction-items'), item)
  await expect.text(page.getByTestId('clock-words'), '待补正（补正期限')
  await expect.text(page.getByTestId('case-status'), '待补正')
  expect.equal((await unlabelled(page)).length, 0, `unlabelled inputs on the case page: ${(await unlabelled(page)).join(' | ')}`)
  await shot('correction-requested')
  const corrected = '请公开2025年1月至12月凤城街道文化北路小区、龙潭小区老旧小区改造项目的资金安排、拨付和使用明细。'
  await page.getByTestId('correction-description').fill(corrected)
  await page.getByTestId('correction-uploader-input').setInputFiles(supplement)
  await expect.visible(page.getByTestId('correction-uploader').locator('li[data-state=done]'), 'supplement uploaded')
  await page.getByTestId('correction-submit').click()
  await expect.text(page.getByTestId('case-status'), '已登记')
  await expect.hidden(panel, 'correction panel gone')
  await expect.text(page.getByTestId('case-description'), corrected)
  await expect.text(page.getByTestId('timeline'), '提交补正')
  await expect.text(page.getByTestId('clock-words'), '剩余')
  await shot('corrected')

  // ---- a stale version: the case changed under the open page ----
  const me = await api(baseURL, officer, 'GET', '/me')
  await staffAct(baseURL, officer, caseId, 'assign', { assigneeId: me.id })
  await page.getByTestId('suggest-text').fill('建议将老旧小区改造资金使用情况纳入主动公开范围。')
  await page.getByTestId('suggest-submit').click()
  await expect.text(page.getByTestId('case-banner'), '该申请刚刚有了变化')
  await page.getByTestId('suggest-text').fill('建议将老旧小区改造资金使用情况纳入主动公开范围。')
  await page.getByTestId('suggest-submit').click()
  await expect.text(page.getByTestId('timeline'), '建议主动公开')

  // ---- the agency answers ----
  await staffAct(baseURL, officer, caseId, 'accept')
  const fd = new FormData()
  fd.append('purpose', 'answer')
  fd.append('file', new Blob(['%PDF-1.4\n% answer\n%%EOF\n'], { type: 'application/pdf' }), '资金使用明细.pdf')
  const doc = await api(baseURL, officer, 'POST', '/attachments', fd)
  await staffAct(baseURL, officer, caseId, 'draft-answer', {
    outcome: 'disclosed',
    legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（二）项',
    text: '经查，您申请公开的信息属于本机关公开范围，现予以公开，详见附件。',
    attachments: [doc.id],
  })
  const supervisor = await staffLogin(baseURL, 'demo-supervisor')
  await staffAct(baseURL, supervisor, caseId, 'decide-answer', { approve: true })

  await page.reload()
  await expect.text(page.getByTestId('case-status'), '已答复')
  await expect.text(page.getByTestId('clock-words'), '答复')
  await expect.text(page.getByTestId('clock-words'), '已于')
  await expect.text(page.getByTestId('case-outcome'), '予以公开')
  await expect.text(page.getByTestId('clock-badge'), '予以公开')
  await expect.text(page.getByTestId('answer-docs'), '资金使用明细.pdf')
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 资金使用明细.pdf' }).click()])
  expect.equal(download.suggestedFilename(), '资金使用明细.pdf', 'downloaded file name')
  await shot('answered')
  await page.getByTestId('notice-open-answer').click()
  await expect.text(page.frameLocator('[data-testid=notice-frame]').locator('h1'), '政府信息公开申请答复书')
  await settle(page)
  await shot('answer-notice')
  // Printing the frame must not throw (the runner fails on page errors).
  await page.getByTestId('notice-print').click()
  await page.keyboard.press('Escape')
  await expect.hidden(page.getByTestId('notice-frame'), 'notice closed')

  // Large text still fits the page.
  await page.getByTestId('toggle-large-font').click()
  await expect.poll(async () => page.evaluate(() => document.documentElement.classList.contains('gk-large')), 'large text on')
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect.ok(overflow <= 0, `no sideways scrolling in large text (${overflow}px)`)
  await shot('answered-large')
  await page.getByTestId('toggle-large-font').click()

  // English keeps the Chinese legal terms.
  await page.getByTestId('toggle-language').click()
  await expect.text(page.getByTestId('clock-words'), 'Answered on')
  await expect.text(page.getByTestId('case-outcome'), 'Disclosed (予以公开)')
  await expect.text(page.getByTestId('timeline'), 'Correction requested (补正告知)')
  await shot('answered-en')
  await page.getByTestId('toggle-language').click()
  await expect.text(page.getByTestId('clock-words'), '已于')

  // The list shows the outcome instead of the traffic light.
  await page.goto('/my/applications')
  const done = page.getByTestId('my-table').locator('tr', { hasText: trackingNumber })
  expect.equal(await done.getByTestId('clock-badge').getAttribute('data-tone'), 'done', 'concluded badge')
  await expect.text(done, '予以公开')
}
