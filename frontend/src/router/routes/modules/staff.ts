import type { Role } from '@/api/auth'
import { defineRouteModule } from '../types'

const staff: Role[] = ['officer', 'supervisor', 'admin']

// The staff console. Case handling, review and statistics pages are added
// here (with meta.menu) when their APIs exist.
export default defineRouteModule({
  layout: 'staff',
  routes: [
    { path: '/staff', name: 'staff-dashboard', component: () => import('@/views/staff/dashboard/index.vue'), meta: { title: 'staff.dashboard', roles: staff, menu: { order: 0, icon: 'house' } } },
    { path: '/staff/profile', name: 'staff-profile', component: () => import('@/views/account/profile/index.vue'), meta: { title: 'profile.title', roles: staff, menu: { order: 100, icon: 'user' } } },
  ],
})
