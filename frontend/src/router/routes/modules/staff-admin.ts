import type { Role } from '@/api/auth'
import { defineRouteModule } from '../types'

const admin: Role[] = ['admin']

// Administration: accounts, agencies, the holiday calendar, scheduled
// jobs, the audit trail and the (read-only) system settings.
export default defineRouteModule({
  layout: 'staff',
  routes: [
    { path: '/staff/admin/users', name: 'admin-users', component: () => import('@/views/staff/admin/users/index.vue'), meta: { title: 'menu.users', roles: admin, menu: { order: 300, icon: 'user-filled', group: 'admin' } } },
    { path: '/staff/admin/agencies', name: 'admin-agencies', component: () => import('@/views/staff/admin/agencies/index.vue'), meta: { title: 'menu.agencies', roles: admin, menu: { order: 310, icon: 'office-building', group: 'admin' } } },
    { path: '/staff/admin/calendar', name: 'admin-calendar', component: () => import('@/views/staff/admin/calendar/index.vue'), meta: { title: 'menu.calendar', roles: admin, menu: { order: 320, icon: 'calendar', group: 'admin' } } },
    { path: '/staff/admin/jobs', name: 'admin-jobs', component: () => import('@/views/staff/admin/jobs/index.vue'), meta: { title: 'menu.jobs', roles: admin, menu: { order: 330, icon: 'timer', group: 'admin' } } },
    { path: '/staff/admin/audit', name: 'admin-audit', component: () => import('@/views/staff/admin/audit/index.vue'), meta: { title: 'menu.audit', roles: admin, menu: { order: 340, icon: 'tickets', group: 'admin' } } },
    { path: '/staff/admin/settings', name: 'admin-settings', component: () => import('@/views/staff/admin/settings/index.vue'), meta: { title: 'menu.settings', roles: admin, menu: { order: 350, icon: 'setting', group: 'admin' } } },
  ],
})
