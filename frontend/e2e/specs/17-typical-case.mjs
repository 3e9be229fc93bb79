// Typical cases and answer standards: the supervisor marks an answered
// case as typical from its page (tags and analysis), finds it in the
// library by its tag, reads the analysis and the approved answer, and
// turns the answer into a template; the officer drafting another case's
// answer is offered that template, which fills in the legal basis and the
// text. A seeded template's placeholders are marked, in the standards and
// in the draft.
import { act, beijingToday, logIn, logOut, registerCase, settle, token } from '../lib/staff.mjs'
import { answer } from '../lib/reports.mjs'

export const name = 'typical case: mark an answered case, find it by tag, make it a template, and see the template offered in another case’s draft answer'

const LAW = '《中华人民共和国政府信息公开条例》第三十六条第（二）项'
const TEXT = '经查，您申请公开的龙潭片区土地征收批准文件为省人民政府批复，现将该批准文件提供给您（见附件），请查收。'

// typeOption types into an Element Plus select that allows new entries
// and picks what was typed.
async function typeOption(page, select, text) {
  await select.click()
  const input = select.locator('input')
  // Typed key by key, as a person does (the select follows keystrokes).
  await input.pressSequentially(text)
  await page.waitForTimeout(200)
  await input.press('Enter')
  await page.waitForTimeout(200)
}

export async function run({ page, baseURL, shot, expect }) {
  const seq = Date.now().toString(36)
  const tag = `征地${seq}`
  const officer = await token(baseURL, 'demo-officer')
  const supervisor = await token(baseURL, 'demo-supervisor')
  const today = beijingToday()
  const answered = await registerCase(baseURL, officer, { title: `龙潭片区土地征收批准文件 ${seq}`, arrivedOn: today, description: '请公开龙潭片区集体土地征收的批准文件及征地公告。' })
  await act(baseURL, officer, answered.id, 'accept')
  await answer(baseURL, officer, supervisor, answered.id, { outcome: 'disclosed', legalBasis: LAW, text: TEXT })
  const next = await registerCase(baseURL, officer, { title: `雪野片区土地征收批准文件 ${seq}`, arrivedOn: today, description: '请公开雪野片区集体土地征收的批准文件。' })
  await act(baseURL, officer, next.id, 'accept')

  // ---- mark it typical from the case page ----
  await logIn(page, expect, 'demo-supervisor')
  await page.goto(`/staff/cases/${answered.id}`)
  await expect.visible(page.getByTestId('download-dossier'), 'the dossier download')
  const [zip] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-dossier').click()])
  expect.ok(zip.suggestedFilename().endsWith('.zip'), `dossier file (${zip.suggestedFilename()})`)
  await page.getByTestId('mark-typical').click()
  const form = page.getByTestId('typical-form')
  await expect.visible(form, 'the typical-case form')
  // Tags: typed into the select (which creates them) and confirmed.
  const tags = form.getByTestId('typical-tags')
  await typeOption(page, tags, tag)
  await typeOption(page, tags, '土地征收')
  await expect.text(form.getByTestId('typical-tags'), tag)
  await form.getByTestId('typical-analysis').fill('征地批准文件属于应当主动公开的政府信息，申请人依申请获取时应当直接提供，并告知其获取途径。本案答复及时、依据准确。')
  await settle(page)
  await shot('mark')
  await form.getByTestId('typical-form-save').click()
  await expect.visible(page.getByTestId('typical-link'), 'the case is now a typical case')

  // ---- find it by its tag ----
  await page.getByTestId('menu-reports-typical-cases').click()
  await expect.url(page, /\/staff\/reports\/typical-cases/)
  await page.getByTestId(`typical-tag-${tag}`).click()
  await expect.url(page, /tag=/)
  const list = page.getByTestId('typical-list')
  await expect.text(list, '共 1 个案例')
  await expect.text(list, `龙潭片区土地征收批准文件 ${seq}`)
  await settle(page)
  await shot('library')
  await list.getByRole('link', { name: `龙潭片区土地征收批准文件 ${seq}` }).click()
  const detail = page.getByTestId('typical-detail')
  await expect.text(detail.getByTestId('typical-analysis-text'), '征地批准文件属于应当主动公开的政府信息')
  await expect.text(detail.getByTestId('typical-answer'), TEXT)
  await settle(page)
  await shot('detail')

  // ---- make it a template ----
  await detail.getByTestId('typical-to-template').click()
  const tf = page.getByTestId('to-template-form')
  await expect.visible(tf, 'the template form')
  await typeOption(page, tf.getByTestId('to-template-topic'), '土地征收')
  await typeOption(page, tf.getByTestId('to-template-stage'), '征地批准文件')
  const title = `征地批准文件——直接提供（${seq}）`
  await tf.getByTestId('to-template-title').fill(title)
  await tf.getByTestId('to-template-form-save').click()
  await expect.url(page, /\/staff\/reports\/templates\?topic=/)
  const made = page.getByTestId('tpl-list').locator('article', { hasText: title })
  await expect.visible(made, 'the new template under its topic')
  await expect.text(made, TEXT)
  await expect.text(made, '来自典型案例')
  // The seeded templates mark their placeholders.
  await expect.visible(page.getByTestId('tpl-list').getByTestId('placeholder').filter({ hasText: '{{项目名称}}' }), 'a highlighted placeholder')
  await settle(page)
  await shot('templates')

  // ---- the officer drafting the next case is offered it ----
  await logOut(page, expect)
  await logIn(page, expect, 'demo-officer')
  await page.goto(`/staff/cases/${next.id}`)
  await page.getByTestId('action-draft-answer').click()
  await page.getByTestId('outcome-picker').getByTestId('outcome-disclosed').click()
  await expect.visible(page.getByTestId('template-slot'), 'the template slot')
  await page.getByTestId('draft-template').click()
  await page.getByRole('option', { name: new RegExp(seq) }).click()
  await expect.poll(async () => (await page.getByTestId('draft-text-input').inputValue()) === TEXT, 'the template’s text in the answer')
  expect.equal(await page.getByTestId('draft-legal-basis').inputValue(), LAW, 'the template’s legal basis')
  await expect.hidden(page.getByTestId('draft-placeholders'), 'nothing left to fill in')
  await settle(page)
  await shot('draft-template')

  // A seeded template with placeholders: they are named, and the draft is
  // not sent until they are filled in.
  await page.getByTestId('draft-template').click()
  await page.getByRole('option', { name: /征地批准文件——予以公开/ }).first().click()
  await expect.text(page.getByTestId('draft-placeholders'), '项目名称')
  await page.getByTestId('submit-draft-answer').click()
  await expect.text(page.getByTestId('form-draft-answer'), '请先替换模板中标出的待填内容')
  await settle(page)
  await shot('draft-placeholders')
}
