// Notices as PDF with the agency's electronic seal: the administrator
// uploads a seal (a bad file is refused with the server's reason; removing
// asks first), an officer registers an application with 加盖电子印章 and
// downloads the receipt PDF through the case page; poppler reads it back:
// one A4 page, the tracking number, and an image (the seal). A correction
// notice issued with the seal carries it too; a reissue without it is
// version 2, listed for staff. Then, on a 375 px phone, a tracker and an
// applicant on their own case see the receipt reflowed with 下载PDF.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { api, logIn, logOut, residentID, settle, token } from '../lib/staff.mjs'
import { sealPNG } from '../lib/png.mjs'

const shotsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results', 'screenshots')

export const name = 'notice PDF: admin uploads a seal, officer registers with 加盖电子印章, receipt PDF read back, reflowed on a phone'

export async function run(ctx) {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-e2e-pdf-'))
  try {
    await scenario({ ...ctx, dir })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function poppler(tool, args) {
  const r = spawnSync(tool, args, { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')}: ${r.status} ${r.stderr}`)
  return r.stdout
}

/** readPDF reads a downloaded PDF back with poppler-utils. */
function readPDF(path) {
  const info = poppler('pdfinfo', [path])
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])
  const [, w, h] = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info) ?? []
  const text = poppler('pdftotext', ['-layout', path, '-'])
  const images = poppler('pdfimages', ['-list', path]).split('\n').slice(2).filter((l) => l.trim()).length
  return { pages, w: Number(w), h: Number(h), text, images }
}

async function download(page, button, dir, name) {
  const [dl] = await Promise.all([page.waitForEvent('download'), button.click()])
  const p = join(dir, name)
  await dl.saveAs(p)
  return { path: p, suggested: dl.suggestedFilename() }
}

async function scenario({ page, baseURL, shot, expect, dir }) {
  const seq = Date.now()
  const officer = await token(baseURL, 'demo-officer')
  const me = await api(baseURL, officer, 'GET', '/me')
  const agency = (await api(baseURL, officer, 'GET', '/agencies')).items.find((a) => a.id === me.agencyId)
  expect.ok(agency, `the officer's agency ${me.agencyId}`)
  const good = join(dir, 'seal.png')
  writeFileSync(good, sealPNG())
  const bad = join(dir, 'not-a-seal.png')
  writeFileSync(bad, 'this is text, not an image')

  // ---- the administrator uploads the seal ----
  await logIn(page, expect, 'demo-admin')
  await page.getByTestId('menu-admin-agencies').click()
  await expect.text(page.getByTestId('agencies-table'), agency.name)
  await page.getByTestId(`agency-seal-${agency.code}`).click()
  const dialog = page.getByTestId('seal-dialog')
  await expect.visible(dialog.getByTestId('seal-none'), 'no seal yet')
  await dialog.getByTestId('seal-file').setInputFiles(bad)
  await expect.text(dialog.getByTestId('seal-refusal'), '印章未能保存：')
  await dialog.getByTestId('seal-file').setInputFiles(good)
  await expect.visible(dialog.getByTestId('seal-image'), 'seal shown')
  await expect.text(dialog.getByTestId('seal-info'), '120×120')
  await expect.hidden(dialog.getByTestId('seal-refusal'), 'refusal gone')
  // Removing asks first; cancelled, the seal stays.
  await dialog.getByTestId('seal-remove').click()
  const confirm = page.locator('.el-message-box')
  await expect.text(confirm, '已加盖印章的文书不受影响')
  await confirm.getByRole('button', { name: '取消' }).click()
  await expect.hidden(confirm, 'confirmation closed')
  await expect.visible(dialog.getByTestId('seal-image'), 'seal kept')
  await settle(page)
  await shot('seal')
  await dialog.getByRole('button', { name: '关闭', exact: true }).click()
  await logOut(page, expect)

  // ---- the officer registers with 加盖电子印章 ----
  const title = `2025年度老旧小区改造项目资金使用情况 ${seq.toString(36)}`
  await logIn(page, expect, 'demo-officer')
  await page.getByTestId('menu-cases-new').click()
  await expect.url(page, /\/staff\/cases\/new$/)
  await page.getByTestId('register-channel').getByText('当面提交').click()
  const sealBox = page.getByTestId('register-seal')
  await expect.visible(sealBox, '加盖电子印章 offered')
  await expect.text(sealBox, '加盖电子印章')
  expect.ok(!(await sealBox.locator('input').isChecked()), 'the seal is chosen, never a default')
  await sealBox.click()
  await expect.poll(async () => sealBox.locator('input').isChecked(), '加盖电子印章 chosen')
  await page.getByTestId('register-name').fill('韩雪梅')
  await page.getByTestId('register-id').fill(residentID(seq))
  await page.getByTestId('register-phone').fill('13905310177')
  await page.getByTestId('register-title').fill(title)
  await page.getByTestId('register-description').fill('请公开2025年度本区老旧小区改造项目的资金安排、拨付和使用明细。')
  await page.getByTestId('register-submit').click()
  await expect.url(page, /\/staff\/cases\/\d+$/)
  await expect.text(page.getByTestId('case-title'), title)
  const trackingNumber = (await page.getByTestId('case-tracking-number').innerText()).trim()
  const caseId = Number(/\/staff\/cases\/(\d+)$/.exec(page.url())[1])

  // ---- the receipt PDF, downloaded through the case page ----
  const receipt = page.getByTestId('notice-receipt')
  await expect.visible(receipt, 'the receipt is listed')
  await expect.text(receipt, '已加盖电子印章')
  const got = await download(page, receipt.getByTestId('notice-download-receipt'), dir, 'receipt.pdf')
  expect.ok(got.suggested.endsWith('.pdf'), `file name ${got.suggested}`)
  const pdf = readPDF(got.path)
  expect.equal(pdf.pages, 1, 'the receipt fits one page')
  expect.ok(Math.abs(pdf.w - 595.28) < 1 && Math.abs(pdf.h - 841.89) < 1, `A4 portrait, got ${pdf.w} x ${pdf.h} pts`)
  expect.ok(pdf.text.includes(trackingNumber), `the receipt names ${trackingNumber}`)
  expect.ok(pdf.images >= 1, `the sealed receipt carries an image, pdfimages lists ${pdf.images}`)
  await shot('case')

  // The steps that issue a notice offer the seal too: a correction
  // notice by post, sealed, read back with its seal.
  await page.getByTestId('action-request-correction').click()
  const corr = page.getByTestId('drawer-request-correction')
  const actionSeal = corr.getByTestId('action-seal')
  await expect.text(actionSeal, '加盖电子印章')
  expect.ok(!(await actionSeal.locator('input').isChecked()), 'the correction offers the seal, unchecked')
  await actionSeal.click()
  await corr.getByTestId('f-items-0').fill('请写明需要公开的具体小区名称')
  await corr.getByTestId('f-delivery').getByText('邮寄', { exact: true }).click()
  await page.getByTestId('submit-request-correction').click()
  const correction = page.getByTestId('notice-correction')
  await expect.text(correction, '已加盖电子印章')
  const corrPDF = readPDF((await download(page, correction.getByTestId('notice-download-correction'), dir, 'correction.pdf')).path)
  expect.equal(corrPDF.pages, 1, 'the correction notice fits one page')
  expect.ok(corrPDF.text.includes('请写明需要公开的具体小区名称'), 'the correction notice names the item')
  expect.ok(corrPDF.images >= 1, `the sealed correction notice carries an image, pdfimages lists ${corrPDF.images}`)

  // Reissue without the seal: a second version, listed for staff.
  await receipt.getByTestId('notice-reissue-receipt').click()
  const re = page.getByTestId('reissue-dialog')
  await re.getByTestId('reissue-reason').fill('申请人要求另出一份不加盖电子印章的回执')
  await expect.visible(re.getByTestId('reissue-seal'), 'reissue offers the seal')
  expect.ok(!(await re.getByTestId('reissue-seal').locator('input').isChecked()), 'and leaves it unchosen')
  await re.getByTestId('reissue-submit').click()
  await expect.visible(page.getByText('已重新出具，生成第2版'), 'reissued')
  await expect.visible(page.getByTestId('notice-versions-receipt'), 'versions listed')
  const v2 = await download(page, page.getByTestId('notice-pdf-receipt-v2'), dir, 'receipt-v2.pdf')
  const second = readPDF(v2.path)
  expect.equal(second.pages, 1, 'version 2 fits one page')
  expect.equal(second.images, 0, 'version 2 has no seal')
  const c = await api(baseURL, officer, 'GET', `/applications/${caseId}`)
  await logOut(page, expect)

  // ---- a tracker on a 375 px phone ----
  const phone = await page.context().browser().newContext({ baseURL, locale: 'zh-CN', viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, acceptDownloads: true })
  try {
    const p = await phone.newPage()
    const errors = []
    p.on('pageerror', (e) => errors.push(e.message))
    await p.goto('/track')
    await p.getByLabel('查询号').fill(trackingNumber)
    await p.getByLabel('查询码').fill(c.queryCode)
    await p.getByRole('button', { name: '查询', exact: true }).click()
    await expect.visible(p.getByTestId('track-result'), 'track result on the phone')
    await p.getByTestId('notice-open-receipt').click()
    const content = p.getByTestId('notice-content')
    await expect.text(content, '政府信息公开申请接收回执')
    await expect.text(content, agency.name)
    expect.equal(await p.getByTestId('notice-frame').count(), 0, 'no A4 frame on the phone')
    const wide = await p.evaluate(() => [...document.querySelectorAll('.gk-notice-reflow, .gk-notice-reflow *')].some((el) => el.scrollWidth > window.innerWidth + 1))
    expect.ok(!wide, 'the reflowed notice does not scroll sideways')
    await settle(p)
    await p.screenshot({ path: join(shotsDir, '20-notice-pdf-phone.png'), fullPage: true })
    const phonePDF = await download(p, p.getByTestId('notice-pdf'), dir, 'track-receipt.pdf')
    const tracked = readPDF(phonePDF.path)
    expect.ok(tracked.text.includes(trackingNumber), 'the tracked PDF names the tracking number')
    await p.keyboard.press('Escape')
    await expect.hidden(content, 'reading view closed')

    // The applicant's own case on the phone: the same reading view.
    const online = await api(baseURL, await token(baseURL, 'demo-applicant'), 'POST', '/applications', {
      agencyId: agency.id,
      title: `2026年度区级预算公开说明 ${seq.toString(36)}`,
      description: '请公开2026年度区级部门预算的编制说明和三公经费明细。',
      formats: ['electronic'],
      delivery: 'online',
    })
    await logIn(p, expect, 'demo-applicant')
    await p.goto(`/my/applications/${online.id}`)
    await p.getByTestId('notice-open-receipt').click()
    await expect.text(p.getByTestId('notice-content'), online.trackingNumber)
    await expect.visible(p.getByTestId('notice-pdf'), '下载PDF in the reading view')
    expect.equal(await p.getByTestId('notice-frame').count(), 0, 'no A4 frame for the applicant on the phone')
    const own = readPDF((await download(p, p.getByTestId('notice-pdf'), dir, 'own-receipt.pdf')).path)
    expect.ok(own.text.includes(online.trackingNumber), "the applicant's receipt PDF names the tracking number")
    expect.equal(errors.length, 0, `page errors on the phone: ${errors.join('; ')}`)
  } finally {
    await phone.close()
  }
}
