import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/locales'
import '@/locales/staff'
import FigureLink from './FigureLink.vue'
import TemplateBody from './TemplateBody.vue'

const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/staff/cases', name: 'staff-cases', component: { template: '<p/>' } }] })

describe('FigureLink', () => {
  it('links a figure to the queue with its filters, in the queue’s own names', () => {
    const w = mount(FigureLink, {
      props: { figure: { count: 3, filters: { agencyId: '1', assigneeId: '4', level: 'overdue', status: 'handling,answer_review' } }, label: '刘晓燕 已逾期' },
      global: { plugins: [i18n, router] },
    })
    const a = w.get('a')
    expect(a.text()).toBe('3')
    const url = new URL(a.attributes('href')!, 'http://x')
    expect(url.pathname).toBe('/staff/cases')
    expect(Object.fromEntries(url.searchParams)).toEqual({ agency: '1', assignee: '4', level: 'overdue', status: 'handling,answer_review' })
    expect(a.attributes('aria-label')).toBe('刘晓燕 已逾期：3 件，打开案件列表')
  })
})

describe('TemplateBody', () => {
  it('marks the placeholders of a template’s text', () => {
    const w = mount(TemplateBody, { props: { text: '经查，“{{项目名称}}”的批准文件为{{批准机关}}批复。' }, global: { plugins: [i18n] } })
    expect(w.findAll('mark').map((m) => m.text())).toEqual(['{{项目名称}}', '{{批准机关}}'])
    expect(w.text()).toBe('经查，“{{项目名称}}”的批准文件为{{批准机关}}批复。')
  })
})
