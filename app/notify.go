package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/app/i18n"
	"gongkai/models"
)

// NotifyConfig tunes NotificationService.
type NotifyConfig struct {
	PublicURL string
	// QuietStart and QuietEnd ("HH:MM", Asia/Shanghai) bound the hours in
	// which staff reminder e-mails wait in the outbox.
	QuietStart string
	QuietEnd   string
}

// NotificationService tells applicants of every public step of their case
// and staff of reminders and tasks: in the app at once, and by e-mail
// through an outbox that survives a mail server outage. Errors:
// KindNotFound.
type NotificationService struct {
	Deps
	cfg NotifyConfig
	// mail says whether e-mail is configured: without it no e-mail is
	// queued (the in-app notices still go out).
	mail     bool
	settings *SettingsService
	msgs     *i18n.Catalogue
}

// quietUntil returns when the quiet hours that contain t end, or t itself
// outside them.
func (n *NotificationService) quietUntil(t time.Time) time.Time {
	quietStart, quietEnd := n.cfg.QuietStart, n.cfg.QuietEnd
	if n.settings != nil {
		rs := n.settings.Get()
		quietStart, quietEnd = rs.QuietStart, rs.QuietEnd
	}
	if quietStart == "" || quietEnd == "" {
		return t
	}
	loc := calendar.Location()
	lt := t.In(loc)
	parse := func(s string) int {
		h, m, _ := strings.Cut(s, ":")
		hh, _ := strconv.Atoi(h)
		mm, _ := strconv.Atoi(m)
		return hh*60 + mm
	}
	start, end, now := parse(quietStart), parse(quietEnd), lt.Hour()*60+lt.Minute()
	inQuiet := false
	if start > end { // spans midnight, e.g. 20:00–08:00
		inQuiet = now >= start || now < end
	} else {
		inQuiet = now >= start && now < end
	}
	if !inQuiet {
		return t
	}
	day := time.Date(lt.Year(), lt.Month(), lt.Day(), end/60, end%60, 0, 0, loc)
	if now >= end {
		day = day.AddDate(0, 0, 1)
	}
	return day.UTC()
}

// message is one notification to send. Its title and body are the
// catalogue's <text>.title and <text>.body, rendered with data in each
// recipient's language.
type message struct {
	kind   string
	text   string
	data   map[string]any
	link   string
	caseID *uint
	// staff messages are reminders and tasks, held back in quiet hours.
	staff bool
}

// rendered is a message written in one language.
type rendered struct{ title, body string }

// render writes m in lang.
func (n *NotificationService) render(lang string, m message) (rendered, error) {
	title, err := n.msgs.Render(lang, i18n.Text{Key: m.text + ".title", Data: m.data})
	if err != nil {
		return rendered{}, err
	}
	body, err := n.msgs.Render(lang, i18n.Text{Key: m.text + ".body", Data: m.data})
	return rendered{title, body}, err
}

// send stores the in-app notification for each user and queues an e-mail
// for those with an address, inside tx.
func (n *NotificationService) send(ctx context.Context, tx *gorm.DB, userIDs []uint, m message) error {
	return n.sendMany(ctx, tx, []notice{{to: userIDs, m: m}})
}

// notice is one message to several users.
type notice struct {
	to []uint
	m  message
}

// outgoing collects what a batch of notices stores.
type outgoing struct {
	ns    []models.Notification
	mails []models.OutboxMessage
}

// sendMany stores many notifications with a few batched statements (the
// sweep raises thousands at once), reading each recipient once.
func (n *NotificationService) sendMany(ctx context.Context, tx *gorm.DB, batch []notice) error {
	if len(batch) == 0 {
		return nil
	}
	var ids []uint
	for _, b := range batch {
		ids = append(ids, b.to...)
	}
	users, err := models.FindRecipients(ctx, tx, uniq(ids))
	if err != nil {
		return err
	}
	var out outgoing
	for _, b := range batch {
		if err := n.address(&out, b, users); err != nil {
			return err
		}
	}
	if err := models.CreateNotifications(ctx, tx, out.ns); err != nil {
		return err
	}
	return models.CreateOutboxMessages(ctx, tx, out.mails)
}

