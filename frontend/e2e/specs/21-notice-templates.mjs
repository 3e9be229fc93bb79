// An agency's notice templates: the administrator opens the receipt's
// template, sees the live preview follow the text, saves version 1 with a
// note, is told plainly when someone saved meanwhile (409), and reads an
// earlier version from the history. Then the agency's seal: uploaded and
// removed after the confirmation.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sealPNG } from '../lib/png.mjs'
import { api, logIn, settle, token } from '../lib/staff.mjs'

export const name = 'notice templates: edit with a live preview, save a version with a note, a stale base is refused, history; a seal uploaded and removed'

export async function run({ page, baseURL, shot, expect }) {
  const admin = await token(baseURL, 'demo-admin')
  // Another agency than the seal spec's: the third active one.
  const agency = (await api(baseURL, null, 'GET', '/agencies')).items[2]
  const marker = `特别提示：本回执仅供查询使用 ${Date.now().toString(36)}`

  await logIn(page, expect, 'demo-admin')
  await page.getByTestId('menu-admin-agencies').click()
  await expect.text(page.getByTestId('agencies-table'), agency.name)
  await page.getByTestId(`agency-templates-${agency.code}`).click()
  const drawer = page.getByTestId('templates-drawer')
  await expect.text(drawer.getByTestId('templates-table'), '接收回执')
  await expect.text(drawer.getByTestId('template-version-receipt'), '—')
  await drawer.getByTestId('template-edit-receipt').click()

  const text = drawer.getByTestId('template-text')
  await expect.visible(text, 'the editor')
  const preview = drawer.frameLocator('[data-testid=template-preview]')
  await expect.text(preview.locator('body'), '本机关已收到')
  const original = await text.inputValue()
  await text.fill(`${original}\n<p>${marker}</p>`)
  await expect.text(preview.locator('body'), marker)
  // A template that does not parse is refused with the server's reason.
  await text.fill(`${original}\n<p>{{.NoSuchField</p>`)
  await expect.visible(drawer.getByTestId('template-preview-error'), 'preview error shown')
  await text.fill(`${original}\n<p>${marker}</p>`)
  await expect.hidden(drawer.getByTestId('template-preview-error'), 'preview error gone')
  await drawer.getByTestId('template-note').fill('回执加特别提示')
  await drawer.getByTestId('template-save').click()
  await expect.visible(page.getByText('模板已保存为第1版'), 'saved as version 1')
  await expect.text(drawer.getByTestId('template-versions'), '回执加特别提示')
  await settle(page)
  await shot('editor')

  // Someone else saves version 2 meanwhile: our save is refused plainly.
  await api(baseURL, admin, 'PUT', `/admin/agencies/${agency.id}/templates/receipt`, { baseVersion: 1, text: original, note: '恢复默认' })
  await text.fill(`${original}\n<p>${marker}（再改）</p>`)
  await drawer.getByTestId('template-save').click()
  await expect.text(drawer.getByTestId('template-stale'), '已被他人修改为第2版')
  await drawer.getByTestId('template-load-latest').click()
  await expect.hidden(drawer.getByTestId('template-stale'), 'stale notice gone')
  expect.ok((await text.inputValue()).includes('（再改）'), 'the text typed is kept to merge by hand')

  // History: version 1 read only.
  await drawer.getByTestId('template-show-v1').click()
  const old = drawer.getByTestId('template-text-readonly')
  await expect.visible(old, 'version 1 shown read-only')
  expect.ok((await old.inputValue()).includes(marker), 'version 1 has the marker')
  await expect.text(preview.locator('body'), marker)
  await drawer.getByTestId('template-back').click()
  await expect.text(drawer.getByTestId('template-version-receipt'), '第2版')

  await page.keyboard.press('Escape')
  await expect.hidden(drawer, 'templates closed')

  // The seal: upload, then remove (confirmed).
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-e2e-seal-'))
  try {
    const png = join(dir, 'seal.png')
    writeFileSync(png, sealPNG(200))
    await page.getByTestId(`agency-seal-${agency.code}`).click()
    const dialog = page.getByTestId('seal-dialog')
    await expect.visible(dialog.getByTestId('seal-none'), 'no seal yet')
    await dialog.getByTestId('seal-file').setInputFiles(png)
    await expect.text(dialog.getByTestId('seal-info'), '200×200')
    await dialog.getByTestId('seal-remove').click()
    const confirm = page.locator('.el-message-box')
    await confirm.getByRole('button', { name: '删除印章' }).click()
    await expect.visible(dialog.getByTestId('seal-none'), 'seal removed')
    await expect.visible(page.getByText('电子印章已删除'), 'removal said')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
