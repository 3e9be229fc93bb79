import type { Role } from '@/api/auth'
import { defineRouteModule } from '../types'

const supervisors: Role[] = ['supervisor']

// The supervisor's desk: extensions and answers waiting for approval, and
// candidates for proactive disclosure (Art 44).
export default defineRouteModule({
  layout: 'staff',
  routes: [
    { path: '/staff/approvals', name: 'staff-approvals', component: () => import('@/views/staff/approvals/index.vue'), meta: { title: 'menu.approvals', roles: supervisors, menu: { order: 100, icon: 'stamp', group: 'review' } } },
    { path: '/staff/conversion', name: 'staff-conversion', component: () => import('@/views/staff/conversion/index.vue'), meta: { title: 'menu.conversion', roles: supervisors, menu: { order: 110, icon: 'promotion', group: 'review' } } },
  ],
})
