// The law in its corners, through the UI:
//  (a) the holiday calendar: a due date reaching into 2027 is provisional
//      while 2027 has no State Council notice on record (the administrator
//      is warned); a local closure is previewed (how many open cases' due
//      dates move), saved, recorded on the moved case's timeline, and does
//      not make the year official; the administrator confirms 2027 against
//      its notice.
//  (b) approvals (Art 33): the district-wide supervisor sees another
//      agency's waiting extension, without an approve button, and urges
//      it (督办); that agency's own supervisor approves it.
//  (c) the case page: a letter confirmed later than it arrived keeps the
//      arrival day unless the applicant was unreachable (Art 31); a
//      correction notice by post runs from its recorded delivery (Art 30);
//      disclosing over a third party's objection carries the notice to it
//      and holds the delivery until the disclosure date (Art 32).
import { act, addDays, api, beijingToday, logIn, logOut, registerCase, settle, token, workdaysAfter, workdaysBefore, pickDate, zhDate } from '../lib/staff.mjs'

export const name = 'law: provisional 2027 and a previewed closure confirmed against the notice; district supervisor urges, agency supervisor approves; Art 31/30/32 on the case page'

function longDate(d) {
  const [y, m, day] = d.split('-').map(Number)
  return `${y}年${m}月${day}日`
}

export async function run(ctx) {
  try {
    await calendar(ctx)
  } finally {
    // A fresh token: logging the admin out of the browser ends the admin's
    // access tokens (issue 4/10).
    await api(ctx.baseURL, await token(ctx.baseURL, 'demo-admin'), 'PUT', '/admin/calendar/overrides', { overrides: [] })
  }
  await approvals(ctx)
  await casePage(ctx)
}

// ---- (a) the calendar ----
async function calendar({ page, baseURL, shot, expect }) {
  const today = beijingToday()
  const next = Number(today.slice(0, 4)) + 1
  const officer = await token(baseURL, 'demo-officer')
  const c = await registerCase(baseURL, officer, { title: `城区地下管网普查成果报告 ${Date.now().toString(36)}`, arrivedOn: today })
  const due = c.clock.dueDate
  const [newDue] = await workdaysAfter(baseURL, due, 1)
  const coverage = await api(baseURL, null, 'GET', '/calendar/coverage')
  const nextYear = coverage.years.find((y) => y.year === next)
  expect.ok(nextYear && !nextYear.official && nextYear.hasSchedule, `${next} is provisional with schedule data`)

  // The officer sees that the due date rests on an unconfirmed schedule.
  if (c.clock.provisional) {
    await logIn(page, expect, 'demo-officer')
    await page.goto(`/staff/cases/${c.id}`)
    await expect.text(page.getByTestId('clock-provisional'), `期限涉及 ${c.clock.provisionalYears.join('、')} 年，节假日安排尚未确认，为临时推算`)
    await expect.visible(page.getByTestId('clock-provisional-mark'), 'provisional mark on the badge')
    await settle(page)
    await shot('case-provisional')
    await logOut(page, expect)
  }

  // ---- the administrator is warned, previews and saves a closure ----
  await logIn(page, expect, 'demo-admin')
  await expect.text(page.getByTestId('provisional-banner'), `${next} 年节假日安排尚无国务院通知在案，涉及该年的期限均为临时推算。`)
  await page.getByTestId('menu-admin-calendar').click()
  await expect.url(page, /\/staff\/admin\/calendar$/)
  const row = page.getByTestId(`year-${next}`)
  await expect.text(row, '临时推算（有安排数据，待确认）')
  await expect.text(page.getByTestId(`year-notice-${next - 1}`), '国办发明电')

  // The case's due date itself closes: it moves to the next working day.
  await page.getByTestId('override-add').click()
  const i = (await page.getByTestId('override-rows').locator('tbody tr').count()) - 1
  await pickDate(page, page.getByTestId(`override-date-${i}`), due)
  await page.getByTestId(`override-name-${i}`).fill('临时闭馆')
  await page.getByTestId(`override-reason-${i}`).fill('办公楼停电检修，区政府通知（e2e）')
  const previewed = page.waitForResponse((r) => r.url().endsWith('/admin/calendar/overrides/preview') && r.request().method() === 'POST')
  await page.getByTestId('override-save').click()
  const { moved } = await (await previewed).json()
  expect.ok(moved >= 1, `the closure moves at least our case (${moved})`)
  const dialog = page.getByTestId('override-preview')
  await expect.text(dialog.getByTestId('override-moved'), `保存后将有 ${moved} 件在办申请的答复期限发生变化。`)
  await expect.visible(dialog.getByTestId('override-sample').locator('li'), 'a sample of the moved cases')
  await settle(page)
  await shot('override-preview')
  const saved = page.waitForResponse((r) => r.url().endsWith('/admin/calendar/overrides') && r.request().method() === 'PUT')
  await dialog.getByTestId('override-confirm').click()
  expect.equal((await (await saved).json()).moved, moved, 'the save moved what the preview said')
  await expect.visible(page.getByText(`已保存，${moved} 件在办申请的期限已重新计算`), 'saved with the count')
  // A local closure does not make the year official.
  await expect.poll(async () => (await row.getAttribute('data-standing')) === 'provisional', `${next} still provisional after the closure`)

  // ---- confirm the year against the State Council notice ----
  await row.getByTestId(`confirm-year-${next}`).click()
  const confirm = page.getByTestId('confirm-year-dialog')
  await expect.visible(confirm, 'confirm dialog')
  expect.equal(await confirm.getByTestId('confirm-notice-title').inputValue(), `国务院办公厅关于${next}年部分节假日安排的通知`, 'title prefilled')
  await confirm.getByTestId('confirm-notice-number').fill(`国办发明电〔${next - 1}〕8号`)
  await pickDate(page, confirm.getByTestId('confirm-notice-date'), today)
  await settle(page)
  await shot('confirm-year')
  await confirm.getByTestId('confirm-year-submit').click()
  await expect.visible(page.getByText(`${next} 年节假日安排已按国务院通知确认`), 'confirmed')
  await expect.text(page.getByTestId(`year-standing-${next}`), '正式安排')
  await expect.text(page.getByTestId(`year-notice-${next}`), `国办发明电〔${next - 1}〕8号`)
  await expect.hidden(page.getByTestId('provisional-banner'), 'no warning once confirmed')
  await settle(page)
  await shot('calendar-confirmed')
  await logOut(page, expect)

  // ---- the moved case says why ----
  await logIn(page, expect, 'demo-officer')
  await page.goto(`/staff/cases/${c.id}`)
  await expect.text(page.getByTestId('clock-due'), longDate(newDue))
  await expect.text(page.getByTestId('timeline'), `期限因节假日安排调整：${zhDate(due)} → ${zhDate(newDue)}`)
  await expect.hidden(page.getByTestId('clock-provisional'), 'no longer provisional')
  await logOut(page, expect)
}

