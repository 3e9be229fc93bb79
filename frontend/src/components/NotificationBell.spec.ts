import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/locales'
import { useAuthStore } from '@/store/auth'
import type { User } from '@/api/auth'
import NotificationBell, { POLL_MS } from './NotificationBell.vue'

const user = { id: 1, username: 'demo-applicant', role: 'applicant', displayName: '张明' } as User

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } })
}

function setup(handler: (url: string, init: RequestInit) => Response) {
  const fetchMock = vi.fn((input: RequestInfo | URL, init: RequestInit = {}) => Promise.resolve(handler(String(input), init)))
  vi.stubGlobal('fetch', fetchMock)
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { template: '<div/>' } }] })
  const auth = useAuthStore()
  auth.setSession({ accessToken: 'A', refreshToken: 'r', expiresIn: 900, user })
  const wrapper = mount(NotificationBell, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  return { fetchMock, wrapper, auth }
}

const countCalls = (f: ReturnType<typeof vi.fn>) => f.mock.calls.filter((c) => String(c[0]).endsWith('/notifications/unread-count')).length

beforeEach(() => vi.useFakeTimers())
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('NotificationBell', () => {
  it('polls the unread count every minute while logged in and shows it', async () => {
    const { fetchMock, wrapper, auth } = setup(() => json(200, { count: 3 }))
    await flushPromises()
    expect(countCalls(fetchMock)).toBe(1)
    expect(wrapper.get('[data-testid="notification-bell"]').attributes('aria-label')).toBe('3 条未读消息')
    expect(wrapper.text()).toContain('3')

    await vi.advanceTimersByTimeAsync(POLL_MS)
    expect(countCalls(fetchMock)).toBe(2)

    auth.clear()
    await flushPromises()
    await vi.advanceTimersByTimeAsync(POLL_MS * 3)
    expect(countCalls(fetchMock)).toBe(2)
    wrapper.unmount()
  })

  it('ignores a 404 while the notification API is not there', async () => {
    const { wrapper } = setup(() => json(404, { status: 404, code: 'not_found', detail: '接口不存在' }))
    await flushPromises()
    expect(wrapper.get('[data-testid="notification-bell"]').attributes('aria-label')).toBe('消息通知')
    expect(wrapper.find('.gk-bell__count').exists()).toBe(false)
    wrapper.unmount()
  })

  it('lists notifications in a drawer and marks one read', async () => {
    const { fetchMock, wrapper } = setup((url, init) => {
      if (url.endsWith('/unread-count')) return json(200, { count: 1 })
      if (url.includes('/notifications?')) {
        return json(200, { items: [{ id: 9, title: '补正告知', body: '请于 15 个工作日内补正', caseId: 4, createdAt: '2026-11-29T02:00:00Z', readAt: null }] })
      }
      if (url.endsWith('/notifications/9/read') && init.method === 'POST') return new Response(null, { status: 204 })
      return json(404, { status: 404 })
    })
    await flushPromises()
    await wrapper.get('[data-testid="notification-bell"]').trigger('click')
    await flushPromises()
    expect(fetchMock.mock.calls.some((c) => String(c[0]) === '/api/v1/notifications?limit=20')).toBe(true)
    expect(document.body.textContent).toContain('补正告知')
    const button = [...document.body.querySelectorAll('button')].find((b) => b.textContent?.includes('标为已读'))
    expect(button).toBeTruthy()
    button!.click()
    await flushPromises()
    expect(fetchMock.mock.calls.some((c) => String(c[0]) === '/api/v1/notifications/9/read')).toBe(true)
    expect(wrapper.get('[data-testid="notification-bell"]').attributes('aria-label')).toBe('消息通知')
    wrapper.unmount()
  })

  it('links an administrator\'s provisional-year warning to the calendar, in words that say so', async () => {
    const admin = { id: 7, username: 'demo-admin', role: 'admin', displayName: '系统管理员' } as User
    const fetchMock = vi.fn((input: RequestInfo | URL) => {
      const url = String(input)
      if (url.endsWith('/unread-count')) return Promise.resolve(json(200, { count: 1 }))
      return Promise.resolve(
        json(200, {
          items: [{ id: 3, kind: 'calendar.provisional_year', title: '2027 年节假日安排尚未确认', body: '3 件在办申请的期限涉及 2027 年。', link: '/staff/admin/calendar', caseId: null, createdAt: '2026-12-04T02:00:00Z', readAt: null }],
        }),
      )
    })
    vi.stubGlobal('fetch', fetchMock)
    const pinia = createPinia()
    setActivePinia(pinia)
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/', component: { template: '<div/>' } },
        { path: '/staff/admin/calendar', name: 'admin-calendar', component: { template: '<div/>' } },
      ],
    })
    useAuthStore().setSession({ accessToken: 'A', refreshToken: 'r', expiresIn: 900, user: admin })
    const wrapper = mount(NotificationBell, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
    await flushPromises()
    await wrapper.get('[data-testid="notification-bell"]').trigger('click')
    await flushPromises()
    const link = document.body.querySelector('[data-testid="bell-link-3"]')
    expect(link?.textContent).toBe('查看节假日日历')
    expect(link?.getAttribute('href')).toBe('/staff/admin/calendar')
    wrapper.unmount()
  })
})
