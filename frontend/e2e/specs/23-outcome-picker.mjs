// The outcome picker of 拟定答复 reads on its own: each group's legend
// （一）予以公开 … （五）不予处理 is visible at the size of the text, and
// every option is a whole statement with its article — none reads only
// "本项".
import { fileURLToPath } from 'node:url'
import { act, beijingToday, logIn, registerCase, settle, token } from '../lib/staff.mjs'

export const name = 'draft answer: the outcome picker shows its group legends and every option as a whole statement with its article'

const GROUPS = ['（一）予以公开', '（二）部分公开', '（三）不予公开', '（四）无法提供', '（五）不予处理']

export async function run({ page, baseURL, shot, expect }) {
  const officer = await token(baseURL, 'demo-officer')
  const c = await registerCase(baseURL, officer, { title: `答复选项${Date.now().toString(36)} 区级财政专项资金绩效评价报告`, arrivedOn: beijingToday() })
  await act(baseURL, officer, c.id, 'accept')

  await page.setViewportSize({ width: 1366, height: 768 })
  await logIn(page, expect, 'demo-officer')
  await page.goto(`/staff/cases/${c.id}`)
  await page.getByTestId('action-draft-answer').click()
  const picker = page.getByTestId('outcome-picker')
  await expect.visible(picker, 'outcome picker')
  await settle(page)
  await shot('picker')
  // The drawer as the officer sees it: the top of the picker on screen.
  await picker.locator('legend').first().scrollIntoViewIfNeeded()
  await settle(page)
  await page.screenshot({ path: fileURLToPath(new URL('../../test-results/screenshots/23-outcome-picker-drawer.png', import.meta.url)) })

  const legends = await picker.locator('legend').evaluateAll((ls) =>
    ls.map((l) => ({ text: l.innerText.trim(), width: Math.round(l.getBoundingClientRect().width), size: parseFloat(getComputedStyle(l).fontSize) })),
  )
  expect.equal(legends.length, GROUPS.length, 'five groups')
  legends.forEach((l, i) => {
    expect.ok(l.text.startsWith(GROUPS[i]), `legend ${i + 1} reads ${JSON.stringify(l.text)}`)
    expect.ok(l.size >= 14, `legend ${GROUPS[i]} is ${l.size} px high`)
    expect.ok(l.width >= 100, `legend ${GROUPS[i]} is ${l.width} px wide`)
  })

  const options = await picker.locator('label.el-radio').evaluateAll((ls) => ls.map((l) => l.innerText.replace(/\s+/g, ' ').trim()))
  expect.ok(options.length >= 18, `${options.length} options`)
  for (const o of options) {
    expect.ok(!/^本项/.test(o), `an option reads ${JSON.stringify(o)}`)
    expect.ok(/《[^》]+》第/.test(o), `option ${JSON.stringify(o)} names its article`)
    expect.ok(o.replace(/《.*$/, '').replace(/^\d+\./, '').trim().length >= 4, `option ${JSON.stringify(o)} is a statement`)
  }
  await expect.text(picker, '予以公开')
  await picker.getByTestId('outcome-partially_disclosed').click()
  await expect.visible(page.getByTestId('draft-withheld'), 'a partial disclosure asks for the withheld reasons')
}
