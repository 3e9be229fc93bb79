import 'vue-router'
import type { Role } from '@/api/auth'

export {}

declare module 'vue-router' {
  interface RouteMeta {
    /** title is a message key for document.title and menus. */
    title?: string
    /** requiresAuth sends anonymous visitors to the login page. */
    requiresAuth?: boolean
    /** roles limits the route to these roles (implies requiresAuth). */
    roles?: Role[]
    /** guestOnly routes (login, register) send logged-in users home. */
    guestOnly?: boolean
    /** menu puts the route in the staff side menu, in this order, under
     * a group heading (work, review, reports, admin, account). */
    menu?: { order: number; icon?: string; group?: string }
    /** activeMenu is the menu entry to highlight for a page without its own
     * (a case page highlights the queue). */
    activeMenu?: string
  }
}
