import { defineRouteModule } from '../types'

// The signed-in user's own account, for every role.
export default defineRouteModule({
  layout: 'public',
  routes: [
    { path: '/profile', name: 'profile', component: () => import('@/views/account/profile/index.vue'), meta: { title: 'profile.title', requiresAuth: true } },
  ],
})
