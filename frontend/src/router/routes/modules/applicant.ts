import { defineRouteModule } from '../types'

// Applicant case pages. The apply form, the list and the case page with
// its clock arrive with the case API; until then these say so.
export default defineRouteModule({
  layout: 'public',
  routes: [
    { path: '/apply', name: 'apply', component: () => import('@/views/applicant/apply/index.vue'), meta: { title: 'nav.apply', roles: ['applicant'] } },
    { path: '/my/applications', name: 'my-applications', component: () => import('@/views/applicant/my-applications/index.vue'), meta: { title: 'nav.myApplications', roles: ['applicant'] } },
  ],
})
