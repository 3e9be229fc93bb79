package wiring

import (
	"context"

	"gongkai/app"
	"gongkai/app/smtpmail"
	"gongkai/configs"
)

// Mailer is the SMTP mailer of cfg (whose Host is set).
func Mailer(cfg configs.SMTP) (app.Mailer, error) {
	m, err := smtpmail.New(smtpmail.Config{Host: cfg.Host, Port: cfg.Port, TLS: cfg.TLS, Username: cfg.Username, Password: cfg.Password, From: cfg.From})
	if err != nil {
		return nil, err
	}
	return smtpMailer{m}, nil
}

// smtpMailer adapts smtpmail to app.Mailer (smtpmail imports no app).
type smtpMailer struct{ m *smtpmail.Mailer }

func (s smtpMailer) Send(ctx context.Context, m app.Mail) error {
	return s.m.Send(ctx, smtpmail.Message(m))
}
