import type { Role } from '@/api/auth'
import { defineRouteModule } from '../types'

const staff: Role[] = ['officer', 'supervisor', 'admin']

// The staff console's home and the user's own account. Case handling,
// review, reports and administration live in the staff-* modules.
export default defineRouteModule({
  layout: 'staff',
  routes: [
    { path: '/staff', name: 'staff-dashboard', component: () => import('@/views/staff/dashboard/index.vue'), meta: { title: 'staff.dashboard', roles: staff, menu: { order: 0, icon: 'house', group: 'work' } } },
    { path: '/staff/profile', name: 'staff-profile', component: () => import('@/views/account/profile/index.vue'), meta: { title: 'profile.title', roles: staff, menu: { order: 900, icon: 'user', group: 'account' } } },
  ],
})
