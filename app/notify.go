package app

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/smtp"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/models"
)

// Mailer sends one e-mail.
type Mailer interface {
	Send(ctx context.Context, to, subject, body string) error
}

// SMSSender sends one text message (短信). Agencies plug in their
// provider; the default only logs.
type SMSSender interface {
	Send(ctx context.Context, phone, text string) error
}

// LogSMS is the default SMSSender: it logs that a message would be sent
// (never the number in full).
type LogSMS struct{ Log *slog.Logger }

// Send logs the message.
func (l LogSMS) Send(ctx context.Context, phone, text string) error {
	l.Log.InfoContext(ctx, "sms (log only)", "to", Mask(phone), "chars", len([]rune(text)))
	return nil
}

// SMTPConfig configures SMTPMailer.
type SMTPConfig struct {
	Host     string
	Port     int
	TLS      string // none, starttls, tls
	Username string
	Password string
	From     string
}

// SMTPMailer sends e-mail through an SMTP server.
type SMTPMailer struct{ Cfg SMTPConfig }

// Send delivers one message.
func (m SMTPMailer) Send(ctx context.Context, to, subject, body string) error {
	addr := net.JoinHostPort(m.Cfg.Host, strconv.Itoa(m.Cfg.Port))
	d := net.Dialer{Timeout: 10 * time.Second}
	var conn net.Conn
	var err error
	if m.Cfg.TLS == "tls" {
		conn, err = tls.DialWithDialer(&d, "tcp", addr, &tls.Config{ServerName: m.Cfg.Host})
	} else {
		conn, err = d.DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return fmt.Errorf("smtp dial: %w", err)
	}
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	c, err := smtp.NewClient(conn, m.Cfg.Host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("smtp hello: %w", err)
	}
	defer c.Close()
	if m.Cfg.TLS == "starttls" {
		if err := c.StartTLS(&tls.Config{ServerName: m.Cfg.Host}); err != nil {
			return fmt.Errorf("smtp starttls: %w", err)
		}
	}
	if m.Cfg.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", m.Cfg.Username, m.Cfg.Password, m.Cfg.Host)); err != nil {
			return fmt.Errorf("smtp auth: %w", err)
		}
	}
	if err := c.Mail(m.Cfg.From); err != nil {
		return fmt.Errorf("smtp from: %w", err)
	}
	if err := c.Rcpt(to); err != nil {
		return fmt.Errorf("smtp rcpt: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("smtp data: %w", err)
	}
	msg := "From: " + m.Cfg.From + "\r\nTo: " + to + "\r\nSubject: " + mimeWord(subject) +
		"\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\nDate: " +
		time.Now().Format(time.RFC1123Z) + "\r\n\r\n" + strings.ReplaceAll(body, "\n", "\r\n") + "\r\n"
	if _, err := w.Write([]byte(msg)); err != nil {
		return fmt.Errorf("smtp write: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("smtp end: %w", err)
	}
	return c.Quit()
}

// mimeWord encodes a header value holding Chinese (RFC 2047).
func mimeWord(s string) string {
	for _, r := range s {
		if r > 127 {
			return "=?UTF-8?B?" + base64Std(s) + "?="
		}
	}
	return s
}

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
	cfg      NotifyConfig
	mailer   Mailer
	sms      SMSSender
	settings *SettingsService
}

// maxAttempts bounds retries of one message.
const maxAttempts = 12

// backoff is the wait before attempt n+1.
func backoff(attempts int) time.Duration {
	steps := []time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute, time.Hour, 3 * time.Hour}
	if attempts-1 < len(steps) {
		return steps[max(0, attempts-1)]
	}
	return 6 * time.Hour
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
	ids = uniq(ids)
	users := map[uint]models.User{}
	for start := 0; start < len(ids); start += 500 {
		var us []models.User
		if err := tx.WithContext(ctx).Select("id, email, active").Where("id IN ?", ids[start:min(start+500, len(ids))]).Find(&us).Error; err != nil {
			return err
		}
		for _, u := range us {
			users[u.ID] = u
		}
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
			if u.Email != "" && n.mailer != nil {
				mails = append(mails, n.email(u.Email, b.m))
			}
		}
	}
	if len(ns) > 0 {
		if err := tx.WithContext(ctx).CreateInBatches(ns, 500).Error; err != nil {
			return err
		}
	}
	if len(mails) > 0 {
		return tx.WithContext(ctx).CreateInBatches(mails, 500).Error
	}
	return nil
}

