import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { i18n, setLocale } from '@/locales'
import type { Case } from '@/api/cases'
import ClockPanel from './ClockPanel.vue'

afterEach(() => setLocale('zh-CN'))

const base = {
  id: 3,
  status: 'handling',
  state: {},
  clock: {
    receiptDate: '2026-11-20',
    firstReceiptDate: '2026-11-20',
    baseDueDate: '2026-12-18',
    dueDate: '2026-12-25',
    extendedDays: 0,
    pausedDays: 5,
    paused: true,
    remainingWorkingDays: 19,
    level: 'normal',
    awaitingCorrection: false,
    concluded: false,
    onTime: false,
    trace: [
      { on: '2026-11-20', due: '2026-12-18', zh: '收到申请 2026-11-20（当面提交）→ 20 个工作日 → 2026-12-18', en: 'Application received 2026-11-20 (in person) → 20 working days → 2026-12-18' },
      { on: '2026-11-23', due: '2026-12-25', zh: '征求第三方意见自 2026-11-23 起，期限暂停', en: 'Third-party consultation since 2026-11-23: the clock is paused' },
    ],
  },
  pausedFor: ['third_party'],
} as unknown as Case

describe('ClockPanel', () => {
  it('says why the clock is paused and lists the full trace', () => {
    const w = mount(ClockPanel, { props: { cs: base }, global: { plugins: [i18n] } })
    expect(w.get('[data-testid="clock-words"]').text()).toBe('征求第三方意见，期限暂停')
    expect(w.get('[data-testid="clock-paused-for"]').text()).toBe('征求第三方意见')
    expect(w.text()).toContain('法定答复期限')
    expect(w.text()).toContain('不计入的天数5 个工作日')
    const steps = w.findAll('[data-testid="clock-trace"] li').map((li) => li.text())
    expect(steps).toEqual(['收到申请 2026年11月20日（当面提交）→ 20 个工作日 → 2026年12月18日', '征求第三方意见自 2026年11月23日 起，期限暂停'])
  })

  it('follows the language, and leaves the trace out when compact', async () => {
    setLocale('en')
    const w = mount(ClockPanel, { props: { cs: { ...base, pausedFor: [], clock: { ...base.clock, paused: false, extendedDays: 10 } } as Case }, global: { plugins: [i18n] } })
    expect(w.get('[data-testid="clock-words"]').text()).toBe('Answer due 25 December 2026: 19 working days left (extended by 10 working days)')
    expect(w.get('[data-testid="clock-trace"]').text()).toContain('Third-party consultation since 23 November 2026')
    await w.setProps({ compact: true })
    expect(w.find('[data-testid="clock-trace"]').exists()).toBe(false)
  })
})
