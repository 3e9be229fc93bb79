package app_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	smtp "github.com/emersion/go-smtp"
	"gorm.io/gorm"

	"gongkai/app"
	"gongkai/app/wiring"
	"gongkai/configs"
	"gongkai/migrations/dbtest"
	"gongkai/models"
)

// mailServer is a real SMTP server on loopback that keeps what it receives.
type mailServer struct {
	mu   sync.Mutex
	msgs []received
	srv  *smtp.Server
	addr string
	// delay slows every message down, so that deliveries overlap.
	delay time.Duration
}

type received struct {
	from, to string
	data     []byte
}

type mailSession struct {
	s        *mailServer
	from, to string
}

func (m *mailServer) NewSession(*smtp.Conn) (smtp.Session, error) { return &mailSession{s: m}, nil }
func (s *mailSession) Reset()                                     {}
func (s *mailSession) Logout() error                              { return nil }
func (s *mailSession) Mail(from string, _ *smtp.MailOptions) error {
	s.from = from
	return nil
}
func (s *mailSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = to
	return nil
}
func (s *mailSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	time.Sleep(s.s.delay)
	s.s.mu.Lock()
	s.s.msgs = append(s.s.msgs, received{s.from, s.to, b})
	s.s.mu.Unlock()
	return nil
}

// start listens on addr ("127.0.0.1:0" for a free port).
func (m *mailServer) start(t *testing.T, addr string) {
	t.Helper()
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	m.addr = l.Addr().String()
	m.srv = smtp.NewServer(m)
	m.srv.Domain = "localhost"
	m.srv.AllowInsecureAuth = true
	go m.srv.Serve(l)
}

func (m *mailServer) stop() { m.srv.Close() }

func (m *mailServer) received() []received {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]received(nil), m.msgs...)
}

// mailer sends to the server as main.go wires it, from a sender with a
// display name.
func (m *mailServer) mailer(t *testing.T) app.Mailer {
	t.Helper()
	host, port, _ := net.SplitHostPort(m.addr)
	p, _ := strconv.Atoi(port)
	mailer, err := wiring.Mailer(configs.SMTP{Host: host, Port: p, TLS: "none", From: "莱芜区政务公开 <gongkai@laiwu.example>"})
	if err != nil {
		t.Fatal(err)
	}
	return mailer
}

func TestMailThroughSMTP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		ms := &mailServer{}
		ms.start(t, "127.0.0.1:0")
		defer ms.stop()
		w := newWorld(t, db, at("2026-06-01", "10:00"), ms.mailer(t))
		c := w.file("demo-applicant", "凤城街道征地补偿安置方案", "申请公开凤城街道2025年征地补偿安置方案。")
		w.run("notification-delivery")
		// The applicant hears of the submission; the agency's officer of a
		// new, unassigned application.
		got := ms.received()
		if len(got) != 2 || got[0].to != "demo-applicant@example.com" || got[1].to != "demo-officer@example.com" {
			t.Fatalf("received %d: %v", len(got), got)
		}
		msg, err := mail.ReadMessage(strings.NewReader(string(got[0].data)))
		if err != nil {
			t.Fatal(err)
		}
		subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		body, _ := io.ReadAll(msg.Body)
		if !strings.Contains(subject, c.Case.TrackingNumber) || !strings.Contains(subject, "申请已提交") {
			t.Errorf("subject %q", subject)
		}
		if !strings.Contains(string(body), "https://gongkai.example/my/applications/") {
			t.Errorf("body lacks the case link: %s", body)
		}
		// Delivered once: a second run sends nothing.
		w.run("notification-delivery")
		if n := len(ms.received()); n != 2 {
			t.Fatalf("%d messages after a second run", n)
		}

		// The server goes down: the message waits and is retried.
		ms.stop()
		w.act("demo-officer", c.Case.ID, models.ActAccept, nil)
		w.run("notification-delivery")
		var o models.OutboxMessage
		db.Where("sent_at IS NULL").First(&o)
		if o.Attempts != 1 || o.LastError == "" || !o.NextAttemptAt.After(w.clock.Now()) {
			t.Fatalf("after a failure: %+v", o)
		}
		var runs []models.JobRun
		db.Where("job = ?", "notification-delivery").Order("id DESC").Limit(1).Find(&runs)
		if runs[0].Status != "error" || runs[0].Error == "" {
			t.Fatalf("the failed run is not recorded: %+v", runs[0])
		}
		// Not due yet: no new attempt.
		w.run("notification-delivery")
		db.First(&o, o.ID)
		if o.Attempts != 1 {
			t.Fatalf("retried before its time: %d", o.Attempts)
		}
		// The server comes back on the same address; after the backoff the
		// message goes out.
		ms2 := &mailServer{}
		ms2.start(t, ms.addr)
		defer ms2.stop()
		w.clock.Set(w.clock.Now().Add(2 * time.Minute))
		w.run("notification-delivery")
		db.First(&o, o.ID)
		if o.SentAt == nil || len(ms2.received()) != 1 {
			t.Fatalf("not delivered after recovery: %+v, %d received", o, len(ms2.received()))
		}
	})
}