func (n *NotificationService) queueEmail(ctx context.Context, tx *gorm.DB, to string, m message) error {
	if n.mailer == nil {
		return nil
	}
	o := n.email(to, m)
	return tx.WithContext(ctx).Create(&o).Error
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
	var ids []uint
	err := db.WithContext(ctx).Model(&models.User{}).Where("agency_id = ? AND role = ? AND active = ?", agencyID, role, true).Order("id").Pluck("id", &ids).Error
	return ids, err
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
	q := n.DB.WithContext(ctx).Model(&models.Notification{}).Where("user_id = ?", actor.UserID)
	if unreadOnly {
		q = q.Where("read_at IS NULL")
	}
	var out InboxPage
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return out, err
	}
	out.Total = int(total)
	unread, err := n.UnreadCount(ctx, actor)
	if err != nil {
		return out, err
	}
	out.Unread = unread
	err = q.Order("CASE WHEN read_at IS NULL THEN 0 ELSE 1 END, id DESC").Offset(p.Offset).Limit(p.Limit).Find(&out.Items).Error
	return out, err
}

// UnreadCount counts the actor's unread notifications.
func (n *NotificationService) UnreadCount(ctx context.Context, actor Actor) (int, error) {
	var c int64
	err := n.DB.WithContext(ctx).Model(&models.Notification{}).Where("user_id = ? AND read_at IS NULL", actor.UserID).Count(&c).Error
	return int(c), err
}

// MarkRead marks one of the actor's notifications read.
func (n *NotificationService) MarkRead(ctx context.Context, actor Actor, id uint) error {
	res := n.DB.WithContext(ctx).Model(&models.Notification{}).Where("id = ? AND user_id = ?", id, actor.UserID).
		Where("read_at IS NULL").Update("read_at", n.Now())
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		var c int64
		n.DB.WithContext(ctx).Model(&models.Notification{}).Where("id = ? AND user_id = ?", id, actor.UserID).Count(&c)
		if c == 0 {
			return models.NotFound(models.M("通知", "notification"))
		}
	}
	return nil
}

// MarkAllRead marks every notification of the actor read.
func (n *NotificationService) MarkAllRead(ctx context.Context, actor Actor) error {
	return n.DB.WithContext(ctx).Model(&models.Notification{}).Where("user_id = ? AND read_at IS NULL", actor.UserID).Update("read_at", n.Now()).Error
}

// DeliverOutbox sends due messages, retrying failures with backoff; a
// message that fails maxAttempts times is given up (and stays visible).
func (n *NotificationService) DeliverOutbox(ctx context.Context) (JobResult, error) {
	res := JobResult{}
	now := n.Now()
	var msgs []models.OutboxMessage
	err := n.DB.WithContext(ctx).Where("sent_at IS NULL AND next_attempt_at <= ? AND attempts < ?", now, maxAttempts).
		Order("next_attempt_at, id").Limit(500).Find(&msgs).Error
	if err != nil {
		return res, err
	}
	var errs []error
	for _, m := range msgs {
		var sendErr error
		switch m.Channel {
		case "email":
			if n.mailer == nil {
				sendErr = errors.New("e-mail is not configured")
			} else {
				sendErr = n.mailer.Send(ctx, m.Recipient, m.Subject, m.Body)
			}
		case "sms":
			sendErr = n.sms.Send(ctx, m.Recipient, m.Body)
		default:
			sendErr = fmt.Errorf("unknown channel %q", m.Channel)
		}
		m.Attempts++
		if sendErr == nil {
			t := n.Now()
			m.SentAt, m.LastError = &t, ""
			res["sent"]++
		} else {
			m.LastError = truncate(sendErr.Error(), 500)
			m.NextAttemptAt = n.Now().Add(backoff(m.Attempts))
			res["failed"]++
			if m.Attempts >= maxAttempts {
				res["given_up"]++
			}
			errs = append(errs, sendErr)
		}
		if err := n.DB.WithContext(ctx).Save(&m).Error; err != nil {
			return res, err
		}
	}
	if len(errs) > 0 {
		// Failures are retried; the run reports the first error.
		return res, fmt.Errorf("%d message(s) not sent: %w", len(errs), errs[0])
	}
	return res, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
