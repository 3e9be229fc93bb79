import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { User } from '@/api/auth'
import { i18n, setLocale } from '@/locales'
import { useAuthStore } from '@/store/auth'
import Apply from './index.vue'

// The apply page against a fake server (fetch is the process edge): the
// body it files, the Idempotency-Key it sends, and where the server's
// field messages land.

const user = { id: 2, username: 'demo-applicant', role: 'applicant', displayName: '张明', phone: '13905310001', email: 'a@example.com', address: '' } as User
const agencies = { items: [{ id: 1, name: '济南市莱芜区人民政府办公室', shortName: '区政府办公室', code: 'ZFB', phone: '0531-76211000', active: true, version: 1 }], total: 1, offset: 0, limit: 50 }

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } })
}

interface Call {
  url: string
  method: string
  headers: Headers
  body: unknown
}

async function setup(onCreate: (c: Call) => Response) {
  const calls: Call[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn((input: RequestInfo | URL, init: RequestInit = {}) => {
      const c = { url: String(input), method: init.method ?? 'GET', headers: new Headers(init.headers), body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined }
      calls.push(c)
      if (c.url.endsWith('/me')) return Promise.resolve(json(200, user))
      if (c.url.endsWith('/agencies')) return Promise.resolve(json(200, agencies))
      if (c.url.endsWith('/applications') && c.method === 'POST') return Promise.resolve(onCreate(c))
      return Promise.resolve(json(404, { status: 404 }))
    }),
  )
  setLocale('zh-CN')
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setSession({ accessToken: 'A', refreshToken: 'r', expiresIn: 900, user })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/apply', name: 'apply', component: Apply },
      { path: '/my/applications/:id/receipt', name: 'my-application-receipt', component: { template: '<p>receipt</p>' } },
      { path: '/profile', name: 'profile', component: { template: '<p/>' } },
    ],
  })
  await router.push('/apply')
  const wrapper = mount(Apply, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await flushPromises()
  // Fill the form as a person would have by the review step.
  const vm = wrapper.vm as unknown as {
    form: Record<string, unknown>
    step: number
    submit: () => Promise<void>
    errors: Record<string, string>
  }
  Object.assign(vm.form, {
    agencyId: 1,
    title: '2025年老旧小区改造资金使用情况',
    description: '请公开2025年度凤城街道老旧小区改造项目的资金安排和使用明细',
    purpose: '',
    formats: ['electronic'],
    delivery: 'email',
  })
  vm.step = 4
  await flushPromises()
  return { wrapper, vm, calls, router }
}

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('apply page', () => {
  it('files the application with an Idempotency-Key and shows the receipt', async () => {
    const { vm, calls, router } = await setup(() => json(201, { id: 42 }))
    await vm.submit()
    await flushPromises()
    const post = calls.find((c) => c.method === 'POST')!
    expect(post.body).toEqual({
      agencyId: 1,
      title: '2025年老旧小区改造资金使用情况',
      description: '请公开2025年度凤城街道老旧小区改造项目的资金安排和使用明细',
      formats: ['electronic'],
      delivery: 'email',
    })
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/)
    expect(router.currentRoute.value.fullPath).toBe('/my/applications/42/receipt')
  })

  it('puts server field messages on their fields and goes back to their step', async () => {
    const keys: string[] = []
    const { wrapper, vm } = await setup((c) => {
      keys.push(c.headers.get('Idempotency-Key')!)
      return json(422, { status: 422, code: 'validation_failed', detail: '请求无效', fields: [{ field: 'title', message: '信息名称须为 2–200 字' }] })
    })
    await vm.submit()
    await flushPromises()
    expect(vm.step).toBe(1)
    expect(vm.errors.title).toBe('信息名称须为 2–200 字')
    await wrapper.vm.$nextTick()
    // The title's own item is marked (Element Plus then shows the message under it).
    expect(wrapper.find('[data-testid=apply-title]').element.closest('.el-form-item')?.classList.contains('is-error')).toBe(true)
    expect(wrapper.find('[data-testid=apply-description]').element.closest('.el-form-item')?.classList.contains('is-error')).toBe(false)

    // A retry of the same body reuses the key; a changed body gets a new one.
    vm.step = 4
    await vm.submit()
    await flushPromises()
    vm.form.title = '2025年老旧小区改造资金'
    vm.step = 4
    await vm.submit()
    await flushPromises()
    expect(keys[1]).toBe(keys[0])
    expect(keys[2]).not.toBe(keys[0])
  })

  it('shows an unplaced server message above the form', async () => {
    const { wrapper, vm } = await setup(() => json(409, { status: 409, code: 'conflict', detail: '该幂等键已用于另一个不同的请求' }))
    await vm.submit()
    await flushPromises()
    expect(vm.step).toBe(4)
    expect(wrapper.find('[role=alert]').text()).toContain('该幂等键已用于另一个不同的请求')
  })

  it('will not go on with delivery by post when the profile has no postal address', async () => {
    const { wrapper, vm } = await setup(() => json(201, { id: 1 }))
    vm.form.delivery = 'post'
    vm.step = 2
    await flushPromises()
    expect(wrapper.find('[data-testid=delivery-problem]').text()).toContain('没有通讯地址')
    expect(wrapper.find('[data-testid=delivery-problem] a').attributes('href')).toBe('/profile')
    await wrapper.find('[data-testid=apply-next]').trigger('click')
    await flushPromises()
    expect(vm.step).toBe(2)
  })

  it('counts the title’s characters and keeps a title that is too long whole', async () => {
    const { wrapper } = await setup(() => json(201, { id: 1 }))
    const input = wrapper.get('[data-testid=apply-title]')
    expect(input.attributes('maxlength')).toBeUndefined()
    await input.setValue('城乡低保资金发放明细𠀀'.repeat(21))
    await flushPromises()
    expect((input.element as HTMLInputElement).value).toHaveLength(21 * 12)
    // Characters as the server counts them (𠀀 is one, two UTF-16 units).
    const count = wrapper.get('[data-testid=apply-title-count]')
    expect(count.text()).toContain('231 / 200')
    expect(count.classes()).toContain('is-over')
  })
})