func TestQuietHours(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		ms := &mailServer{}
		ms.start(t, "127.0.0.1:0")
		defer ms.stop()
		// A case filed at 21:30 tells the applicant at once, but the
		// officer's e-mail waits until 08:00.
		w := newWorld(t, db, at("2026-06-01", "21:30"), ms.mailer(t))
		w.file("demo-applicant", "某项政府信息", "申请公开某项政府信息的全文内容。")
		var staff models.OutboxMessage
		if err := db.Where("recipient = ?", "demo-officer@example.com").First(&staff).Error; err != nil {
			t.Fatal(err)
		}
		if want := at("2026-06-02", "08:00"); !staff.NextAttemptAt.Equal(want) {
			t.Fatalf("staff e-mail due %s, want %s", staff.NextAttemptAt, want)
		}
		w.run("notification-delivery")
		if got := ms.received(); len(got) != 1 || got[0].to != "demo-applicant@example.com" {
			t.Fatalf("during quiet hours: %+v", got)
		}
		w.clock.Set(at("2026-06-02", "08:01"))
		w.run("notification-delivery")
		if n := len(ms.received()); n != 2 {
			t.Fatalf("after quiet hours: %d", n)
		}
		// The in-app notice did not wait.
		n, _ := w.svc.Notifications.UnreadCount(context.Background(), w.users["demo-officer"])
		if n != 1 {
			t.Fatalf("officer inbox: %d", n)
		}
	})
}

// mailPart is one part of a received multipart message.
type mailPart struct {
	contentType string
	body        string
}

// parseMail reads a received message and its parts.
func parseMail(t *testing.T, data []byte) (*mail.Message, []mailPart) {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("content type %q: %v", msg.Header.Get("Content-Type"), err)
	}
	var parts []mailPart
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		var r io.Reader = p // quoted-printable is decoded by the reader
		if strings.EqualFold(p.Header.Get("Content-Transfer-Encoding"), "base64") {
			r = base64.NewDecoder(base64.StdEncoding, p)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		parts = append(parts, mailPart{ct, string(b)})
	}
	return msg, parts
}

