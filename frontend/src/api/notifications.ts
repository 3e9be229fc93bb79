// An account's in-site notifications (the bell in the header and the
// staff inbox).
import { http } from './request'
import type { Schemas } from './schema'

/** Notification is one message; link is the page it is about (e.g.
 * /staff/cases/12). */
export type Notification = Schemas['NotificationResponse']

/** Inbox is a page of notifications, unread first. */
export type Inbox = Schemas['InboxResponse']

export type UnreadCount = Schemas['UnreadCountResponse']

export function unreadCount(): Promise<UnreadCount> {
  return http.get<UnreadCount>('/notifications/unread-count')
}

export function listNotifications(limit = 20, offset = 0, unread = false): Promise<Inbox> {
  return http.get<Inbox>('/notifications', { limit, offset: offset || undefined, unread: unread || undefined })
}

export function markRead(id: number): Promise<void> {
  return http.post<void>(`/notifications/${id}/read`)
}

export function markAllRead(): Promise<void> {
  return http.post<void>('/notifications/read-all')
}
