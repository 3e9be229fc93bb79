// The supervisor's desk: the approvals page lists the extension requests
// and the drafted answers waiting, each beside its case and clock; a
// decision there takes effect. The conversion page shows a group of
// similar requests from two applicants side by side and converts it.
import { act, api, beijingToday, creditCode, logIn, registerCase, settle, token } from '../lib/staff.mjs'

export const name = 'supervisor: approvals page (extension and answer beside their clocks), conversion candidates side by side'

export async function run({ page, baseURL, shot, expect }) {
  const seq = Date.now().toString(36)
  const today = beijingToday()
  const officer = await token(baseURL, 'demo-officer')
  const supervisor = await token(baseURL, 'demo-supervisor')
  const admin = await token(baseURL, 'demo-admin')

  // An extension request and a drafted answer, set up through the API.
  const a = await registerCase(baseURL, officer, { title: `城区排水管网改造工程招标文件 ${seq}`, arrivedOn: today })
  await act(baseURL, officer, a.id, 'accept')
  await act(baseURL, officer, a.id, 'request-extension', { days: 5, reason: '需向施工单位调取招标文件原件。' })
  const b = await registerCase(baseURL, officer, { title: `2026年度城区绿化养护经费预算 ${seq}`, arrivedOn: today })
  await act(baseURL, officer, b.id, 'accept')
  await act(baseURL, officer, b.id, 'draft-answer', { outcome: 'partially_disclosed', legalBasis: '《中华人民共和国政府信息公开条例》第三十七条', text: '经审查，您申请的信息部分公开，详见附件。', withheldReasons: '预算明细中涉及个人信息的部分不予公开。' })

  // Two applicants ask for the same information; one is answered in full.
  const same = '请公开2026年度城区集中供暖价格调整听证会的听证报告、成本监审报告和价格调整方案。'
  const g1 = await registerCase(baseURL, officer, { title: `城区集中供暖价格调整听证材料 ${seq}`, arrivedOn: today, description: same })
  await registerCase(baseURL, officer, {
    title: `城区集中供暖价格调整听证材料 ${seq}`,
    arrivedOn: today,
    description: same,
    applicant: { applicantType: 'organization', name: '莱芜区供热用户协会', orgCategory: 'public_welfare', creditCode: creditCode('51370100MJ0000001'), legalRepresentative: '高峰', contactPerson: '李红', phone: '13905310199' },
  })
  await act(baseURL, officer, g1.id, 'accept')
  await act(baseURL, officer, g1.id, 'draft-answer', { outcome: 'disclosed', legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（二）项', text: '经审查，您申请的听证材料予以公开，详见附件。' })
  await act(baseURL, supervisor, g1.id, 'decide-answer', { approve: true })
  await api(baseURL, admin, 'POST', '/admin/jobs/conversion-review/run')

  // ---- approvals ----
  await logIn(page, expect, 'demo-supervisor')
  await page.getByTestId('menu-approvals').click()
  await expect.url(page, /\/staff\/approvals$/)
  const extCard = page.getByTestId(`approval-ext-${a.id}`)
  const ansCard = page.getByTestId(`approval-ans-${b.id}`)
  await expect.visible(extCard, 'pending extension listed')
  await expect.text(extCard.getByTestId('ext-days'), '5 个工作日')
  await expect.text(extCard.getByTestId('clock-words'), '剩余')
  await expect.text(extCard.getByTestId('clock-trace'), '收到申请')
  await expect.visible(ansCard, 'drafted answer listed')
  await expect.text(ansCard.getByTestId('draft-outcome'), '部分公开')
  await expect.text(ansCard, '预算明细中涉及个人信息的部分不予公开')
  await expect.text(ansCard.getByTestId('clock-words'), '答复期限')
  await settle(page)
  await shot('approvals')

  await extCard.getByTestId('decide-approve').click()
  await expect.hidden(extCard, 'extension decided')
  // Returning needs a comment.
  await ansCard.getByTestId('decide-return').click()
  await expect.text(ansCard, '不批准或退回时请填写意见')
  await ansCard.getByTestId('decide-comment').fill('请补充说明不予公开部分对应的具体条款。')
  await ansCard.getByTestId('decide-return').click()
  await expect.hidden(ansCard, 'answer returned')

  const ca = await api(baseURL, officer, 'GET', `/applications/${a.id}`)
  expect.equal(ca.clock.extendedDays, 5, 'extension approved')
  const cb = await api(baseURL, officer, 'GET', `/applications/${b.id}`)
  expect.equal(cb.status, 'handling', 'answer back to the officer')
  expect.equal(cb.state.answer.decision, 'returned', 'answer returned')

  // ---- conversion candidates ----
  await page.getByTestId('menu-conversion').click()
  await expect.url(page, /\/staff\/conversion$/)
  const group = page.locator('article', { hasText: '多人申请相同信息' }).filter({ hasText: `城区集中供暖价格调整听证材料 ${seq}` })
  await expect.visible(group, 'group candidate')
  expect.equal(await group.locator('.gk-conv__member').count(), 2, 'both requests side by side')
  await expect.text(group, '予以公开')
  await expect.text(group, '相似度')
  await expect.text(group, '法人或其他组织')
  await settle(page)
  await shot('conversion')
  await group.getByText('转为主动公开', { exact: true }).click()
  await group.getByRole('textbox').last().fill('https://www.laiwu.example.gov.cn/zfxxgk/gongnuan-2026')
  await group.getByRole('button', { name: '提交决定' }).click()
  await expect.visible(page.getByText('已决定转为主动公开'), 'converted')
  await page.getByText('已转主动公开', { exact: true }).click()
  await expect.text(page.locator('main'), 'gongnuan-2026')
  await shot('conversion-converted')
}
