import type { RouteRecordRaw } from 'vue-router'

/** Layout names the shell a module's pages render in. */
export type Layout = 'public' | 'staff'

/** RouteModule is what each file in routes/modules exports by default:
 * its pages (absolute paths) and the layout they share. */
export interface RouteModule {
  layout: Layout
  routes: RouteRecordRaw[]
}

export function defineRouteModule(m: RouteModule): RouteModule {
  return m
}
