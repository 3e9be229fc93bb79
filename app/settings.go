package app

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gorm.io/gorm"

	"gongkai/models"
)

// RuntimeSettings are the settings that are safe to change online: they
// change how cases are shown, reminded and grouped, never a case's legal
// dates. Everything else stays in the configuration file.
type RuntimeSettings struct {
	// WarningDays and UrgentDays are the traffic-light thresholds in
	// remaining working days (decisions.md, "Warning levels").
	WarningDays int `json:"warningDays" maximum:"20" doc:"more than urgentDays"`
	UrgentDays  int `json:"urgentDays" minimum:"0" maximum:"10"`
	// CorrectionPeriodDays is the 补正 period offered by default (Art 30).
	CorrectionPeriodDays int `json:"correctionPeriodDays" minimum:"1" maximum:"60"`
	// RepeatSimilarity flags possible repeat applications at review.
	RepeatSimilarity float64 `json:"repeatSimilarity"`
	// ConversionMinApplicants and ConversionSimilarity drive the Art 44 review.
	ConversionMinApplicants int     `json:"conversionMinApplicants" minimum:"2" maximum:"100"`
	ConversionSimilarity    float64 `json:"conversionSimilarity"`
	// QuietStart and QuietEnd (HH:MM, Asia/Shanghai) hold staff e-mail back.
	QuietStart string `json:"quietStart"`
	QuietEnd   string `json:"quietEnd"`
	// ReminderThresholds are the working days left before the due date at
	// which the deadline sweep reminds staff (1 to 5 distinct days, 1–30).
	// Omitted from a change, they stay as they are.
	ReminderThresholds []int `json:"reminderThresholds,omitempty" doc:"working days left before the due date at which staff are reminded: 1 to 5 distinct days from 1 to 30 (omitted: unchanged)"`
}

func (r RuntimeSettings) validate() error {
	var f models.Fields
	r.checkClock(&f)
	r.checkSimilarity(&f)
	r.checkQuietHours(&f)
	r.checkReminders(&f)
	return f.Err()
}

// checkReminders checks the reminder thresholds: 1 to 5 distinct working
// days from 1 to 30.
func (r RuntimeSettings) checkReminders(f *models.Fields) {
	ok := len(r.ReminderThresholds) >= 1 && len(r.ReminderThresholds) <= 5
	seen := map[int]bool{}
	for _, t := range r.ReminderThresholds {
		ok = ok && t >= 1 && t <= 30 && !seen[t]
		seen[t] = true
	}
	if !ok {
		f.Add("reminderThresholds", "提醒阈值须为 1–5 个互不相同的工作日数，每个为 1–30", "reminderThresholds must be 1 to 5 distinct working days, each from 1 to 30")
	}
}

// checkClock checks the traffic-light thresholds and the default
// correction period.
func (r RuntimeSettings) checkClock(f *models.Fields) {
	if r.UrgentDays < 0 || r.UrgentDays > 10 {
		f.Add("urgentDays", "红灯阈值须为 0–10 个工作日", "urgentDays must be 0–10")
	}
	if r.WarningDays <= r.UrgentDays || r.WarningDays > 20 {
		f.Add("warningDays", "黄灯阈值须大于红灯阈值且不超过 20", "warningDays must exceed urgentDays and be at most 20")
	}
	if r.CorrectionPeriodDays < 1 || r.CorrectionPeriodDays > 60 {
		f.Add("correctionPeriodDays", "默认补正期限须为 1–60 个工作日", "correctionPeriodDays must be 1–60")
	}
}

// checkSimilarity checks the repeat and conversion thresholds.
func (r RuntimeSettings) checkSimilarity(f *models.Fields) {
	if r.RepeatSimilarity <= 0 || r.RepeatSimilarity > 1 {
		f.Add("repeatSimilarity", "相似度须在 0 到 1 之间", "repeatSimilarity must be in (0, 1]")
	}
	if r.ConversionMinApplicants < 2 || r.ConversionMinApplicants > 100 {
		f.Add("conversionMinApplicants", "申请人数须为 2–100", "conversionMinApplicants must be 2–100")
	}
	if r.ConversionSimilarity <= 0 || r.ConversionSimilarity > 1 {
		f.Add("conversionSimilarity", "相似度须在 0 到 1 之间", "conversionSimilarity must be in (0, 1]")
	}
}

