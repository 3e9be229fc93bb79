import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { User } from '@/api/auth'
import { i18n, setLocale } from '@/locales'
import '@/locales/staff'
import { useAuthStore } from '@/store/auth'
import CaseNew from './index.vue'

// The registration page shows the Art 31 rule for the channel beside the
// receipt date, fills the date in where the law fixes it and leaves it
// empty where the receipt is confirmed with the applicant.

const user = { id: 4, username: 'demo-officer', role: 'officer', displayName: '刘晓燕', agencyId: 1, agency: { id: 1, name: '济南市莱芜区人民政府办公室', shortName: '区政府办公室' } } as User

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
}

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

async function setup() {
  vi.stubGlobal(
    'fetch',
    vi.fn((input: RequestInfo | URL) => {
      const url = String(input)
      if (url.includes('/calendar/days')) {
        const from = new URL(url, 'http://x').searchParams.get('from')!
        const items = Array.from({ length: 21 }, (_, i) => {
          const d = new Date(`${from}T00:00:00Z`)
          d.setUTCDate(d.getUTCDate() + i)
          const day = d.getUTCDay()
          return { date: d.toISOString().slice(0, 10), workday: day !== 0 && day !== 6, holiday: '', adjusted: false, provisional: false, override: false }
        })
        return Promise.resolve(json({ items, total: items.length }))
      }
      return Promise.resolve(json({ items: [], total: 0 }))
    }),
  )
  setLocale('zh-CN')
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setSession({ accessToken: 'A', refreshToken: 'r', expiresIn: 900, user })
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: CaseNew }, { path: '/staff/cases', name: 'staff-cases', component: { template: '<p/>' } }] })
  await router.push('/')
  const w = mount(CaseNew, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return w
}

describe('registering an application', () => {
  it('shows the receipt rule of the channel beside the date and applies it', async () => {
    const w = await setup()
    const vm = w.vm as unknown as { form: { channel: string; arrivedAt: string; receiptDate: string } }
    const rule = () => w.get('[data-testid="receipt-rule"]').text()
    expect(rule()).toContain('第三十一条第（一）项')
    expect(rule()).toContain('以提交之日为收到申请之日')
    vm.form.arrivedAt = '2026-11-27 10:00'
    await flushPromises()
    expect(vm.form.receiptDate).toBe('2026-11-27')

    vm.form.channel = 'fax'
    await flushPromises()
    expect(rule()).toContain('以双方确认之日为收到申请之日')
    expect(rule()).toContain('待确认收到')
    expect(vm.form.receiptDate).toBe('')

    vm.form.channel = 'registered_post'
    await flushPromises()
    expect(rule()).toContain('以行政机关签收之日为收到申请之日')
    expect(vm.form.receiptDate).toBe('2026-11-27')

    // Online on a Saturday: the calendar date of submission (Art 31(3)).
    vm.form.arrivedAt = '2026-11-28 10:00'
    vm.form.channel = 'online'
    await flushPromises()
    expect(vm.form.receiptDate).toBe('2026-11-28')
    expect(rule()).toContain('提交当日')
    w.unmount()
  })

  it('asks why the applicant was unreachable for a receipt date after the arrival, and sends it', async () => {
    const w = await setup()
    const vm = w.vm as unknown as { form: { channel: string; arrivedAt: string; receiptDate: string; unreachableReason: string }; payload: () => Record<string, unknown> }
    vm.form.arrivedAt = '2026-11-27 10:00'
    vm.form.channel = 'ordinary_post'
    await flushPromises()
    expect(w.find('[data-testid="register-unreachable"]').exists()).toBe(false)
    expect(w.get('[data-testid="receipt-rule"]').text()).toContain('答复期限暂自到达之日起计算')

    vm.form.receiptDate = '2026-11-27'
    await flushPromises()
    expect(w.find('[data-testid="register-unreachable"]').exists()).toBe(false)

    vm.form.receiptDate = '2026-11-30'
    await flushPromises()
    expect(w.find('[data-testid="register-unreachable"]').exists()).toBe(true)
    expect(w.text()).toContain('当日无法联系申请人的原因')
    vm.form.unreachableReason = ' 申请人电话停机，次日才联系上 '
    expect(vm.payload()).toMatchObject({ channel: 'ordinary_post', receiptDate: '2026-11-30', unreachableReason: '申请人电话停机，次日才联系上' })

    // Back to the arrival day: the reason is not sent.
    vm.form.receiptDate = '2026-11-27'
    await flushPromises()
    expect(vm.payload().unreachableReason).toBeUndefined()
    w.unmount()
  })
})