// TestMailComposition: an e-mail carries a Message-ID derived from its
// outbox row, a Date in Beijing time, a sender with its display name, an
// encoded subject and plain-text and HTML parts, in the recipient's
// language.
func TestMailComposition(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		ms := &mailServer{}
		ms.start(t, "127.0.0.1:0")
		defer ms.stop()
		w := newWorld(t, db, at("2026-06-01", "10:00"), ms.mailer(t))
		ctx := context.Background()
		en := "en"
		if _, err := w.svc.Auth.UpdateProfile(ctx, w.users["demo-applicant"], app.ProfileUpdate{Version: 1, Language: &en}); err != nil {
			t.Fatal(err)
		}
		c := w.file("demo-applicant", "凤城街道征地补偿安置方案", "申请公开凤城街道2025年征地补偿安置方案。")
		w.run("notification-delivery")
		got := ms.received()
		if len(got) != 2 || got[0].from != "gongkai@laiwu.example" {
			t.Fatalf("received %d, envelope from %q", len(got), got[0].from)
		}
		var rows []models.OutboxMessage
		db.Order("id").Find(&rows)
		idRe := regexp.MustCompile(`^<outbox-(\d+)\.[0-9a-f]{16}@laiwu\.example>$`)
		wantSubjects := []string{"[" + c.Case.TrackingNumber + "] application submitted", "【" + c.Case.TrackingNumber + "】新的政府信息公开申请"}
		wantText := []string{"Your government information disclosure application", "待登记审核"}
		seen := map[string]bool{}
		for i, r := range got {
			msg, parts := parseMail(t, r.data)
			id := msg.Header.Get("Message-ID")
			if m := idRe.FindStringSubmatch(id); m == nil || m[1] != fmt.Sprint(rows[i].ID) || seen[id] {
				t.Errorf("Message-ID %q for outbox row %d", id, rows[i].ID)
			}
			seen[id] = true
			date, err := msg.Header.Date()
			if err != nil || !strings.HasSuffix(msg.Header.Get("Date"), "+0800") || date.IsZero() {
				t.Errorf("Date %q: %v", msg.Header.Get("Date"), err)
			}
			from, err := mail.ParseAddress(msg.Header.Get("From"))
			if err != nil || from.Name != "莱芜区政务公开" || from.Address != "gongkai@laiwu.example" {
				t.Errorf("From %q: %+v %v", msg.Header.Get("From"), from, err)
			}
			raw := msg.Header.Get("Subject")
			subject, err := new(mime.WordDecoder).DecodeHeader(raw)
			if err != nil || subject != wantSubjects[i] || (i == 1 && !strings.HasPrefix(raw, "=?")) {
				t.Errorf("Subject %q (%q): %v", subject, raw, err)
			}
			if len(parts) != 2 || parts[0].contentType != "text/plain" || parts[1].contentType != "text/html" {
				t.Fatalf("parts: %+v", parts)
			}
			if !strings.Contains(parts[0].body, wantText[i]) || !strings.Contains(parts[1].body, wantText[i]) {
				t.Errorf("mail %d in the wrong language: %q", i, parts[0].body)
			}
		}
		_, parts := parseMail(t, got[0].data)
		link := fmt.Sprintf("https://gongkai.example/my/applications/%d", c.Case.ID)
		if !strings.Contains(parts[0].body, link) || !strings.Contains(parts[0].body, "please do not reply") ||
			!strings.Contains(parts[1].body, `<a href="`+link+`">`) {
			t.Errorf("the applicant's mail lacks its link or footer:\n%s\n%s", parts[0].body, parts[1].body)
		}
	})
}

// dyingMailer hands its first message to the server and then dies, as a
// process killed before it could record the delivery.
type dyingMailer struct {
	app.Mailer
	died atomic.Bool
}

func (d *dyingMailer) Send(ctx context.Context, m app.Mail) error {
	if err := d.Mailer.Send(ctx, m); err != nil {
		return err
	}
	if d.died.CompareAndSwap(false, true) {
		panic("killed after the server took the message")
	}
	return nil
}

// messageIDs lists the Message-IDs of the received mail.
func messageIDs(t *testing.T, got []received) []string {
	t.Helper()
	var ids []string
	for _, r := range got {
		msg, err := mail.ReadMessage(bytes.NewReader(r.data))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, msg.Header.Get("Message-ID"))
	}
	return ids
}

