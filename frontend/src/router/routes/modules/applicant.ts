import { defineRouteModule } from '../types'

// Applicant case pages: the application form, the receipt after filing,
// the list of one's applications and the case page (the notification bell
// links to it by the name my-application).
export default defineRouteModule({
  layout: 'public',
  routes: [
    { path: '/apply', name: 'apply', component: () => import('@/views/applicant/apply/index.vue'), meta: { title: 'nav.apply', roles: ['applicant'] } },
    { path: '/my/applications', name: 'my-applications', component: () => import('@/views/applicant/my-applications/index.vue'), meta: { title: 'nav.myApplications', roles: ['applicant'] } },
    {
      path: '/my/applications/:id(\\d+)',
      name: 'my-application',
      component: () => import('@/views/applicant/my-application/index.vue'),
      meta: { title: 'nav.myApplications', roles: ['applicant'] },
    },
    {
      path: '/my/applications/:id(\\d+)/receipt',
      name: 'my-application-receipt',
      component: () => import('@/views/applicant/receipt/index.vue'),
      meta: { title: 'receipt.title', roles: ['applicant'] },
    },
  ],
})