// checkQuietHours checks that the quiet hours are HH:MM and both set or
// both empty.
func (r RuntimeSettings) checkQuietHours(f *models.Fields) {
	for _, hm := range []struct{ name, v string }{{"quietStart", r.QuietStart}, {"quietEnd", r.QuietEnd}} {
		if hm.v == "" {
			continue
		}
		if _, err := time.Parse("15:04", hm.v); err != nil {
			f.Add(hm.name, "时间格式须为 HH:MM", hm.name+" must be HH:MM")
		}
	}
	if (r.QuietStart == "") != (r.QuietEnd == "") {
		f.Add("quietEnd", "免打扰时段须同时填写开始和结束，或都留空", "set both ends of the quiet hours, or neither")
	}
}

// SettingsService keeps the runtime settings: configuration defaults,
// overridden by what administrators saved. Every replica rereads them
// within settingsTTL. Errors: KindInvalid, KindForbidden, KindConflict.
type SettingsService struct {
	Deps
	defaults RuntimeSettings
	cur      atomic.Pointer[RuntimeSettings]
	loaded   atomic.Int64
	mu       sync.Mutex
}

const (
	settingsKey = "runtime"
	settingsTTL = 30 * time.Second
)

func newSettingsService(d Deps, defaults RuntimeSettings) *SettingsService {
	s := &SettingsService{Deps: d, defaults: defaults}
	s.cur.Store(&defaults)
	return s
}

// Get returns the settings in force.
func (s *SettingsService) Get() RuntimeSettings {
	if time.Since(time.Unix(0, s.loaded.Load())) > settingsTTL && s.mu.TryLock() {
		defer s.mu.Unlock()
		if err := s.reload(context.Background(), s.DB); err != nil {
			s.Log.Warn("reload settings", "err", err.Error())
		}
	}
	return *s.cur.Load()
}

func (s *SettingsService) reload(ctx context.Context, db *gorm.DB) error {
	row, found, err := models.FindSetting(ctx, db, settingsKey)
	s.loaded.Store(time.Now().UnixNano())
	if err != nil {
		return err
	}
	if !found {
		d := s.defaults
		s.cur.Store(&d)
		return nil
	}
	r := s.defaults
	// A copy: decoding into the defaults' slice would overwrite them.
	r.ReminderThresholds = slices.Clone(r.ReminderThresholds)
	if err := json.Unmarshal([]byte(row.Value), &r); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	s.cur.Store(&r)
	return nil
}

// View is the settings with the defaults they override.
type SettingsView struct {
	Settings RuntimeSettings `json:"settings"`
	Defaults RuntimeSettings `json:"defaults"`
}

// Current returns the settings and the configuration defaults.
func (s *SettingsService) Current(ctx context.Context, actor Actor) (SettingsView, error) {
	if err := requireAdmin(actor); err != nil {
		return SettingsView{}, err
	}
	if err := s.reload(ctx, s.DB); err != nil {
		return SettingsView{}, err
	}
	return SettingsView{Settings: *s.cur.Load(), Defaults: s.defaults}, nil
}

// Put saves new settings (administrators), audited, in force at once here
// and within settingsTTL elsewhere.
func (s *SettingsService) Put(ctx context.Context, actor Actor, in RuntimeSettings) (SettingsView, error) {
	if err := requireAdmin(actor); err != nil {
		return SettingsView{}, err
	}
	in.QuietStart, in.QuietEnd = strings.TrimSpace(in.QuietStart), strings.TrimSpace(in.QuietEnd)
	if in.ReminderThresholds == nil {
		if err := s.reload(ctx, s.DB); err != nil {
			return SettingsView{}, err
		}
		in.ReminderThresholds = s.cur.Load().ReminderThresholds
	}
	if err := in.validate(); err != nil {
		return SettingsView{}, err
	}
	b, err := json.Marshal(in)
	if err != nil {
		return SettingsView{}, err
	}
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		uid := actor.UserID
		row := models.Setting{Key: settingsKey, Value: string(b), UpdatedBy: &uid, UpdatedAt: s.Now()}
		if err := models.SaveSetting(ctx, tx, &row); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "settings.update", "settings", 0, in)
	})
	if err != nil {
		return SettingsView{}, fmt.Errorf("save settings: %w", err)
	}
	s.cur.Store(&in)
	s.loaded.Store(time.Now().UnixNano())
	return SettingsView{Settings: in, Defaults: s.defaults}, nil
}
