// Package smtpmail sends e-mail through an SMTP server, composed with
// github.com/wneessen/go-mail: a Message-ID the caller chooses (stable
// across retries), a Date in Asia/Shanghai, a From with a display name,
// RFC 2047 subjects and a plain-text part with an HTML alternative. It
// imports no project package; app/wiring adapts it to app.Mailer.
package smtpmail

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Config configures a Mailer.
type Config struct {
	Host string
	Port int
	// TLS is none, starttls (required, not opportunistic) or tls (implicit).
	TLS      string
	Username string
	Password string
	// From is the sender, optionally with a display name:
	// 莱芜区政务公开 <gk@example.gov.cn>.
	From string
}

// Message is one e-mail.
type Message struct {
	// MessageID is the Message-ID without its angle brackets. One without
	// an "@" gets the sender's domain.
	MessageID string
	To        string
	Subject   string
	// Text is the plain-text body; HTML, when set, its alternative.
	Text string
	HTML string
}

// shanghai is China Standard Time, which has no daylight saving time.
var shanghai = time.FixedZone("Asia/Shanghai", 8*60*60)

// Mailer sends e-mail through one SMTP server, one connection a message.
type Mailer struct {
	cfg    Config
	from   *mail.Address
	domain string
}

// New checks cfg: a host and a sender address.
func New(cfg Config) (*Mailer, error) {
	if cfg.Host == "" {
		return nil, errors.New("smtp: no host")
	}
	from, err := mail.ParseAddress(cfg.From)
	if err != nil {
		return nil, fmt.Errorf("smtp from %q: %w", cfg.From, err)
	}
	_, domain, _ := strings.Cut(from.Address, "@")
	return &Mailer{cfg: cfg, from: from, domain: domain}, nil
}

// Send delivers one message; the envelope sender is the From address.
func (m *Mailer) Send(ctx context.Context, msg Message) error {
	gm, err := m.compose(msg, time.Now())
	if err != nil {
		return err
	}
	client, err := gomail.NewClient(m.cfg.Host, m.options()...)
	if err != nil {
		return fmt.Errorf("smtp client: %w", err)
	}
	if err := client.DialAndSendWithContext(ctx, gm); err != nil {
		return fmt.Errorf("smtp send: %w", err)
	}
	return nil
}

// compose builds the message as of now.
func (m *Mailer) compose(msg Message, now time.Time) (*gomail.Msg, error) {
	gm := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	gm.FromMailAddress(m.from)
	if err := gm.To(msg.To); err != nil {
		return nil, fmt.Errorf("smtp to: %w", err)
	}
	id := msg.MessageID
	if !strings.Contains(id, "@") {
		id += "@" + m.domain
	}
	gm.SetMessageIDWithValue(id)
	gm.SetDateWithValue(now.In(shanghai))
	gm.Subject(msg.Subject)
	gm.SetBodyString(gomail.TypeTextPlain, msg.Text)
	if msg.HTML != "" {
		gm.AddAlternativeString(gomail.TypeTextHTML, msg.HTML)
	}
	return gm, nil
}

// options are the client's port, transport security and authentication.
func (m *Mailer) options() []gomail.Option {
	opts := []gomail.Option{gomail.WithTimeout(30 * time.Second)}
	if m.cfg.Port != 0 {
		opts = append(opts, gomail.WithPort(m.cfg.Port))
	}
	switch m.cfg.TLS {
	case "tls":
		opts = append(opts, gomail.WithSSL())
	case "starttls":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	}
	if m.cfg.Username != "" {
		// PLAIN only over TLS (or to localhost), as net/smtp allowed it.
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthPlain), gomail.WithUsername(m.cfg.Username), gomail.WithPassword(m.cfg.Password))
	}
	return opts
}
