package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"gongkai/app/calendar"
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

// message is one notification to send.
type message struct {
	kind, title, body, link string
	caseID                  *uint
	// staff messages are reminders and tasks, held back in quiet hours.
	staff bool
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
	now := n.Now()
	var ns []models.Notification
	var mails []models.OutboxMessage
	for _, b := range batch {
		for _, id := range uniq(b.to) {
			u, ok := users[id]
			if !ok || !u.Active {
				continue
			}
			ns = append(ns, models.Notification{UserID: u.ID, CaseID: b.m.caseID, Kind: b.m.kind, Title: b.m.title, Body: b.m.body, Link: b.m.link, CreatedAt: now})
			if u.Email != "" && n.mail {
				mails = append(mails, n.email(u.Email, b.m))
			}
		}
	}
	if err := models.CreateNotifications(ctx, tx, ns); err != nil {
		return err
	}
	return models.CreateOutboxMessages(ctx, tx, mails)
}

func (n *NotificationService) queueEmail(ctx context.Context, tx *gorm.DB, to string, m message) error {
	if !n.mail {
		return nil
	}
	return models.CreateOutboxMessages(ctx, tx, []models.OutboxMessage{n.email(to, m)})
}

// email builds the outbox row of a message; staff reminders wait for the
// end of quiet hours.
func (n *NotificationService) email(to string, m message) models.OutboxMessage {
	now := n.Now()
	next := now
	if m.staff {
		next = n.quietUntil(now)
	}
	body := m.body
	if m.link != "" {
		body += "\n\n" + strings.TrimRight(n.cfg.PublicURL, "/") + m.link
	}
	body += "\n\n— 公开 · 政府信息依申请公开办理平台（本邮件由系统发送，请勿直接回复）"
	return models.OutboxMessage{Channel: "email", Recipient: to, Subject: m.title, Body: body, NextAttemptAt: next, CreatedAt: now}
}

// agencyStaff lists the active officers or supervisors of an agency.
func agencyStaff(ctx context.Context, db *gorm.DB, agencyID uint, role models.Role) ([]uint, error) {
	return models.FindActiveStaffIDs(ctx, db, agencyID, role)
}

// caseOfficers is the assignee, or every officer of the agency when none.
func caseOfficers(ctx context.Context, db *gorm.DB, c *models.Case) ([]uint, error) {
	if c.AssigneeID != nil {
		return []uint{*c.AssigneeID}, nil
	}
	return agencyStaff(ctx, db, c.AgencyID, models.RoleOfficer)
}

var actionTitles = map[string]string{
	"submit": "申请已提交", "register": "申请已登记", "confirm-receipt": "已确认收到申请", "accept": "申请已受理",
	"request-correction": "请补正申请", "submit-correction": "已收到补正", "start-consultation": "正在征求意见，答复期限暂停",
	"record-consultation-reply": "征求意见已结束", "decide-extension": "答复期限已延长", "issue-fee-notice": "请缴纳信息处理费",
	"record-payment": "已缴费", "set-custom-deadline": "已确定延迟答复期限", "decide-answer": "申请已答复",
	"record-delivery": "答复已送达", "archive": "已归档", "withdraw": "申请已撤回", "close": "申请已终止处理",
	"suggest-conversion": "已收到主动公开建议", ActCalendarChange: "答复期限因节假日安排调整",
}

