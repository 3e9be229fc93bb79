package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"log/slog"
	"os"
	"strings"
	"time"

	"gongkai/models"
)

// Mail is one e-mail.
type Mail struct {
	// MessageID names the message for good: every attempt at one outbox
	// row sends the same id, so a receiver can drop a repeat. Without an
	// "@" the mailer adds its sender's domain.
	MessageID string
	To        string
	Subject   string
	// Text is the plain-text body; HTML the same text as HTML.
	Text string
	HTML string
}

// Mailer sends one e-mail (app/smtpmail through app/wiring in
// production).
type Mailer interface {
	Send(ctx context.Context, m Mail) error
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

// Delivery leases: a run claims claimBatch messages at a time for
// claimLease, longer than sending them takes (each send times out within
// a minute), and at most deliverMax messages a run.
const (
	claimBatch = 10
	claimLease = 15 * time.Minute
	deliverMax = 500
)

// backoff is the wait before attempt n+1.
func backoff(attempts int) time.Duration {
	steps := []time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute, time.Hour, 3 * time.Hour}
	if attempts-1 < len(steps) {
		return steps[max(0, attempts-1)]
	}
	return 6 * time.Hour
}

// Deliver sends due messages, retrying failures with backoff; a message
// that fails maxAttempts times is given up (and stays visible). It sends
// only the messages it claimed, so deliveries running at once on two
// servers never send one twice; one whose deliverer died before recording
// the outcome goes out again, with the same Message-ID, once the lease
// runs out.
func (o *OutboxService) Deliver(ctx context.Context) (JobResult, error) {
	res := JobResult{}
	claimant := newClaimant()
	var errs []error
	for done := 0; done < deliverMax; {
		now := o.Now()
		msgs, err := models.ClaimOutbox(ctx, o.DB, now, now.Add(claimLease), claimant, maxAttempts, min(claimBatch, deliverMax-done))
		if err != nil {
			return res, err
		}
		if len(msgs) == 0 {
			break
		}
		done += len(msgs)
		for i := range msgs {
			sendErr := o.send(ctx, &msgs[i])
			if err := o.record(ctx, &msgs[i], claimant, sendErr, res); err != nil {
				return res, err
			}
			if sendErr != nil {
				errs = append(errs, sendErr)
			}
		}
	}
	if len(errs) > 0 {
		// Failures are retried; the run reports the first error.
		return res, fmt.Errorf("%d message(s) not sent: %w", len(errs), errs[0])
	}
	return res, nil
}

// newClaimant names one delivery run's claims.
func newClaimant() string {
	host, _ := os.Hostname()
	return truncate(fmt.Sprintf("%s/%d/%s", host, os.Getpid(), randomToken(6)), 64)
}

// send hands one message to its channel.
func (o *OutboxService) send(ctx context.Context, m *models.OutboxMessage) error {
	switch m.Channel {
	case "email":
		if o.mailer == nil {
			return errors.New("e-mail is not configured")
		}
		return o.mailer.Send(ctx, Mail{MessageID: messageID(m), To: m.Recipient, Subject: m.Subject, Text: m.Body, HTML: mailHTML(m.Body)})
	case "sms":
		return o.sms.Send(ctx, m.Recipient, m.Body)
	}
	return fmt.Errorf("unknown channel %q", m.Channel)
}

// record stores the outcome of an attempt (counted when claimed) and ends
// the claim: sent, or failed with the next attempt after the backoff.
func (o *OutboxService) record(ctx context.Context, m *models.OutboxMessage, claimant string, sendErr error, res JobResult) error {
	if sendErr == nil {
		res["sent"]++
		return models.MarkOutboxSent(ctx, o.DB, m.ID, o.Now())
	}
	res["failed"]++
	if m.Attempts >= maxAttempts {
		res["given_up"]++
	}
	return models.ReleaseOutbox(ctx, o.DB, m.ID, claimant, truncate(sendErr.Error(), 500), o.Now().Add(backoff(m.Attempts)))
}

// messageID is the Message-ID of an outbox row without its domain: the
// row's id and a hash of what else identifies it, so that two databases'
// rows of the same id differ, and every retry of the row sends the same id.
func messageID(m *models.OutboxMessage) string {
	h := sha256.Sum256(fmt.Appendf(nil, "%d|%s|%d", m.ID, m.Recipient, m.CreatedAt.Unix()))
	return fmt.Sprintf("outbox-%d.%s", m.ID, hex.EncodeToString(h[:8]))
}

// mailPage lays out a plain-text mail as HTML: paragraphs at blank lines,
// line breaks kept, a line that is a web address a link.
var mailPage = htmltemplate.Must(htmltemplate.New("mail").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"></head>
<body style="font-family: sans-serif; line-height: 1.6">
{{- range .}}
<p>{{range $i, $l := .}}{{if $i}}<br>{{end}}{{if $l.Link}}<a href="{{$l.Text}}">{{$l.Text}}</a>{{else}}{{$l.Text}}{{end}}{{end}}</p>
{{- end}}
</body></html>
`))

// mailLine is one line of a mail's HTML part.
type mailLine struct {
	Text string
	Link bool
}

// mailHTML is the HTML part of a mail whose plain text is text.
func mailHTML(text string) string {
	var paras [][]mailLine
	for _, p := range strings.Split(text, "\n\n") {
		var lines []mailLine
		for _, l := range strings.Split(p, "\n") {
			link := (strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")) && !strings.ContainsAny(l, " \t")
			lines = append(lines, mailLine{Text: l, Link: link})
		}
		paras = append(paras, lines)
	}
	var b strings.Builder
	if err := mailPage.Execute(&b, paras); err != nil {
		return ""
	}
	return b.String()
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
