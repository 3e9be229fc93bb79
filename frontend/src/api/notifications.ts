// An account's in-site notifications (the bell in the header).
import { http } from './request'

export interface Notification {
  id: number
  title: string
  body: string
  caseId?: number | null
  createdAt: string
  readAt?: string | null
}

export function unreadCount(): Promise<{ count: number }> {
  return http.get<{ count: number }>('/notifications/unread-count')
}

export function listNotifications(limit = 20): Promise<{ items: Notification[] }> {
  return http.get<{ items: Notification[] }>('/notifications', { limit })
}

export function markRead(id: number): Promise<void> {
  return http.post<void>(`/notifications/${id}/read`)
}
