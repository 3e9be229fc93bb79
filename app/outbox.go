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

// OutboxService delivers the outbox: the e-mail and text messages the
// notifications queued, retried with backoff until they go out, so that a
// mail server outage loses nothing. Errors: those of the database; failed
// sends are retried and reported.
type OutboxService struct {
	Deps
	// mailer is nil when e-mail is not configured.
	mailer Mailer
	sms    SMSSender
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

// Deliver sends due messages, retrying failures with backoff; a message
// that fails maxAttempts times is given up (and stays visible).
func (o *OutboxService) Deliver(ctx context.Context) (JobResult, error) {
	res := JobResult{}
	msgs, err := models.FindDueOutbox(ctx, o.DB, o.Now(), maxAttempts, 500)
	if err != nil {
		return res, err
	}
	var errs []error
	for i := range msgs {
		m := &msgs[i]
		sendErr := o.send(ctx, m)
		o.record(m, sendErr, res)
		if err := models.SaveOutboxMessage(ctx, o.DB, m); err != nil {
			return res, err
		}
		if sendErr != nil {
			errs = append(errs, sendErr)
		}
	}
	if len(errs) > 0 {
		// Failures are retried; the run reports the first error.
		return res, fmt.Errorf("%d message(s) not sent: %w", len(errs), errs[0])
	}
	return res, nil
}

// send hands one message to its channel.
func (o *OutboxService) send(ctx context.Context, m *models.OutboxMessage) error {
	switch m.Channel {
	case "email":
		if o.mailer == nil {
			return errors.New("e-mail is not configured")
		}
		return o.mailer.Send(ctx, m.Recipient, m.Subject, m.Body)
	case "sms":
		return o.sms.Send(ctx, m.Recipient, m.Body)
	}
	return fmt.Errorf("unknown channel %q", m.Channel)
}

// record notes an attempt on m: sent, or failed with the next attempt
// after the backoff.
func (o *OutboxService) record(m *models.OutboxMessage, sendErr error, res JobResult) {
	m.Attempts++
	if sendErr == nil {
		t := o.Now()
		m.SentAt, m.LastError = &t, ""
		res["sent"]++
		return
	}
	m.LastError = truncate(sendErr.Error(), 500)
	m.NextAttemptAt = o.Now().Add(backoff(m.Attempts))
	res["failed"]++
	if m.Attempts >= maxAttempts {
		res["given_up"]++
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
