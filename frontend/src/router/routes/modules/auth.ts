import { defineRouteModule } from '../types'

// Logging in and self-registration (applicants only register themselves).
export default defineRouteModule({
  layout: 'public',
  routes: [
    { path: '/login', name: 'login', component: () => import('@/views/auth/login/index.vue'), meta: { title: 'auth.loginTitle', guestOnly: true } },
    { path: '/register', name: 'register', component: () => import('@/views/auth/register/index.vue'), meta: { title: 'auth.registerTitle', guestOnly: true } },
  ],
})