// ---- (b) approvals across agencies ----
async function approvals({ page, baseURL, shot, expect }) {
  const today = beijingToday()
  // An officer of 区自然资源局 (demo-officer2 is locked by the wrong-password spec).
  const admin = await token(baseURL, 'demo-admin')
  const zrj = (await api(baseURL, null, 'GET', '/agencies')).items.find((a) => a.code === 'ZRJ').id
  const username = `e2e-zrj-law-${Date.now().toString(36)}`
  await api(baseURL, admin, 'POST', '/admin/users', { username, password: 'Officer-pass-2026', role: 'officer', agencyId: zrj, displayName: '孟凡' })
  const officer2 = (await api(baseURL, null, 'POST', '/auth/login', { username, password: 'Officer-pass-2026' })).accessToken
  const c = await registerCase(baseURL, officer2, { title: `莱芜区2026年度土地征收成片开发方案 ${Date.now().toString(36)}`, arrivedOn: today, agencyId: zrj })
  await act(baseURL, officer2, c.id, 'accept')
  await act(baseURL, officer2, c.id, 'request-extension', { days: 8, reason: '需调取征地档案原件并征求乡镇意见。' })

  // The district-wide supervisor sees it, but approving is for the agency's own.
  await logIn(page, expect, 'demo-supervisor')
  await page.getByTestId('menu-approvals').click()
  await expect.url(page, /\/staff\/approvals$/)
  const card = page.getByTestId(`approval-ext-${c.id}`)
  await expect.visible(card, 'the other agency\'s extension listed')
  await expect.text(card.getByTestId('approval-agency'), '济南市莱芜区自然资源局')
  await expect.text(card.getByTestId('approval-days'), '剩')
  await expect.text(card.getByTestId('ext-days'), '8 个工作日')
  await expect.text(card.getByTestId('approval-other'), '由济南市莱芜区自然资源局负责人审批')
  expect.equal(await card.getByTestId('decide-approve').count(), 0, 'no approve button for another agency')
  await settle(page)
  await shot('approvals-district')

  await card.getByTestId('approval-urge').click()
  const urge = page.getByTestId('form-urge')
  await expect.visible(urge, 'urge form')
  await urge.getByTestId('f-text').fill('请于 3 个工作日内完成档案调取，按期答复。')
  await settle(page)
  await shot('urge')
  await page.getByTestId('submit-urge').click()
  await expect.visible(page.getByText(`${c.trackingNumber} 已督办`), 'urged')
  await expect.hidden(urge, 'urge form closed')
  await logOut(page, expect)

  // The agency's own supervisor approves it.
  await logIn(page, expect, 'demo-supervisor-zrj')
  await page.getByTestId('menu-approvals').click()
  const own = page.getByTestId(`approval-ext-${c.id}`)
  await expect.visible(own.getByTestId('decide-approve'), 'approve button for the own agency')
  await own.getByTestId('decide-approve').click()
  await expect.hidden(own, 'extension decided')
  const after = await api(baseURL, officer2, 'GET', `/applications/${c.id}`)
  expect.equal(after.clock.extendedDays, 8, 'extension approved')

  // The 督办 is on the case's internal timeline.
  await page.goto(`/staff/cases/${c.id}`)
  await expect.text(page.getByTestId('timeline'), '督办：请于 3 个工作日内完成档案调取，按期答复。')
  await logOut(page, expect)
}

