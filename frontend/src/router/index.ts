import { createRouter, createWebHistory } from 'vue-router'
import { routes } from './routes'

// Guards are installed by main.ts once Pinia is active (setupGuards).
export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior(to, _from, saved) {
    if (saved) return saved
    if (to.hash) return { el: to.hash }
    return { top: 0 }
  },
})

