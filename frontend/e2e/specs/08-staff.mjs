export const name = 'staff land on the workbench; applicant pages are closed to them'

export async function run({ page, shot, expect }) {
  await page.goto('/login')
  await page.getByLabel('用户名').fill('demo-officer')
  await page.getByLabel('密码').fill('gongkai-demo')
  await page.getByTestId('login-submit').click()
  await expect.url(page, /\/staff$/)
  await expect.visible(page.getByRole('heading', { level: 1, name: '您好，刘晓燕' }))
  await expect.text(page.locator('main'), '济南市莱芜区人民政府办公室')
  await expect.visible(page.getByRole('navigation', { name: '工作台菜单' }))
  await shot('dashboard')

  await page.goto('/apply')
  await expect.visible(page.getByRole('heading', { level: 1, name: '无权访问' }))
  await shot('forbidden')
}
