package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"gongkai/app"
	"gongkai/models"
)

type notificationResponse struct {
	ID        uint       `json:"id"`
	Kind      string     `json:"kind"`
	Title     string     `json:"title"`
	Body      string     `json:"body"`
	Link      string     `json:"link,omitempty"`
	CaseID    *uint      `json:"caseId,omitempty"`
	ReadAt    *time.Time `json:"readAt"`
	CreatedAt time.Time  `json:"createdAt"`
}

type inboxResponse struct {
	Items  []notificationResponse `json:"items"`
	Total  int                    `json:"total"`
	Unread int                    `json:"unread"`
	Offset int                    `json:"offset"`
	Limit  int                    `json:"limit"`
}

type inboxQuery struct {
	Unread bool `query:"unread"`
	Offset int  `query:"offset"`
	Limit  int  `query:"limit"`
}

func (s *Server) listNotifications(c echo.Context) error {
	offset, limit, err := page(c)
	if err != nil {
		return err
	}
	unread, err := queryFlag(c, "unread")
	if err != nil {
		return err
	}
	p, err := s.svc.Notifications.Inbox(c.Request().Context(), actorOf(c), app.Page{Offset: offset, Limit: limit}, unread)
	if err != nil {
		return err
	}
	out := inboxResponse{Items: make([]notificationResponse, 0, len(p.Items)), Total: p.Total, Unread: p.Unread, Offset: offset, Limit: limit}
	for _, n := range p.Items {
		out.Items = append(out.Items, newNotificationResponse(n))
	}
	return c.JSON(http.StatusOK, out)
}

func newNotificationResponse(n *models.Notification) notificationResponse {
	return notificationResponse{ID: n.ID, Kind: n.Kind, Title: n.Title, Body: n.Body, Link: n.Link, CaseID: n.CaseID, ReadAt: n.ReadAt, CreatedAt: n.CreatedAt}
}

type unreadCountResponse struct {
	Count int `json:"count"`
}

func (s *Server) unreadCount(c echo.Context) error {
	n, err := s.svc.Notifications.UnreadCount(c.Request().Context(), actorOf(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, unreadCountResponse{Count: n})
}

func (s *Server) markRead(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.svc.Notifications.MarkRead(c.Request().Context(), actorOf(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) markAllRead(c echo.Context) error {
	if err := s.svc.Notifications.MarkAllRead(c.Request().Context(), actorOf(c)); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
