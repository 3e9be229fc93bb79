// An account's in-site notifications (the bell in the header and the
// staff inbox).
import { http } from './request'

export interface Notification {
  id: number
  kind?: string
  title: string
  body: string
  /** link is the page the message is about (e.g. /staff/cases/12). */
  link?: string
  caseId?: number | null
  createdAt: string
  readAt?: string | null
}

/** Inbox is a page of notifications, unread first. */
export interface Inbox {
  items: Notification[]
  total?: number
  unread?: number
  offset?: number
  limit?: number
}

export function unreadCount(): Promise<{ count: number }> {
  return http.get<{ count: number }>('/notifications/unread-count')
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
