import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { i18n } from '@/locales'
import '@/locales/staff'
import type { Case } from '@/api/cases'
import FeeComparison from './FeeComparison.vue'
import FeeNoticeForm from './FeeNoticeForm.vue'

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('FeeComparison', () => {
  it('shows both methods side by side with their amounts and marks the lower one', () => {
    const w = mount(FeeComparison, { props: { quote: { monthCount: 12, pages: 300, perApplication: 100, perPage: 6700 }, modelValue: '' }, global: { plugins: [i18n] } })
    expect(w.get('[data-testid="fee-amount-per_application"]').text()).toBe('100 元')
    expect(w.get('[data-testid="fee-amount-per_page"]').text()).toBe('6700 元')
    expect(w.get('[data-testid="fee-per_application"]').text()).toContain('按件计收')
    expect(w.get('[data-testid="fee-per_application"]').text()).toContain('本月第 12 件申请')
    expect(w.get('[data-testid="fee-per_application"]').text()).toContain('金额较低')
    expect(w.get('[data-testid="fee-per_page"]').text()).toContain('共 300 页')
    expect(w.get('[data-testid="fee-per_page"]').text()).not.toContain('金额较低')
  })

  it('disables a method that charges nothing or still needs the pages', () => {
    const w = mount(FeeComparison, { props: { quote: { monthCount: 1, pages: 0, perApplication: 0, perPage: 0 }, modelValue: '' }, global: { plugins: [i18n] } })
    const inputs = w.findAll('input[type=radio]').map((i) => (i.element as HTMLInputElement).disabled)
    expect(inputs).toEqual([true, true])
    expect(w.get('[data-testid="fee-per_application"]').text()).toContain('无需收费')
    expect(w.get('[data-testid="fee-amount-per_page"]').text()).toBe('请先填写页数')
  })
})

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
}

describe('FeeNoticeForm', () => {
  it('asks the server for both amounts as the pages change and sends the chosen method', async () => {
    const fetchMock = vi.fn((input: RequestInfo | URL) => {
      const pages = Number(new URL(String(input), 'http://x').searchParams.get('pages'))
      return Promise.resolve(json({ monthCount: 12, pages, perApplication: 100, perPage: pages > 100 ? (pages - 100) * 10 : 0 }))
    })
    vi.stubGlobal('fetch', fetchMock)
    const perform = vi.fn(async () => true)
    const w = mount(FeeNoticeForm, { props: { cs: { id: 9 } as Case, today: '2026-11-30', perform }, global: { plugins: [i18n] }, attachTo: document.body })
    await new Promise((r) => setTimeout(r, 300))
    await flushPromises()
    expect(String(fetchMock.mock.calls[0][0])).toContain('/applications/9/fee-quote?pages=0')
    expect(w.get('[data-testid="fee-amount-per_application"]').text()).toBe('100 元')

    await w.get('[data-testid="fee-pages"] input').setValue('400')
    await new Promise((r) => setTimeout(r, 300))
    await flushPromises()
    expect(String(fetchMock.mock.calls.at(-1)![0])).toContain('pages=400')
    expect(w.get('[data-testid="fee-amount-per_page"]').text()).toBe('3000 元')

    await w.get('[data-testid="fee-per_page"] input').setValue(true)
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(perform).toHaveBeenCalledWith({ method: 'per_page', pages: 400, receivedOn: '2026-11-30' })
    w.unmount()
  })
})
