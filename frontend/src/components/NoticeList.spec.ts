import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { i18n } from '@/locales'
import type { Notice } from '@/api/cases'
import type { NoticeContent, NoticeSource } from '@/api/notices'
import NoticeList from './NoticeList.vue'

const pdfVersion = (version: number, sealed = false) => ({ version, sealed, signed: false, sha256: 'ab'.repeat(32), size: 1234, createdAt: '2026-12-04T02:00:00Z' })

const receipt: Notice = {
  id: 7,
  kind: 'receipt',
  title: '政府信息公开申请接收回执',
  docNumber: '莱芜区政府办〔2026〕第12号',
  recipient: '张明',
  public: true,
  eventSeq: 1,
  createdAt: '2026-12-04T02:00:00Z',
  versions: [pdfVersion(1, true), pdfVersion(2)],
}

const content: NoticeContent = { ...receipt, bodyHtml: '<p>本机关已收到您提交的政府信息公开申请。</p>', agency: '济南市莱芜区人民政府办公室', date: '2026年12月4日', footNote: '' }

function source(): NoticeSource & { [k: string]: ReturnType<typeof vi.fn> } {
  return {
    html: vi.fn(() => Promise.resolve('<html><body><h1>回执</h1></body></html>')),
    pdf: vi.fn(() => Promise.resolve(new Blob(['%PDF-1.7'], { type: 'application/pdf' }))),
    content: vi.fn(() => Promise.resolve(content)),
  }
}

function setup(props: { source: NoticeSource; staff?: boolean }) {
  // jsdom has no object URLs; saveBlob needs them.
  Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() })
  return mount(NoticeList, { props: { notices: [receipt], ...props }, global: { plugins: [i18n] }, attachTo: document.body })
}

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('NoticeList', () => {
  it('offers 下载PDF on every notice, the latest version for applicants and trackers', async () => {
    const src = source()
    const w = setup({ source: src })
    const button = w.get('[data-testid="notice-download-receipt"]')
    expect(button.text()).toBe('下载PDF')
    expect(w.find('[data-testid="notice-versions-receipt"]').exists()).toBe(false)
    expect(w.find('[data-testid="notice-reissue-receipt"]').exists()).toBe(false)
    await button.trigger('click')
    await flushPromises()
    expect(src.pdf).toHaveBeenCalledWith(7, undefined)
  })

  it('lists every PDF version for staff, each downloadable', async () => {
    const src = source()
    const w = setup({ source: src, staff: true })
    const versions = w.get('[data-testid="notice-versions-receipt"]')
    expect(versions.text()).toContain('第1版')
    expect(versions.text()).toContain('已加盖电子印章')
    await w.get('[data-testid="notice-pdf-receipt-v1"]').trigger('click')
    await flushPromises()
    expect(src.pdf).toHaveBeenCalledWith(7, 1)
    expect(w.find('[data-testid="notice-reissue-receipt"]').exists()).toBe(true)
  })

  it('shows the reflowed body with 下载PDF on a phone instead of the A4 page', async () => {
    vi.stubGlobal('matchMedia', (q: string) => ({ matches: q.includes('max-width'), media: q, addEventListener() {}, removeEventListener() {} }))
    const src = source()
    const w = setup({ source: src })
    await w.get('[data-testid="notice-open-receipt"]').trigger('click')
    await flushPromises()
    expect(src.content).toHaveBeenCalledWith(7)
    expect(src.html).not.toHaveBeenCalled()
    const body = document.body.querySelector('[data-testid="notice-content"]')
    expect(body?.textContent).toContain('本机关已收到您提交的政府信息公开申请')
    expect(body?.textContent).toContain('2026年12月4日')
    expect(document.body.querySelector('[data-testid="notice-frame"]')).toBeNull()
    expect(document.body.querySelector('[data-testid="notice-pdf"]')?.textContent).toContain('下载PDF')
  })
})
