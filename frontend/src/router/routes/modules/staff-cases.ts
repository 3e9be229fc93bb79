import type { Role } from '@/api/auth'
import { defineRouteModule } from '../types'

const handlers: Role[] = ['officer', 'supervisor']
const staff: Role[] = ['officer', 'supervisor', 'admin']

// Case handling: the queue, registering paper and walk-in applications,
// the case page (notifications link to /staff/cases/{id} by the name
// staff-case), assistance tasks from other agencies and the inbox.
export default defineRouteModule({
  layout: 'staff',
  routes: [
    { path: '/staff/cases', name: 'staff-cases', component: () => import('@/views/staff/cases/index.vue'), meta: { title: 'menu.cases', roles: handlers, menu: { order: 10, icon: 'list', group: 'work' } } },
    { path: '/staff/cases/new', name: 'staff-case-new', component: () => import('@/views/staff/case-new/index.vue'), meta: { title: 'menu.register', roles: handlers, menu: { order: 20, icon: 'document-add', group: 'work' } } },
    { path: '/staff/cases/:id(\\d+)', name: 'staff-case', component: () => import('@/views/staff/case/index.vue'), meta: { title: 'menu.case', roles: handlers, activeMenu: '/staff/cases' } },
    { path: '/staff/assistance', name: 'staff-assistance', component: () => import('@/views/staff/assistance/index.vue'), meta: { title: 'menu.assistance', roles: handlers, menu: { order: 30, icon: 'connection', group: 'work' } } },
    { path: '/staff/inbox', name: 'staff-inbox', component: () => import('@/views/staff/inbox/index.vue'), meta: { title: 'menu.inbox', roles: staff, menu: { order: 40, icon: 'bell', group: 'work' } } },
  ],
})
