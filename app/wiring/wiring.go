// Package wiring turns the configuration (package configs) into what the
// services need (app.Config), so that main.go and the test harnesses wire
// the services the same way and every default has one home: configs. It
// is main.go's helper; only main.go and tests import it.
package wiring

import (
	"fmt"
	"io/fs"
	"os"

	"gongkai/app"
	"gongkai/app/calendar"
	"gongkai/configs"
)

// AppConfig is the services' configuration from cfg: the clock and
// conversion settings, authentication, notification, limits, the notice
// templates (built in, and the installation's directory), the PDF fonts
// and signers, and the holiday calendar files. The mailer and SMS sender are
// the caller's (they need the network).
func AppConfig(cfg configs.Config) (app.Config, error) {
	holidays, err := HolidayOverrides(cfg.HolidaysFile)
	if err != nil {
		return app.Config{}, err
	}
	notices, err := HolidayNotices()
	if err != nil {
		return app.Config{}, err
	}
	pdf, err := PDF(cfg)
	if err != nil {
		return app.Config{}, err
	}
	var installed fs.FS
	if cfg.TemplatesDir != "" {
		if st, err := os.Stat(cfg.TemplatesDir); err != nil || !st.IsDir() {
			return app.Config{}, fmt.Errorf("GONGKAI_TEMPLATES_DIR %s is not a directory", cfg.TemplatesDir)
		}
		installed = os.DirFS(cfg.TemplatesDir)
	}
	return app.Config{
		DataKey:               cfg.DataKey,
		Templates:             configs.Files,
		InstallationTemplates: installed,
		PDF:                   pdf,
		HolidayOverrides:      holidays,
		HolidayNotices:        notices,
		UploadLimitBytes:      cfg.UploadLimitBytes,
		Notify:                app.NotifyConfig{PublicURL: cfg.PublicURL, QuietStart: cfg.Jobs.QuietStart, QuietEnd: cfg.Jobs.QuietEnd},
		Conversion: app.ConversionConfig{MinApplicants: cfg.Clock.ConversionMinApplicants, Similarity: cfg.Clock.ConversionSimilarity,
			Excluded: cfg.Clock.ConversionExcluded},
		Clock: app.ClockConfig{
			WarningDays: cfg.Clock.WarningDays, UrgentDays: cfg.Clock.UrgentDays,
			CorrectionPeriodDays: cfg.Clock.CorrectionPeriodDays, FeePausesClock: cfg.Clock.FeePausesClock,
			RepeatSimilarity: cfg.Clock.RepeatSimilarity, ReminderThresholds: cfg.Clock.ReminderThresholds,
		},
		Auth: app.AuthConfig{
			JWTSecret: []byte(cfg.JWTSecret), AccessTTL: cfg.AccessTokenTTL, RefreshTTL: cfg.RefreshTokenTTL,
			LockoutAttempts: cfg.LockoutAttempts, LockoutDuration: cfg.LockoutDuration,
		},
	}, nil
}

// HolidayNotices reads the State Council notices on record.
func HolidayNotices() ([]app.YearNotice, error) {
	rows, err := configs.LoadHolidayNotices()
	if err != nil {
		return nil, err
	}
	out := make([]app.YearNotice, 0, len(rows))
	for _, r := range rows {
		out = append(out, app.YearNotice(r))
	}
	return out, nil
}

// HolidayOverrides reads the built-in calendar overrides and then, when
// path is set, the installation's extra overrides (which win per date).
func HolidayOverrides(path string) ([]calendar.Override, error) {
	rows, err := configs.LoadHolidays("")
	if err != nil {
		return nil, err
	}
	if path != "" {
		extra, err := configs.LoadHolidays(path)
		if err != nil {
			return nil, err
		}
		rows = append(rows, extra...)
	}
	out := make([]calendar.Override, 0, len(rows))
	for i, r := range rows {
		d, err := calendar.ParseDate(r.Date)
		if err != nil {
			return nil, fmt.Errorf("holidays file, row %d: %w", i+1, err)
		}
		out = append(out, calendar.Override{Date: d, Workday: r.Workday, Name: r.Name, Reason: r.Reason})
	}
	return out, nil
}
