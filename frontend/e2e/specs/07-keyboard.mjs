export const name = 'keyboard: skip link first, visible focus, forms usable without a mouse'

const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement
    const cs = el ? getComputedStyle(el) : null
    return { tag: el?.tagName, id: el?.id, text: (el?.textContent || '').trim(), outline: cs ? `${cs.outlineStyle} ${cs.outlineWidth}` : '' }
  })

export async function run({ page, baseURL, shot, expect }) {
  await page.goto('/')
  await expect.visible(page.getByRole('heading', { level: 1 }))
  await page.keyboard.press('Tab')
  let f = await focused(page)
  expect.equal(f.text, '跳到主要内容', 'first Tab stop')
  expect.ok(!f.outline.startsWith('none'), `skip link focus is visible (${f.outline})`)
  await shot('skip-link')
  await page.keyboard.press('Enter')
  f = await focused(page)
  expect.equal(f.id, 'main', 'focus moved to main')
  await page.keyboard.press('Tab')
  f = await focused(page)
  expect.equal(f.text, '在线申请', 'next stop is the first link in the content')
  expect.ok(!f.outline.startsWith('none'), `focus ring on links (${f.outline})`)
  await shot('focus-ring')

  // Log in with the keyboard alone.
  await page.goto('/login')
  await page.getByLabel('用户名').focus()
  await page.keyboard.type('demo-org')
  await page.keyboard.press('Tab')
  await page.keyboard.type('gongkai-demo')
  await page.keyboard.press('Enter')
  await expect.url(page, `${baseURL}/`)
  await expect.text(page.getByTestId('header-user'), '山东泰山明德律师事务所')

  // Every input on the register and login pages has a label.
  await page.getByTestId('logout').click()
  for (const path of ['/login', '/register']) {
    await page.goto(path)
    await expect.visible(page.getByRole('heading', { level: 1 }))
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input:not([type=hidden]):not([hidden]), select, textarea')]
        .filter((el) => el.offsetParent !== null)
        .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
        .map((el) => el.outerHTML.slice(0, 120)),
    )
    expect.equal(unlabelled.length, 0, `unlabelled inputs on ${path}: ${unlabelled.join(' | ')}`)
  }
}
