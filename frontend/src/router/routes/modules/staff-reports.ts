import type { Role } from '@/api/auth'
import { defineRouteModule } from '../types'

const handlers: Role[] = ['officer', 'supervisor']
const registerKeepers: Role[] = ['admin', 'supervisor']

// Reports and the library: the deadline dashboard (期限督办, every figure
// a link to the queue), the statutory annual report, the typical cases
// and the answer standards. Officers see their agency's figures;
// supervisors also lock years and maintain the library. Administrators and
// supervisors bring an agency's existing register in (台账导入).
export default defineRouteModule({
  layout: 'staff',
  routes: [
    { path: '/staff/reports/deadlines', name: 'staff-report-deadlines', component: () => import('@/views/staff/reports/deadlines/index.vue'), meta: { title: 'menu.reportDeadlines', roles: handlers, menu: { order: 200, icon: 'timer', group: 'reports' } } },
    { path: '/staff/reports/annual', name: 'staff-report-annual', component: () => import('@/views/staff/reports/annual/index.vue'), meta: { title: 'menu.reportAnnual', roles: handlers, menu: { order: 210, icon: 'data-analysis', group: 'reports' } } },
    { path: '/staff/reports/typical-cases', name: 'staff-report-typical', component: () => import('@/views/staff/reports/typical-cases/index.vue'), meta: { title: 'menu.reportTypical', roles: handlers, menu: { order: 220, icon: 'notebook', group: 'reports' } } },
    { path: '/staff/reports/register-import', name: 'staff-register-import', component: () => import('@/views/staff/reports/register-import/index.vue'), meta: { title: 'menu.registerImport', roles: registerKeepers, menu: { order: 240, icon: 'document-add', group: 'reports' } } },
    { path: '/staff/reports/templates', name: 'staff-report-templates', component: () => import('@/views/staff/reports/templates/index.vue'), meta: { title: 'menu.reportTemplates', roles: handlers, menu: { order: 230, icon: 'document', group: 'reports' } } },
  ],
})