// address writes b for each of its active recipients in their language,
// in the app and, for those with an address, by e-mail.
func (n *NotificationService) address(out *outgoing, b notice, users map[uint]models.Recipient) error {
	now := n.Now()
	texts := map[string]rendered{}
	for _, id := range uniq(b.to) {
		u, ok := users[id]
		if !ok || !u.Active {
			continue
		}
		lang := i18n.Language(string(u.Language))
		r, ok := texts[lang]
		if !ok {
			var err error
			if r, err = n.render(lang, b.m); err != nil {
				return err
			}
			texts[lang] = r
		}
		out.ns = append(out.ns, models.Notification{UserID: u.ID, CaseID: b.m.caseID, Kind: b.m.kind, Title: r.title, Body: r.body, Link: b.m.link, CreatedAt: now})
		if u.Email != "" && n.mail {
			mail, err := n.email(u.Email, lang, b.m, r)
			if err != nil {
				return err
			}
			out.mails = append(out.mails, mail)
		}
	}
	return nil
}

// queueEmail e-mails m to an address with no account behind it (an
// application filed without one), in Chinese.
func (n *NotificationService) queueEmail(ctx context.Context, tx *gorm.DB, to string, m message) error {
	if !n.mail {
		return nil
	}
	r, err := n.render(i18n.ZH, m)
	if err != nil {
		return err
	}
	mail, err := n.email(to, i18n.ZH, m, r)
	if err != nil {
		return err
	}
	return models.CreateOutboxMessages(ctx, tx, []models.OutboxMessage{mail})
}

// email builds the outbox row of a message written in lang; staff
// reminders wait for the end of quiet hours.
func (n *NotificationService) email(to, lang string, m message, r rendered) (models.OutboxMessage, error) {
	now := n.Now()
	next := now
	if m.staff {
		next = n.quietUntil(now)
	}
	footer, err := n.msgs.Render(lang, i18n.T("email.footer"))
	if err != nil {
		return models.OutboxMessage{}, err
	}
	body := r.body
	if m.link != "" {
		body += "\n\n" + strings.TrimRight(n.cfg.PublicURL, "/") + m.link
	}
	body += "\n\n" + footer
	return models.OutboxMessage{Channel: "email", Recipient: to, Subject: r.title, Body: body, NextAttemptAt: next, CreatedAt: now}, nil
}

// agencyStaff lists the active officers or supervisors of an agency.
func agencyStaff(ctx context.Context, db *gorm.DB, agencyID uint, role models.Role) ([]uint, error) {
	return models.FindActiveStaffIDs(ctx, db, agencyID, role)
}

// InboxPage is a page of a user's notifications.
type InboxPage struct {
	Items  []*models.Notification
	Total  int
	Unread int
}

// Inbox lists the actor's notifications, unread first, newest first.
func (n *NotificationService) Inbox(ctx context.Context, actor Actor, p Page, unreadOnly bool) (InboxPage, error) {
	p = p.Normalize()
	var out InboxPage
	items, total, err := models.FindNotifications(ctx, n.DB, actor.UserID, unreadOnly, p.Offset, p.Limit)
	if err != nil {
		return out, err
	}
	out.Items, out.Total = items, total
	out.Unread, err = n.UnreadCount(ctx, actor)
	return out, err
}

// UnreadCount counts the actor's unread notifications.
func (n *NotificationService) UnreadCount(ctx context.Context, actor Actor) (int, error) {
	return models.CountUnreadNotifications(ctx, n.DB, actor.UserID)
}

// MarkRead marks one of the actor's notifications read.
func (n *NotificationService) MarkRead(ctx context.Context, actor Actor, id uint) error {
	return models.MarkNotificationRead(ctx, n.DB, actor.UserID, id, n.Now())
}

// MarkAllRead marks every notification of the actor read.
func (n *NotificationService) MarkAllRead(ctx context.Context, actor Actor) error {
	return models.MarkAllNotificationsRead(ctx, n.DB, actor.UserID, n.Now())
}