// ---- (c) Art 31, 30 and 32 on the case page ----
async function casePage({ page, baseURL, shot, expect }) {
  const today = beijingToday()
  const officer = await token(baseURL, 'demo-officer')
  const supervisor = await token(baseURL, 'demo-supervisor')
  const [yesterday] = await workdaysBefore(baseURL, today, 1)
  const drawer = (a) => page.getByTestId(`form-${a}`)

  // A letter by ordinary post, not yet confirmed with the applicant.
  const letter = await api(baseURL, officer, 'POST', '/applications', {
    agencyId: 1,
    title: `龙潭街道老旧小区改造项目资金明细 ${Date.now().toString(36)}`,
    description: '请公开2026年度龙潭街道老旧小区改造项目的资金来源、拨付和使用明细。',
    formats: ['paper'],
    delivery: 'pickup',
    channel: 'ordinary_post',
    arrivedAt: `${yesterday}T10:00:00+08:00`,
    applicant: { applicantType: 'natural', name: '韩雪', idType: 'passport', idNumber: 'E7654399', phone: '13905310177' },
  })
  expect.equal(letter.status, 'submitted', 'waits for confirmation')
  expect.ok(letter.clock.awaitingConfirmation, 'the clock runs from the arrival meanwhile')

  await logIn(page, expect, 'demo-officer')
  await page.goto(`/staff/cases/${letter.id}`)
  await expect.text(page.getByTestId('clock-badge'), '待确认收到（自到达日起算）')
  await expect.text(page.getByTestId('clock-words'), '待确认收到（自到达日起算）：答复期限')

  // Confirmed today, a day after it arrived: the reason decides the date.
  await page.getByTestId('action-confirm-receipt').click()
  const confirm = drawer('confirm-receipt')
  await expect.text(confirm, '确认日期晚于到达日期时，收到申请之日仍为到达日')
  await expect.text(confirm.getByTestId('note-confirmedOn'), `收到申请之日为到达日 ${zhDate(yesterday)}`)
  await confirm.getByTestId('f-unreachableReason').fill('到达当日申请人电话无人接听，次日才联系上。')
  await expect.text(confirm.getByTestId('note-confirmedOn'), `收到申请之日为确认之日 ${zhDate(today)}`)
  await settle(page)
  await shot('confirm-receipt')
  await page.getByTestId('submit-confirm-receipt').click()
  await expect.text(page.getByTestId('case-status'), '已登记')
  await expect.text(page.getByTestId('clock-receipt'), longDate(today))
  await expect.text(page.getByTestId('timeline'), '到达当日无法联系申请人：到达当日申请人电话无人接听')

  // A correction notice by post (a paper applicant without an account).
  await page.getByTestId('action-request-correction').click()
  const corr = drawer('request-correction')
  await corr.getByTestId('f-items-0').fill('请写明需要公开的具体项目名称')
  expect.equal(await corr.getByTestId('f-periodDays').locator('input').inputValue(), '', 'no period of its own: the setting applies')
  expect.equal(await corr.getByTestId('f-delivery').getByText('在线送达（平台账号）').count(), 0, 'no online delivery without an account')
  await corr.getByTestId('f-delivery').getByText('邮寄', { exact: true }).click()
  await expect.text(corr.getByTestId('note-delivery'), '补正期限自申请人收到告知书之日起计算，待登记送达日期')
  await settle(page)
  await shot('correction-post')
  await page.getByTestId('submit-request-correction').click()
  await expect.text(page.getByTestId('correction-awaiting-delivery'), '待登记送达日期')
  await expect.text(page.getByTestId('clock-words'), '待补正')

  await page.getByTestId('action-record-correction-delivery').click()
  await pickDate(page, drawer('record-correction-delivery').getByTestId('f-receivedOn'), today)
  await page.getByTestId('submit-record-correction-delivery').click()
  await expect.hidden(page.getByTestId('correction-awaiting-delivery'), 'delivery recorded')
  await expect.text(page.getByTestId('timeline'), `补正告知已送达（${zhDate(today)}），补正期限至`)
  await expect.text(page.getByTestId('clock-words'), '待补正（补正期限')

  // ---- Art 32: disclosing over a third party's objection ----
  const c = await registerCase(baseURL, officer, { title: `城区建筑垃圾消纳场环评报告 ${Date.now().toString(36)}`, arrivedOn: today })
  await act(baseURL, officer, c.id, 'accept')
  const consulted = await act(baseURL, officer, c.id, 'start-consultation', { kind: 'third_party', partyName: '莱芜区鑫源建材有限公司', sentOn: today })
  const consultationId = consulted.consultations.find((x) => x.kind === 'third_party').id
  await act(baseURL, officer, c.id, 'record-consultation-reply', { consultationId, reply: 'object', reason: '报告含本公司工艺参数，属商业秘密。', repliedOn: today })

  await page.goto(`/staff/cases/${c.id}`)
  await expect.text(page.getByTestId('third-party-objections'), '1 个第三方不同意公开')
  await page.getByTestId('action-draft-answer').click()
  await page.getByTestId('outcome-picker').getByTestId('outcome-disclosed').click()
  const tp = page.getByTestId('draft-third-party')
  await expect.text(tp, '《条例》第三十二条')
  await page.getByTestId('draft-text-input').fill('经审查，该环评报告涉及公共环境安全，不公开可能对公共利益造成重大影响，决定予以公开。')
  await page.getByTestId('submit-draft-answer').click()
  await expect.text(tp, '请填写决定公开的理由')
  const disclosureDate = addDays(today, 10)
  await page.getByTestId('draft-tp-reasons').fill('环评报告关系周边居民环境权益，不公开可能对公共利益造成重大影响。')
  await pickDate(page, page.getByTestId('draft-tp-date'), disclosureDate)
  await settle(page)
  await shot('draft-third-party')
  await page.getByTestId('submit-draft-answer').click()
  await expect.text(page.getByTestId('case-status'), '答复审核中')
  await expect.text(page.getByTestId('draft-third-party-notice'), '告知书随答复批准发出')

  // Approved: the notice goes out, and delivery waits for its date.
  await act(baseURL, supervisor, c.id, 'decide-answer', { approve: true })
  await page.reload()
  await expect.text(page.getByTestId('case-status'), '已答复')
  await expect.text(page.getByTestId('delivery-held'), `已告知第三方将于 ${zhDate(disclosureDate)} 公开，此前不能送达答复`)
  await expect.text(page.getByTestId('draft-third-party-notice'), `告知书已于 ${zhDate(today)} 发出`)
  expect.equal(await page.getByTestId('action-record-delivery').count(), 0, 'no delivery before the disclosure date')
  await expect.text(page.getByTestId('timeline'), '已向 1 个第三方发出告知书')
  let refused = ''
  try {
    await act(baseURL, officer, c.id, 'record-delivery', { method: 'pickup', deliveredOn: today })
  } catch (e) {
    refused = String(e.message)
  }
  expect.ok(refused.includes('409') && refused.includes('第三十二条'), `delivery refused with the server's reason: ${refused.slice(0, 200)}`)
  await settle(page)
  await shot('delivery-held')
}
