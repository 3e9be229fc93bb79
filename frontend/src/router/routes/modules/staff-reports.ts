import type { Role } from '@/api/auth'
import { defineRouteModule } from '../types'

const handlers: Role[] = ['officer', 'supervisor']

// Reports (deadline report, the statutory annual report, typical cases,
// answer templates). Their APIs are being built; the menu is ready and the
// pages say so until then.
const soon = () => import('@/views/staff/reports/index.vue')

export default defineRouteModule({
  layout: 'staff',
  routes: [
    { path: '/staff/reports/deadlines', name: 'staff-report-deadlines', component: soon, meta: { title: 'menu.reportDeadlines', roles: handlers, menu: { order: 200, icon: 'timer', group: 'reports' } } },
    { path: '/staff/reports/annual', name: 'staff-report-annual', component: soon, meta: { title: 'menu.reportAnnual', roles: handlers, menu: { order: 210, icon: 'data-analysis', group: 'reports' } } },
    { path: '/staff/reports/typical-cases', name: 'staff-report-typical', component: soon, meta: { title: 'menu.reportTypical', roles: handlers, menu: { order: 220, icon: 'notebook', group: 'reports' } } },
    { path: '/staff/reports/templates', name: 'staff-report-templates', component: soon, meta: { title: 'menu.reportTemplates', roles: handlers, menu: { order: 230, icon: 'document', group: 'reports' } } },
  ],
})