// TestOutboxLeaseExpires: messages claimed by a deliverer that died stay
// untouched while its lease holds, then go out again with the same
// Message-ID, once each.
func TestOutboxLeaseExpires(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		ms := &mailServer{}
		ms.start(t, "127.0.0.1:0")
		defer ms.stop()
		w := newWorld(t, db, at("2026-06-01", "10:00"), &dyingMailer{Mailer: ms.mailer(t)})
		w.file("demo-applicant", "凤城街道征地补偿安置方案", "申请公开凤城街道2025年征地补偿安置方案。")
		w.run("notification-delivery") // dies after the first message
		if n := len(ms.received()); n != 1 {
			t.Fatalf("%d received before dying", n)
		}
		var rows []models.OutboxMessage
		db.Order("id").Find(&rows)
		for _, r := range rows {
			if r.SentAt != nil || r.ClaimedUntil == nil || r.ClaimedBy == "" || r.Attempts != 1 {
				t.Fatalf("a claimed row after the death: %+v", r)
			}
		}
		// The lease holds: another run sends nothing.
		w.clock.Set(w.clock.Now().Add(10 * time.Minute))
		w.run("notification-delivery")
		if n := len(ms.received()); n != 1 {
			t.Fatalf("%d received while the lease holds", n)
		}
		// It ran out: both go out, the first again with its Message-ID.
		w.clock.Set(w.clock.Now().Add(6 * time.Minute))
		w.run("notification-delivery")
		ids := messageIDs(t, ms.received())
		if len(ids) != 3 || ids[0] != ids[1] || ids[1] == ids[2] || !strings.HasPrefix(ids[0], fmt.Sprintf("<outbox-%d.", rows[0].ID)) {
			t.Fatalf("Message-IDs after the lease ran out: %v", ids)
		}
		db.Order("id").Find(&rows)
		for _, r := range rows {
			if r.SentAt == nil || r.ClaimedUntil != nil || r.ClaimedBy != "" || r.Attempts != 2 {
				t.Errorf("a row after its retry: %+v", r)
			}
		}
		w.run("notification-delivery")
		if n := len(ms.received()); n != 3 {
			t.Fatalf("%d received after another run", n)
		}
	})
}

// TestTwoDeliverersSendOnce: two servers delivering the outbox at the same
// time send every message exactly once.
func TestTwoDeliverersSendOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		ms := &mailServer{delay: 5 * time.Millisecond}
		ms.start(t, "127.0.0.1:0")
		defer ms.stop()
		w1 := newWorld(t, db, at("2026-06-01", "10:00"), ms.mailer(t))
		for i := 0; i < 20; i++ {
			w1.file("demo-applicant", fmt.Sprintf("信息%d", i), "申请公开某项政府信息的全文内容。")
		}
		w2 := newWorld(t, db, at("2026-06-01", "10:00"), ms.mailer(t))
		var rows int64
		db.Model(&models.OutboxMessage{}).Count(&rows)
		var wg sync.WaitGroup
		sent := make([]int, 2)
		for i, w := range []*world{w1, w2} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res, err := w.svc.Outbox.Deliver(context.Background())
				if err != nil {
					t.Errorf("deliverer %d: %v", i, err)
				}
				sent[i] = res["sent"]
			}()
		}
		wg.Wait()
		ids := messageIDs(t, ms.received())
		seen := map[string]int{}
		for _, id := range ids {
			seen[id]++
		}
		for id, n := range seen {
			if n != 1 {
				t.Errorf("%s received %d times", id, n)
			}
		}
		var unsent int64
		db.Model(&models.OutboxMessage{}).Where("sent_at IS NULL").Count(&unsent)
		if rows != 40 || len(ids) != int(rows) || len(seen) != int(rows) || unsent != 0 || sent[0]+sent[1] != int(rows) {
			t.Fatalf("%d rows, %d received (%d distinct), %d unsent, sent %v", rows, len(ids), len(seen), unsent, sent)
		}
		t.Logf("sent by each deliverer: %v", sent)
	})
}
