import { defineRouteModule } from '../types'

// Public pages: the guide (home) and the progress lookup.
export default defineRouteModule({
  layout: 'public',
  routes: [
    { path: '/', name: 'home', component: () => import('@/views/public/home/index.vue'), meta: { title: 'nav.home' } },
    { path: '/track', name: 'track', component: () => import('@/views/public/track/index.vue'), meta: { title: 'track.title' } },
  ],
})
