// What a notification's link opens, for its words: most messages are about
// a case ("查看申请"); an administrator's calendar warning
// (calendar.provisional_year) opens the holiday calendar.
import type { Notification } from '@/api/notifications'

export type LinkKind = 'case' | 'calendar' | 'page'

/** linkKind says what the notification's link opens. */
export function linkKind(n: Partial<Pick<Notification, 'kind' | 'link' | 'caseId'>>): LinkKind {
  if (n.kind?.startsWith('calendar.') || n.link?.startsWith('/staff/admin/calendar')) return 'calendar'
  if (n.caseId || (n.link && /\/(cases|my-applications?)\/\d+/.test(n.link))) return 'case'
  return 'page'
}

const LABELS: Record<LinkKind, string> = {
  case: 'notifications.viewCase',
  calendar: 'notifications.viewCalendar',
  page: 'notifications.view',
}

/** linkLabelKey is the message key of the link's words. */
export function linkLabelKey(n: Partial<Pick<Notification, 'kind' | 'link' | 'caseId'>>): string {
  return LABELS[linkKind(n)]
}
