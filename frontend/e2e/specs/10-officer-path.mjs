// The officer's path through the UI: register an application handed in
// at the counter, accept it, consult a third party and record the reply,
// request an extension that the supervisor approves, draft the answer
// with the outcome picker, have it approved, record the delivery and
// archive. The clock's words and trace are checked where they change.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beijingToday, dateValue, logIn, logOut, pdf, pickDate, residentID, settle, unlabelled, workdaysBefore, zhDate } from '../lib/staff.mjs'

export const name = 'officer: register in person, accept, consult, extend (supervisor approves), answer with the outcome picker, deliver, archive'

export async function run(ctx) {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-e2e-officer-'))
  try {
    await scenario({ ...ctx, dir })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function scenario({ page, baseURL, shot, expect, dir }) {
  const seq = Date.now()
  const today = beijingToday()
  // Received at the counter five working days ago; the letter to the third
  // party went out two working days ago, so the pause shows in the trace.
  // (Two working days: on a rest day the pause from yesterday's working day
  // to today would hold no working day, and the due date could not move.)
  const [, sentOn, , , arrivedOn] = await workdaysBefore(baseURL, today, 5)
  const title = `2025年度龙潭街道道路改造工程合同及验收资料 ${seq.toString(36)}`
  const scan = pdf(dir, '申请书扫描件.pdf', 'scan')
  const released = pdf(dir, '工程合同.pdf', 'contract')
  const main = page.locator('main')
  const drawer = (a) => page.getByTestId(`form-${a}`)

  // ---- register the application ----
  await logIn(page, expect, 'demo-officer')
  await page.getByTestId('menu-cases-new').click()
  await expect.url(page, /\/staff\/cases\/new$/)
  await expect.text(page.getByTestId('receipt-rule'), '以提交之日为收到申请之日')
  // The rule follows the channel: fax waits for the confirmation.
  await page.getByTestId('register-channel').getByText('传真').click()
  await expect.text(page.getByTestId('receipt-rule'), '以双方确认之日为收到申请之日')
  await expect.text(page.getByTestId('receipt-rule'), '待确认收到')
  await page.getByTestId('register-channel').getByText('当面提交').click()
  await expect.text(page.getByTestId('receipt-rule'), '第三十一条第（一）项')

  await pickDate(page, page.getByTestId('register-arrived'), `${arrivedOn} 10:15`)
  await expect.poll(async () => (await dateValue(page.getByTestId('register-receipt'))) === arrivedOn, `receipt date follows the arrival (${arrivedOn})`)
  await page.getByTestId('register-name').fill('孙立华')
  await page.getByTestId('register-id').fill(residentID(seq))
  await page.getByTestId('register-phone').fill('13905310166')
  await page.getByTestId('register-title').fill(title)
  await page.getByTestId('register-description').fill('请公开2025年度龙潭街道道路改造工程的施工合同、竣工验收报告和资金结算资料。')
  await page.getByTestId('scan-uploader-input').setInputFiles(scan)
  await expect.visible(page.getByTestId('scan-uploader').locator('li[data-state=done]'), 'scan uploaded')
  expect.equal((await unlabelled(page)).length, 0, `unlabelled inputs on the register page: ${(await unlabelled(page)).join(' | ')}`)
  await shot('register')
  await page.getByTestId('register-submit').click()

  await expect.url(page, /\/staff\/cases\/\d+$/)
  const caseId = Number(/\/staff\/cases\/(\d+)$/.exec(page.url())[1])
  await expect.text(page.getByTestId('case-title'), title)
  await expect.text(page.getByTestId('case-status'), '已登记')
  await expect.text(page.getByTestId('applicant-id'), residentID(seq))
  await expect.text(page.getByTestId('clock-receipt'), arrivedOn.slice(0, 4))
  await expect.text(page.getByTestId('case-files'), '申请书扫描件.pdf')
  await expect.visible(page.getByTestId('review-hints'), 'review hints at review')
  await expect.text(page.getByTestId('timeline'), '刘晓燕')
  const dueBefore = await page.getByTestId('clock-due').innerText()

  // ---- accept ----
  await page.getByTestId('action-accept').click()
  await page.getByTestId('submit-accept').click()
  await expect.text(page.getByTestId('case-status'), '办理中')
  await expect.text(page.getByTestId('clock-trace'), '受理')

  // ---- third-party consultation ----
  await page.getByTestId('action-start-consultation').click()
  await expect.visible(drawer('start-consultation'), 'consultation form')
  await drawer('start-consultation').getByTestId('f-partyName').fill('莱芜区龙潭建设工程有限公司')
  await drawer('start-consultation').getByTestId('f-question').fill('是否同意公开贵公司与本机关签订的道路改造工程施工合同。')
  await pickDate(page, drawer('start-consultation').getByTestId('f-sentOn'), sentOn)
  await settle(page)
  await shot('consultation-form')
  await page.getByTestId('submit-start-consultation').click()
  await expect.text(page.getByTestId('clock-words'), '征求第三方意见，期限暂停')
  await expect.text(page.getByTestId('clock-paused'), '暂停：征求第三方意见')
  await expect.text(page.getByTestId('clock-trace'), `征求第三方意见自 ${zhDate(sentOn)} 起，期限暂停`)
  await expect.text(page.getByTestId('consultations'), '莱芜区龙潭建设工程有限公司')
  await settle(page)
  await shot('consultation-open')

  await page.getByTestId('action-record-consultation-reply').click()
  await expect.visible(drawer('record-consultation-reply'), 'reply form')
  await drawer('record-consultation-reply').getByText('同意公开', { exact: true }).click()
  await page.getByTestId('submit-record-consultation-reply').click()
  await expect.text(page.getByTestId('clock-words'), '剩余')
  await expect.text(page.getByTestId('clock-trace'), `征求第三方意见 ${zhDate(sentOn)} 至 ${zhDate(today)}，不计入`)
  const dueAfterConsultation = await page.getByTestId('clock-due').innerText()
  expect.ok(dueAfterConsultation !== dueBefore, `the pause moved the due date (${dueBefore} → ${dueAfterConsultation})`)
  await expect.text(page.getByTestId('timeline'), '莱芜区龙潭建设工程有限公司')

  // ---- extension ----
  await page.getByTestId('action-request-extension').click()
  const ext = drawer('request-extension')
  await ext.getByTestId('f-days').locator('input').fill('10')
  await ext.getByTestId('f-reason').fill('需调取工程档案并核对结算资料，无法在期限内答复。')
  await page.getByTestId('submit-request-extension').click()
  await expect.visible(page.getByTestId('extension-pending'), 'extension pending')
  await expect.text(page.getByTestId('extension-state'), '待负责人审批')
  await shot('extension-requested')

  // ---- the supervisor approves ----
  await logOut(page, expect)
  await logIn(page, expect, 'demo-supervisor')
  await page.goto(`/staff/cases/${caseId}`)
  await page.getByTestId('action-decide-extension').click()
  await expect.text(page.getByTestId('extension-request'), '需调取工程档案')
  await settle(page)
  await shot('extension-decision')
  await page.getByTestId('decide-approve').click()
  await expect.text(page.getByTestId('clock-words'), '已延长 10 个工作日')
  await expect.text(page.getByTestId('clock-trace'), '延期 10 个工作日（经负责人批准）')
  await expect.hidden(page.getByTestId('extension-pending'), 'no longer pending')
  await expect.visible(page.getByTestId('clock-extended'), 'extended marker')

  // ---- the officer drafts the answer ----
  await logOut(page, expect)
  await logIn(page, expect, 'demo-officer')
  await page.goto(`/staff/cases/${caseId}`)
  await page.getByTestId('action-draft-answer').click()
  const picker = page.getByTestId('outcome-picker')
  await expect.visible(picker, 'outcome picker')
  await expect.text(picker, '（三）不予公开')
  await expect.text(picker, '4.保护第三方合法权益')
  expect.equal(await picker.getByText('其他处理').count(), 0, 'no closures among the answers')
  // A refusal needs its reasons; a full disclosure does not.
  await picker.getByTestId('outcome-not_disclosed.third_party_rights').click()
  await expect.visible(page.getByTestId('draft-withheld'), 'withheld reasons asked')
  await picker.getByTestId('outcome-disclosed').click()
  await expect.hidden(page.getByTestId('draft-withheld'), 'withheld reasons not asked')
  await expect.poll(async () => (await page.getByTestId('draft-legal-basis').inputValue()).includes('第三十六条第（一）（二）项'), 'legal basis follows the row')
  await page.getByTestId('draft-text-input').fill('经查，您申请公开的道路改造工程合同及验收资料属于本机关公开范围，第三方同意公开，现予以公开，详见附件。')
  await page.getByTestId('answer-uploader-input').setInputFiles(released)
  await expect.visible(page.getByTestId('answer-uploader').locator('li[data-state=done]'), 'document uploaded')
  await settle(page)
  await shot('draft-answer')
  await page.getByTestId('submit-draft-answer').click()
  await expect.text(page.getByTestId('case-status'), '答复审核中')
  await expect.text(page.getByTestId('answer-draft'), '待负责人审核')

  // ---- the supervisor approves the answer ----
  await logOut(page, expect)
  await logIn(page, expect, 'demo-supervisor')
  await page.goto(`/staff/cases/${caseId}`)
  await page.getByTestId('action-decide-answer').click()
  await expect.text(page.getByTestId('draft-outcome'), '予以公开')
  await page.getByTestId('decide-approve').click()
  await expect.text(page.getByTestId('case-status'), '已答复')
  await expect.text(page.getByTestId('clock-words'), '已于')

  // ---- the officer records the delivery and archives ----
  await logOut(page, expect)
  await logIn(page, expect, 'demo-officer')
  await page.goto(`/staff/cases/${caseId}`)
  await page.getByTestId('action-record-delivery').click()
  await expect.visible(drawer('record-delivery'), 'delivery form')
  await drawer('record-delivery').getByTestId('f-note').fill('申请人到窗口领取，已签收。')
  await page.getByTestId('submit-record-delivery').click()
  await expect.text(page.getByTestId('delivery-state'), '自行领取')

  await page.getByTestId('action-archive').click()
  await drawer('archive').getByTestId('f-archiveNumber').fill(`ZFB-WS-2026-${String(seq % 1000).padStart(3, '0')}`)
  await page.getByTestId('submit-archive').click()
  await expect.text(page.getByTestId('case-status'), '已归档')
  await expect.text(page.getByTestId('archive-state'), '保管 10 年')
  // An archived case accepts only a remedy record.
  await expect.visible(page.getByTestId('action-record-remedy'), 'remedy still possible')
  expect.equal(await page.getByTestId('action-panel').getByRole('button').count(), 1, 'only the remedy action left')
  await expect.text(page.getByTestId('timeline'), '归档')
  await shot('archived')

  // The answer letter opens as a printable page.
  await page.getByTestId('notice-open-answer').click()
  await expect.text(page.frameLocator('[data-testid=notice-frame]').locator('h1'), '政府信息公开申请答复书')
  await settle(page)
  await shot('answer-notice')
  await page.keyboard.press('Escape')

  // The timeline verifies.
  await page.getByTestId('verify-chain').click()
  await expect.text(page.getByTestId('chain-result'), '办理记录完整')

  // English: the trace in English, legal terms kept.
  await page.getByTestId('toggle-language').click()
  await expect.text(page.getByTestId('clock-trace'), 'Third-party consultation')
  await expect.text(main, 'Consult')
  await shot('archived-en')
  await page.getByTestId('toggle-language').click()
}
