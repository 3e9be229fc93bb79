import type { RouteRecordRaw } from 'vue-router'
import type { Layout, RouteModule } from './types'

// Every file in ./modules contributes pages; they are grouped under their
// layout here, so a module never repeats the shell.
const modules = import.meta.glob<{ default: RouteModule }>('./modules/*.ts', { eager: true })

export function moduleRoutes(layout: Layout): RouteRecordRaw[] {
  return Object.values(modules)
    .map((m) => m.default)
    .filter((m) => m.layout === layout)
    .flatMap((m) => m.routes)
}

const errorPage = () => import('@/views/error/index.vue')

export const routes: RouteRecordRaw[] = [
  {
    path: '/staff',
    component: () => import('@/layouts/StaffLayout.vue'),
    children: moduleRoutes('staff'),
  },
  {
    path: '/',
    component: () => import('@/layouts/PublicLayout.vue'),
    children: [
      ...moduleRoutes('public'),
      { path: '/403', name: 'forbidden', component: errorPage, meta: { title: 'errors.forbiddenTitle' } },
      { path: '/:pathMatch(.*)*', name: 'not-found', component: errorPage, meta: { title: 'errors.notFoundTitle' } },
    ],
  },
]
