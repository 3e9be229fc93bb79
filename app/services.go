package app

import (
	"context"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"

	"gongkai/app/calendar"
	"gongkai/app/i18n"
)

// Config is what the services need from configuration.
type Config struct {
	Auth    AuthConfig
	DataKey string
	Clock   ClockConfig
	// Templates holds notices/*.html (configs.Files in production).
	Templates fs.FS
	// InstallationTemplates, if set, holds files that replace the built-in
	// notice templates of the same name (GONGKAI_TEMPLATES_DIR).
	InstallationTemplates fs.FS
	// PDF lays notices out as PDF and signs them.
	PDF PDFConfig
	// HolidayOverrides come from the configs/ file; stored ones win.
	HolidayOverrides []calendar.Override
	// HolidayNotices are the State Council notices on record
	// (configs/holiday_notices.yaml): their years are official.
	HolidayNotices   []YearNotice
	UploadLimitBytes int64
	Notify           NotifyConfig
	Conversion       ConversionConfig
	// Mailer sends e-mail; nil disables it (in-app notices still work).
	Mailer Mailer
	// SMS sends text messages; nil logs them.
	SMS SMSSender
}

// check reports the settings a wiring forgot (zero is never a meaningful
// value for them).
func (cfg Config) check() error {
	var missing []string
	for name, zero := range map[string]bool{
		"Clock.WarningDays": cfg.Clock.WarningDays == 0, "Clock.UrgentDays": cfg.Clock.UrgentDays == 0 && cfg.Clock.WarningDays == 0,
		"Clock.CorrectionPeriodDays": cfg.Clock.CorrectionPeriodDays == 0, "Clock.RepeatSimilarity": cfg.Clock.RepeatSimilarity == 0,
		"Conversion.MinApplicants": cfg.Conversion.MinApplicants == 0, "Conversion.Similarity": cfg.Conversion.Similarity == 0,
		"UploadLimitBytes": cfg.UploadLimitBytes == 0, "Clock.ReminderThresholds": len(cfg.Clock.ReminderThresholds) == 0,
	} {
		if zero {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return fmt.Errorf("app config: %s not set (the defaults are in configs; wire them with app/wiring)", strings.Join(missing, ", "))
	}
	return nil
}

// Services bundles every use case; main.go builds it once.
type Services struct {
	Deps          Deps
	Sealer        *Sealer
	Auth          *AuthService
	Users         *UserService
	Agencies      *AgencyService
	Calendar      *CalendarService
	Cases         *CaseService
	Attachments   *AttachmentService
	Notifications *NotificationService
	Outbox        *OutboxService
	Reminders     *ReminderService
	Seed          *SeedService
	Jobs          *JobService
	Conversion    *ConversionService
	Reports       *ReportService
	Library       *LibraryService
	Settings      *SettingsService
	RateLimits    *RateLimiter
	Register      *RegisterService
	Seals         *SealService
	Templates     *NoticeTemplateService
}

// New builds the services from cfg, which must be complete: the defaults
// live in configs (app/wiring turns a configs.Config into a Config).
func New(d Deps, cfg Config) (*Services, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	sealer, err := NewSealer(cfg.DataKey)
	if err != nil {
		return nil, fmt.Errorf("data key: %w", err)
	}
	notices, err := NewNotices(cfg.Templates, cfg.InstallationTemplates)
	if err != nil {
		return nil, err
	}
	cal, err := NewCalendarService(context.Background(), d, cfg.HolidayOverrides, cfg.HolidayNotices)
	if err != nil {
		return nil, err
	}
	auth := NewAuthService(d, cfg.Auth, sealer)
	blobs := DBBlobStore{}
	cases := NewCaseService(d, cal, sealer, notices, blobs, cfg.Clock)
	cases.pdf = cfg.PDF
	if cfg.PDF.Renderer == nil {
		d.Log.Warn("notices are issued as HTML only, without PDF", "reason", cfg.PDF.Unavailable)
	}
	cal.onChange, cal.preview = cases.FollowCalendarChange, cases.PreviewCalendarChange
	if cfg.SMS == nil {
		cfg.SMS = LogSMS{Log: d.Log}
	}
	settings := newSettingsService(d, RuntimeSettings{
		WarningDays: cases.cfg.WarningDays, UrgentDays: cases.cfg.UrgentDays, CorrectionPeriodDays: cases.cfg.CorrectionPeriodDays,
		RepeatSimilarity: cases.cfg.RepeatSimilarity, ConversionMinApplicants: cfg.Conversion.MinApplicants,
		ConversionSimilarity: cfg.Conversion.Similarity, QuietStart: cfg.Notify.QuietStart, QuietEnd: cfg.Notify.QuietEnd,
		ReminderThresholds: slices.Clone(cfg.Clock.ReminderThresholds),
	})
	if err := settings.reload(context.Background(), d.DB); err != nil {
		return nil, fmt.Errorf("load settings: %w", err)
	}
	cases.settings = settings
	msgs, err := i18n.Load()
	if err != nil {
		return nil, err
	}
	notifications := &NotificationService{Deps: d, cfg: cfg.Notify, mail: cfg.Mailer != nil, settings: settings, msgs: msgs}
	cases.SetNotifier(notifications)
	users, agencies := NewUserService(d, auth, sealer), &AgencyService{Deps: d}
	return &Services{
		Deps:          d,
		Sealer:        sealer,
		Auth:          auth,
		Users:         users,
		Agencies:      agencies,
		Calendar:      cal,
		Cases:         cases,
		Attachments:   &AttachmentService{Deps: d, blobs: blobs, maxBytes: cfg.UploadLimitBytes, cases: cases},
		Notifications: notifications,
		Outbox:        &OutboxService{Deps: d, mailer: cfg.Mailer, sms: cfg.SMS},
		Reminders:     &ReminderService{Deps: d, cal: cal, settings: settings, notify: notifications},
		Seed:          &SeedService{Deps: d, sealer: sealer, agencies: agencies, users: users, cal: cal},
		Jobs:          NewJobService(d),
		Conversion:    &ConversionService{Deps: d, cfg: cfg.Conversion, cal: cal, settings: settings},
		Reports:       &ReportService{Deps: d, cal: cal, settings: settings, pdf: cfg.PDF.Renderer, pdfUnavailable: cfg.PDF.Unavailable},
		Library:       &LibraryService{Deps: d},
		Settings:      settings,
		RateLimits:    NewRateLimiter(d),
		Register:      newRegisterService(d, cases, blobs, cfg.UploadLimitBytes),
		Seals:         &SealService{Deps: d, blobs: blobs},
		Templates:     &NoticeTemplateService{Deps: d, cases: cases},
	}, nil
}