// CaseEvent implements Notifier: the applicant hears of every public step,
// staff of the tasks a step gives them.
func (n *NotificationService) CaseEvent(ctx context.Context, tx *gorm.DB, c *models.Case, e *models.CaseEvent, notices []*models.Notice) error {
	id := c.ID
	ref := "【" + c.TrackingNumber + "】"
	if e.Public {
		title := actionTitles[e.Action]
		if title == "" {
			title = "申请有新进展"
		}
		body := fmt.Sprintf("您的政府信息公开申请“%s”（查询号 %s）：%s。", c.Title, c.TrackingNumber, title)
		for _, nt := range notices {
			if nt.Public {
				body += "\n文书：" + nt.Title + "（" + nt.DocNumber + "）"
			}
		}
		m := message{kind: "case." + e.Action, title: ref + title, body: body, link: fmt.Sprintf("/my/applications/%d", c.ID), caseID: &id}
		if c.ApplicantID != nil {
			if err := n.send(ctx, tx, []uint{*c.ApplicantID}, m); err != nil {
				return err
			}
		} else if c.Email != "" {
			m.link = ""
			if err := n.queueEmail(ctx, tx, c.Email, m); err != nil {
				return err
			}
		}
	}
	staffLink := fmt.Sprintf("/staff/cases/%d", c.ID)
	task := func(ids []uint, err error, title, body string) error {
		if err != nil {
			return err
		}
		// The one who acted needs no message about it.
		var to []uint
		for _, x := range ids {
			if e.ActorID == nil || x != *e.ActorID {
				to = append(to, x)
			}
		}
		return n.send(ctx, tx, to, message{kind: "task." + e.Action, title: ref + title, body: body, link: staffLink, caseID: &id, staff: true})
	}
	desc := fmt.Sprintf("申请“%s”（%s）", c.Title, c.TrackingNumber)
	switch e.Action {
	case "submit", "register":
		if c.AssigneeID == nil {
			ids, err := agencyStaff(ctx, tx, c.AgencyID, models.RoleOfficer)
			return task(ids, err, "新的政府信息公开申请", desc+"待登记审核。")
		}
	case "submit-correction", "record-payment", "withdraw":
		ids, err := caseOfficers(ctx, tx, c)
		return task(ids, err, actionTitles[e.Action], desc+"："+actionTitles[e.Action]+"。")
	case "request-extension":
		ids, err := agencyStaff(ctx, tx, c.AgencyID, models.RoleSupervisor)
		return task(ids, err, "延期申请待审批", desc+"申请延长答复期限，请审批（《条例》第三十三条）"+daysLeft(e)+"。")
	case "draft-answer", "refer":
		ids, err := agencyStaff(ctx, tx, c.AgencyID, models.RoleSupervisor)
		return task(ids, err, "答复待审核", desc+"的答复已起草，请审核"+daysLeft(e)+"。")
	case "urge":
		var d eventData
		_ = decodeInto(e.Data, &d)
		officers, err := caseOfficers(ctx, tx, c)
		if err != nil {
			return err
		}
		sups, err := agencyStaff(ctx, tx, c.AgencyID, models.RoleSupervisor)
		return task(append(officers, sups...), err, "督办", fmt.Sprintf("%s：%s督办：%v%s。", desc, e.ActorName, d.Internal["text"], daysLeft(e)))
	case "decide-extension", "decide-answer":
		ids, err := caseOfficers(ctx, tx, c)
		return task(ids, err, "审批结果", desc+"：负责人已作出审批决定。")
	case "request-assistance":
		var st CaseState
		_ = decodeInto(c.State, &st)
		if len(st.OpenAssistance) > 0 {
			ids, err := agencyStaff(ctx, tx, st.OpenAssistance[len(st.OpenAssistance)-1], models.RoleOfficer)
			return task(ids, err, "协办任务", desc+"请求贵机关协办。")
		}
	case "reply-assistance":
		ids, err := caseOfficers(ctx, tx, c)
		return task(ids, err, "协办已回复", desc+"的协办机关已回复。")
	case "record-consultation-reply":
		if e.ActorRole == models.RoleSystem {
			ids, err := caseOfficers(ctx, tx, c)
			return task(ids, err, "征求意见期限届满", desc+"的征求意见期限已届满：第三方逾期未提出意见的，由本机关依照《条例》决定是否公开（第三十二条）；其他机关逾期未提出意见的视为同意公开（第三十四条）。")
		}
	case ActCalendarChange:
		var d eventData
		_ = decodeInto(e.Data, &d)
		ids, err := caseOfficers(ctx, tx, c)
		return task(ids, err, "期限因节假日安排调整", fmt.Sprintf("%s：期限因节假日安排调整：%v → %v。", desc, d.Public["from"], d.Public["to"]))
	case "suggest-conversion":
		ids, err := agencyStaff(ctx, tx, c.AgencyID, models.RoleSupervisor)
		return task(ids, err, "主动公开建议", desc+"的申请人建议将该信息纳入主动公开（《条例》第四十四条）。")
	case "close":
		if e.ActorRole == models.RoleSystem {
			ids, err := caseOfficers(ctx, tx, c)
			return task(ids, err, "申请已自动终止", desc+"已依规定自动终止处理。")
		}
	}
	return nil
}

// daysLeft says how many working days the step's clock had left, from the
// event's internal data ("" when it does not say).
func daysLeft(e *models.CaseEvent) string {
	var d eventData
	if decodeInto(e.Data, &d) != nil {
		return ""
	}
	n, ok := d.Internal["remainingWorkingDays"].(float64)
	switch {
	case !ok:
		return ""
	case n < 0:
		return fmt.Sprintf("（已超过答复期限 %d 个工作日）", int(-n))
	}
	return fmt.Sprintf("（距答复期限还有 %d 个工作日）", int(n))
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
