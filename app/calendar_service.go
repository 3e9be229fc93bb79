package app

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/models"
)

// CalendarService keeps the working-day calendar in force: the State
// Council schedules from lunar-go, overlaid by the overrides shipped in
// configs/ and then by the overrides administrators edit online, which win
// (decisions.md, "Working days"). Clocks are computed from it on demand, so
// an edit takes effect at once for every case. Errors: KindInvalid,
// KindForbidden.
type CalendarService struct {
	Deps
	source *calendar.Source
	file   []calendar.Override
	// onChange runs after an edit is committed (it refreshes the cached
	// due dates of open cases).
	onChange func(ctx context.Context) error
}

// NewCalendarService loads the stored overrides and builds the calendar.
func NewCalendarService(ctx context.Context, d Deps, file []calendar.Override) (*CalendarService, error) {
	s := &CalendarService{Deps: d, file: file}
	rows, err := models.FindCalendarOverrides(ctx, d.DB)
	if err != nil {
		return nil, fmt.Errorf("load calendar overrides: %w", err)
	}
	cal, err := s.build(rows)
	if err != nil {
		return nil, err
	}
	s.source = calendar.NewSource(cal)
	return s, nil
}

// build merges file and database overrides (database wins per date).
func (s *CalendarService) build(rows []models.CalendarOverride) (*calendar.Calendar, error) {
	byDate := map[calendar.Date]calendar.Override{}
	for _, o := range s.file {
		byDate[o.Date] = o
	}
	for _, r := range rows {
		d, err := calendar.ParseDate(r.Date)
		if err != nil {
			return nil, fmt.Errorf("stored override %q: %w", r.Date, err)
		}
		byDate[d] = calendar.Override{Date: d, Workday: r.Workday, Name: r.Name, Reason: r.Reason}
	}
	all := make([]calendar.Override, 0, len(byDate))
	for _, o := range byDate {
		all = append(all, o)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Date < all[j].Date })
	return calendar.New(all), nil
}

// Calendar returns the calendar in force.
func (s *CalendarService) Calendar() *calendar.Calendar { return s.source.Get() }

// Today is the current date in Asia/Shanghai by the service clock.
func (s *CalendarService) Today() calendar.Date { return calendar.FromTime(s.Now()) }

// OverrideView is an override with where it comes from.
type OverrideView struct {
	calendar.Override
	Source string `json:"source"` // file or admin
}

// Overrides lists the overrides in force: the file's and the stored ones.
func (s *CalendarService) Overrides(ctx context.Context) ([]OverrideView, error) {
	rows, err := models.FindCalendarOverrides(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	stored := map[string]bool{}
	var out []OverrideView
	for _, r := range rows {
		d, _ := calendar.ParseDate(r.Date)
		stored[r.Date] = true
		out = append(out, OverrideView{calendar.Override{Date: d, Workday: r.Workday, Name: r.Name, Reason: r.Reason}, "admin"})
	}
	for _, o := range s.file {
		if !stored[o.Date.String()] {
			out = append(out, OverrideView{o, "file"})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out, nil
}

// OverrideInput is one override an administrator sets.
type OverrideInput struct {
	Date    string `json:"date"`
	Workday *bool  `json:"workday"`
	Name    string `json:"name"`
	Reason  string `json:"reason"`
}

// PutOverrides replaces the administrators' overrides with in, audited,
// and puts the new calendar in force at once.
func (s *CalendarService) PutOverrides(ctx context.Context, actor Actor, in []OverrideInput) ([]OverrideView, error) {
	if err := requireAdmin(actor); err != nil {
		return nil, err
	}
	var f models.Fields
	seen := map[string]bool{}
	rows := make([]models.CalendarOverride, 0, len(in))
	for i, o := range in {
		p := fmt.Sprintf("overrides[%d].", i)
		d, err := calendar.ParseDate(strings.TrimSpace(o.Date))
		switch {
		case err != nil:
			f.Add(p+"date", "日期格式须为 YYYY-MM-DD", "date must be YYYY-MM-DD")
		case d.Year() < calendar.FirstYear || d.Year() > calendar.LastYear:
			f.Add(p+"date", fmt.Sprintf("日期须在 %d 至 %d 年之间", calendar.FirstYear, calendar.LastYear), fmt.Sprintf("date must fall in %d–%d", calendar.FirstYear, calendar.LastYear))
		case seen[d.String()]:
			f.Add(p+"date", "日期重复", "duplicate date")
		}
		seen[d.String()] = true
		if o.Workday == nil {
			f.Add(p+"workday", "请指明是工作日（true）还是休息日（false）", "workday (true or false) is required")
		}
		name, reason := strings.TrimSpace(o.Name), strings.TrimSpace(o.Reason)
		checkLen(&f, p+"name", name, 1, 64, "名称", "name")
		checkLen(&f, p+"reason", reason, 1, 255, "依据或原因", "reason")
		if err == nil && o.Workday != nil {
			id := actor.UserID
			rows = append(rows, models.CalendarOverride{Date: d.String(), Workday: *o.Workday, Name: name, Reason: reason, UpdatedBy: &id, UpdatedAt: s.Now()})
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	cal, err := s.build(rows)
	if err != nil {
		return nil, err
	}
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		if err := models.ReplaceCalendarOverrides(ctx, tx, rows); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "calendar.overrides", "calendar", 0, rows)
	})
	if err != nil {
		return nil, fmt.Errorf("save calendar overrides: %w", err)
	}
	s.source.Set(cal)
	if s.onChange != nil {
		if err := s.onChange(ctx); err != nil {
			s.Log.ErrorContext(ctx, "refresh clocks after calendar change", "err", err.Error())
		}
	}
	return s.Overrides(ctx)
}

// Reload rebuilds the calendar from the stored overrides (another replica
// may have changed them).
func (s *CalendarService) Reload(ctx context.Context) error {
	rows, err := models.FindCalendarOverrides(ctx, s.DB)
	if err != nil {
		return err
	}
	cal, err := s.build(rows)
	if err != nil {
		return err
	}
	s.source.Set(cal)
	return nil
}
