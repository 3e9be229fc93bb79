import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { User } from '@/api/auth'
import type { AnnualReport } from '@/api/reports'
import { i18n, setLocale } from '@/locales'
import '@/locales/staff'
import { useAuthStore } from '@/store/auth'
import { ANNUAL_COLUMNS } from '@/utils/testdata/annual'
import AnnualPage from './index.vue'

// The annual report page lays table 三 out with the official merged
// headers, bold header rows and indented levels, marks every check green
// or red and lists the failing ones, and for a locked year shows the
// lock date and each correction beside the published figure.

const supervisor = { id: 6, username: 'demo-supervisor', role: 'supervisor', displayName: '陈志远', agencyId: 1, districtWide: true, agency: { id: 1, name: '济南市莱芜区人民政府办公室', shortName: '区政府办公室' } } as User

const values = (n: number) => ({ natural: n, commercial: 0, research: 0, public_welfare: 0, legal_service: 0, other_org: 0, total: n })
const report: AnnualReport = {
  year: 2025,
  agency: null,
  cornerNote: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
  columns: ANNUAL_COLUMNS,
  rows: [
    { key: 'new', label: '一、本年新收政府信息公开申请数量', level: 0, values: values(3) },
    { key: 'results', label: '三、本年度办理结果', header: true, level: 0 },
    { key: 'not_disclosed', label: '（三）不予公开', header: true, level: 1 },
    { key: 'not_disclosed.state_secret', label: '1.属于国家秘密', level: 2, values: values(1) },
  ],
  remedies: {
    columns: [
      { key: 'reconsideration.pending', label: '尚未审结', group: '行政复议' },
      { key: 'litigation_direct.pending', label: '尚未审结', group: '行政诉讼', subgroup: '未经复议直接起诉' },
    ],
    values: { 'reconsideration.pending': 1, 'litigation_direct.pending': 0 },
  },
  feeIncome: 0,
  checks: [
    { rule: '一＋二＝（七）总计＋四', column: 'natural', ok: true, detail: '3 + 0 = 3, 2 + 1 = 3' },
    { rule: '一＋二＝（七）总计＋四', column: 'commercial', ok: false, detail: '1 + 0 = 1, 0 + 0 = 0' },
  ],
  locked: true,
  lockedAt: '2026-01-20T02:00:00Z',
  corrections: [{ row: 'new', column: 'natural', published: 3, current: 4 }],
  generatedAt: '2026-01-20T02:00:00Z',
}

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
}

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

async function setup() {
  const fetchMock = vi.fn((input: RequestInfo | URL) => Promise.resolve(json(String(input).includes('/reports/annual') ? report : { items: [], total: 0 })))
  vi.stubGlobal('fetch', fetchMock)
  setLocale('zh-CN')
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setSession({ accessToken: 'A', refreshToken: 'r', expiresIn: 900, user: supervisor })
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/staff/reports/annual', name: 'staff-report-annual', component: AnnualPage }] })
  await router.push('/staff/reports/annual?year=2025')
  const w = mount(AnnualPage, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return { w, fetchMock }
}

describe('the annual report page', () => {
  it('asks for the year and the whole government, and lays out table 三 with merged headers', async () => {
    const { w, fetchMock } = await setup()
    const url = String(fetchMock.mock.calls.find((c) => String(c[0]).includes('/reports/annual'))![0])
    expect(url).toContain('year=2025')
    expect(url).not.toContain('agencyId')
    const head = w.get('[data-testid="annual-table3"] thead')
    const rows = head.findAll('tr')
    expect(rows).toHaveLength(3)
    const cells = rows[0].findAll('th')
    expect(cells[0].text()).toContain('本列数据的勾稽关系为')
    expect(cells[0].attributes('rowspan')).toBe('3')
    expect([cells[1].text(), cells[1].attributes('colspan')]).toEqual(['申请人情况', '7'])
    expect(rows[1].findAll('th').map((c) => [c.text(), c.attributes('colspan'), c.attributes('rowspan')])).toEqual([
      ['自然人', '1', '2'],
      ['法人或其他组织', '5', '1'],
      ['总计', '1', '2'],
    ])
    expect(rows[2].findAll('th').map((c) => c.text())).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'])
    // Header rows are marked (bold) and carry no figures; levels indent.
    const header = w.get('tr[data-row="not_disclosed"]')
    expect(header.classes()).toContain('is-header')
    expect(header.findAll('td').every((td) => td.text() === '')).toBe(true)
    expect(w.get('tr[data-row="not_disclosed.state_secret"] th').classes()).toContain('is-level-2')
    expect(w.get('[data-testid="annual-table4"] thead').text()).toContain('未经复议直接起诉')
  })

  it('marks each check and lists the failing ones', async () => {
    const { w } = await setup()
    const status = w.get('[data-testid="checks-status"]')
    expect(status.attributes('data-ok')).toBe('false')
    expect(status.text()).toBe('1 项校验未通过（共 2 项）')
    expect(w.findAll('[data-testid="check-item"]').map((c) => [c.text().replace(/^(通过|未通过)：/, ''), c.attributes('data-ok')])).toEqual([
      ['自然人', 'true'],
      ['商业企业', 'false'],
    ])
    expect(w.get('[data-testid="checks-failed"]').text()).toContain('商业企业')
    expect(w.get('[data-testid="checks-failed"]').text()).toContain('1 + 0 = 1, 0 + 0 = 0')
  })

  it('shows a locked year’s date and its corrections beside the published figures', async () => {
    const { w } = await setup()
    expect(w.get('[data-testid="annual-locked"]').text()).toContain('2026年1月20日')
    expect(w.find('[data-testid="annual-lock"]').exists()).toBe(false)
    const cell = w.get('tr[data-row="new"] td[data-col="natural"]')
    expect(cell.text()).toBe('3 现为 4')
    expect(w.get('[data-testid="annual-corrections"]').text()).toContain('一、本年新收政府信息公开申请数量')
  })
})
