package app

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/models"
)

// YearNotice is a State Council holiday notice on record for a year
// (configs/holiday_notices.yaml). Its fields match configs.HolidayNotice so
// that main.go converts one into the other.
type YearNotice struct {
	Year   int
	Title  string
	Number string
	Date   string
	Source string
}

// CalendarService keeps the working-day calendar in force: the State
// Council schedules from lunar-go, overlaid by the overrides shipped in
// configs/ and then by the overrides administrators edit online, which win
// (decisions.md, "Working days"). A year is official only when its notice
// is on record: in configs/holiday_notices.yaml, or confirmed by an
// administrator against the notice; every other year is provisional.
// Clocks are computed from the calendar on demand, so an edit takes effect
// at once for every case; other replicas reload it within calendarTTL.
// Errors: KindInvalid, KindForbidden, KindConflict.
type CalendarService struct {
	Deps
	source  *calendar.Source
	file    []calendar.Override
	notices []YearNotice
	loaded  atomic.Int64
	mu      sync.Mutex
	// onChange runs after an edit is committed: it refreshes the cached
	// clocks of open cases and records on each case whose due date moved
	// why it moved. It returns how many due dates moved.
	onChange func(ctx context.Context, actor Actor, before, after *calendar.Calendar) (int, error)
	// preview counts the open cases whose due date an edit would move.
	preview func(ctx context.Context, before, after *calendar.Calendar, sample int) (int, []MovedDeadline, error)
}

// calendarTTL bounds how long a replica runs on a calendar another replica
// has changed.
const calendarTTL = 30 * time.Second

// NewCalendarService loads the stored overrides and confirmations and
// builds the calendar.
func NewCalendarService(ctx context.Context, d Deps, file []calendar.Override, notices []YearNotice) (*CalendarService, error) {
	s := &CalendarService{Deps: d, file: file, notices: notices}
	cal, err := s.load(ctx, d.DB)
	if err != nil {
		return nil, err
	}
	s.source = calendar.NewSource(cal)
	s.loaded.Store(time.Now().UnixNano())
	return s, nil
}

// load reads the stored overrides and confirmations and builds the
// calendar from them.
func (s *CalendarService) load(ctx context.Context, db *gorm.DB) (*calendar.Calendar, error) {
	rows, err := models.FindCalendarOverrides(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("load calendar overrides: %w", err)
	}
	years, err := models.FindCalendarYears(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("load calendar confirmations: %w", err)
	}
	return s.build(rows, years)
}

// build merges file and database overrides (database wins per date) and
// marks official the years whose notice is on record.
func (s *CalendarService) build(rows []models.CalendarOverride, years []models.CalendarYear) (*calendar.Calendar, error) {
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
	return calendar.New(all, s.officialYears(years)), nil
}

// officialYears lists the years whose State Council notice is on record:
// those of the configuration and those an administrator confirmed.
func (s *CalendarService) officialYears(years []models.CalendarYear) []int {
	var out []int
	for _, n := range s.notices {
		out = append(out, n.Year)
	}
	for _, y := range years {
		out = append(out, y.Year)
	}
	return out
}

// Calendar returns the calendar in force. When the snapshot is older than
// calendarTTL it is reloaded in the background (never inline: the caller
// may hold the only connection of an SQLite database in a transaction).
func (s *CalendarService) Calendar() *calendar.Calendar {
	if time.Since(time.Unix(0, s.loaded.Load())) > calendarTTL && s.mu.TryLock() {
		s.loaded.Store(time.Now().UnixNano())
		go func() {
			defer s.mu.Unlock()
			if err := s.Reload(context.Background()); err != nil {
				s.Log.Warn("reload calendar", "err", err.Error())
			}
		}()
	}
	return s.source.Get()
}

// Reload rebuilds the calendar from the stored overrides and confirmations
// (another replica may have changed them).
func (s *CalendarService) Reload(ctx context.Context) error {
	cal, err := s.load(ctx, s.DB)
	if err != nil {
		return err
	}
	s.source.Set(cal)
	s.loaded.Store(time.Now().UnixNano())
	return nil
}

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
	out := []OverrideView{}
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
	Date    string `json:"date" doc:"YYYY-MM-DD"`
	Workday *bool  `json:"workday"`
	Name    string `json:"name" minLength:"1" maxLength:"64"`
	Reason  string `json:"reason" minLength:"1" maxLength:"255"`
}

// MovedDeadline is an open case whose due date a calendar edit moves.
type MovedDeadline struct {
	CaseID         uint          `json:"caseId"`
	TrackingNumber string        `json:"trackingNumber"`
	From           calendar.Date `json:"from"`
	To             calendar.Date `json:"to"`
}

// OverridesPreview says what saving a set of overrides would do.
type OverridesPreview struct {
	// Moved counts the open cases whose due date would move; Sample lists
	// the first of them.
	Moved  int             `json:"moved"`
	Sample []MovedDeadline `json:"sample"`
}

// validateOverrides checks the administrators' overrides and returns the
// rows to store.
func (s *CalendarService) validateOverrides(actor Actor, in []OverrideInput) ([]models.CalendarOverride, error) {
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
		checkLen(&f, p+"name", name, limitOf[OverrideInput]("name"), "名称", "name")
		checkLen(&f, p+"reason", reason, limitOf[OverrideInput]("reason"), "依据或原因", "reason")
		if err == nil && o.Workday != nil {
			id := actor.UserID
			rows = append(rows, models.CalendarOverride{Date: d.String(), Workday: *o.Workday, Name: name, Reason: reason, UpdatedBy: &id, UpdatedAt: s.Now()})
		}
	}
	return rows, f.Err()
}

// PreviewOverrides says how many open cases' due dates saving in would
// move, without saving (the administrator sees it before saving).
func (s *CalendarService) PreviewOverrides(ctx context.Context, actor Actor, in []OverrideInput) (OverridesPreview, error) {
	if err := requireAdmin(actor); err != nil {
		return OverridesPreview{}, err
	}
	rows, err := s.validateOverrides(actor, in)
	if err != nil {
		return OverridesPreview{}, err
	}
	years, err := models.FindCalendarYears(ctx, s.DB)
	if err != nil {
		return OverridesPreview{}, err
	}
	after, err := s.build(rows, years)
	if err != nil {
		return OverridesPreview{}, err
	}
	out := OverridesPreview{Sample: []MovedDeadline{}}
	if s.preview != nil {
		n, sample, err := s.preview(ctx, s.source.Get(), after, 20)
		if err != nil {
			return out, err
		}
		out.Moved, out.Sample = n, sample
	}
	return out, nil
}

// PutOverrides replaces the administrators' overrides with in, audited,
// and puts the new calendar in force at once. Every open case whose due
// date moves gets a timeline event saying why, and its officer is told;
// it returns how many moved.
func (s *CalendarService) PutOverrides(ctx context.Context, actor Actor, in []OverrideInput) ([]OverrideView, int, error) {
	if err := requireAdmin(actor); err != nil {
		return nil, 0, err
	}
	rows, err := s.validateOverrides(actor, in)
	if err != nil {
		return nil, 0, err
	}
	var after *calendar.Calendar
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		if err := models.ReplaceCalendarOverrides(ctx, tx, rows); err != nil {
			return err
		}
		years, err := models.FindCalendarYears(ctx, tx)
		if err != nil {
			return err
		}
		if after, err = s.build(rows, years); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "calendar.overrides", "calendar", 0, rows)
	})
	if err != nil {
		return nil, 0, fmt.Errorf("save calendar overrides: %w", err)
	}
	moved, err := s.switchTo(ctx, actor, after)
	if err != nil {
		return nil, moved, err
	}
	views, err := s.Overrides(ctx)
	return views, moved, err
}

// switchTo puts after in force and lets the cases follow.
func (s *CalendarService) switchTo(ctx context.Context, actor Actor, after *calendar.Calendar) (int, error) {
	before := s.source.Get()
	s.source.Set(after)
	s.loaded.Store(time.Now().UnixNano())
	if s.onChange == nil {
		return 0, nil
	}
	moved, err := s.onChange(ctx, actor, before, after)
	if err != nil {
		// The calendar is saved; the next sweep refreshes what is left.
		s.Log.ErrorContext(ctx, "follow calendar change", "err", err.Error())
	}
	return moved, nil
}

// YearView is one year's standing: whether its schedule is official and
// on which notice.
type YearView struct {
	Year int `json:"year"`
	// Official is set when the year's State Council notice is on record.
	Official bool `json:"official"`
	// HasSchedule is set when the library or an override holds holidays
	// for the year.
	HasSchedule bool           `json:"hasSchedule"`
	Notices     []NoticeRecord `json:"notices"`
}

// NoticeRecord is a notice on record for a year: from the configuration,
// or confirmed by an administrator.
type NoticeRecord struct {
	Title       string     `json:"title"`
	Number      string     `json:"number"`
	Date        string     `json:"date"`
	Source      string     `json:"source,omitempty"`
	ConfirmedBy *uint      `json:"confirmedBy"`
	ConfirmedAt *time.Time `json:"confirmedAt"`
}

// CoverageView says how far the official schedules reach.
type CoverageView struct {
	calendar.Coverage
	Years []YearView `json:"years"`
}

// Coverage reports the years from fromYear to toYear with their notices.
func (s *CalendarService) Coverage(ctx context.Context, fromYear, toYear int) (CoverageView, error) {
	cal := s.Calendar()
	out := CoverageView{Coverage: cal.Coverage(fromYear, toYear), Years: []YearView{}}
	confirmed, err := models.FindCalendarYears(ctx, s.DB)
	if err != nil {
		return out, err
	}
	for y := min(fromYear, toYear); y <= max(fromYear, toYear); y++ {
		v := YearView{Year: y, Official: cal.IsOfficialYear(y), HasSchedule: s.hasSchedule(cal, y), Notices: []NoticeRecord{}}
		for _, n := range s.notices {
			if n.Year == y {
				v.Notices = append(v.Notices, NoticeRecord{Title: n.Title, Number: n.Number, Date: n.Date, Source: n.Source})
			}
		}
		for _, c := range confirmed {
			if c.Year == y {
				at := c.ConfirmedAt
				v.Notices = append(v.Notices, NoticeRecord{Title: c.NoticeTitle, Number: c.NoticeNumber, Date: c.NoticeDate, ConfirmedBy: c.ConfirmedBy, ConfirmedAt: &at})
			}
		}
		out.Years = append(out.Years, v)
	}
	return out, nil
}

// hasSchedule reports whether the library or an override holds a holiday
// of year y.
func (s *CalendarService) hasSchedule(cal *calendar.Calendar, y int) bool {
	for _, ly := range calendar.LibraryYears() {
		if ly == y {
			return true
		}
	}
	for _, o := range cal.Overrides() {
		if o.Date.Year() == y && !o.Workday {
			return true
		}
	}
	return false
}

// ConfirmYearInput is the State Council notice an administrator confirms a
// year's schedule against.
type ConfirmYearInput struct {
	NoticeTitle  string `json:"noticeTitle" doc:"e.g. 国务院办公厅关于2027年部分节假日安排的通知" minLength:"8" maxLength:"255"`
	NoticeNumber string `json:"noticeNumber" doc:"e.g. 国办发明电〔2026〕8号" minLength:"4" maxLength:"64"`
	NoticeDate   string `json:"noticeDate" doc:"YYYY-MM-DD, the day the notice was signed"`
}

// ConfirmYear records that year's schedule (the library's rows with the
// overrides in force) follows the State Council's notice, audited; the
// year becomes official at once.
func (s *CalendarService) ConfirmYear(ctx context.Context, actor Actor, year int, in ConfirmYearInput) (CoverageView, error) {
	if err := requireAdmin(actor); err != nil {
		return CoverageView{}, err
	}
	var f models.Fields
	title, number := strings.TrimSpace(in.NoticeTitle), strings.TrimSpace(in.NoticeNumber)
	if year < calendar.FirstYear || year > calendar.LastYear {
		f.Add("year", fmt.Sprintf("年份须在 %d 至 %d 之间", calendar.FirstYear, calendar.LastYear), fmt.Sprintf("year must fall in %d–%d", calendar.FirstYear, calendar.LastYear))
	}
	checkLen(&f, "noticeTitle", title, limitOf[ConfirmYearInput]("noticeTitle"), "通知标题", "noticeTitle")
	if !strings.Contains(title, fmt.Sprint(year)) {
		f.Add("noticeTitle", fmt.Sprintf("通知标题应写明 %d 年", year), fmt.Sprintf("the title should name the year %d", year))
	}
	checkLen(&f, "noticeNumber", number, limitOf[ConfirmYearInput]("noticeNumber"), "文号", "noticeNumber")
	if !strings.Contains(number, "〔") || !strings.HasSuffix(number, "号") {
		f.Add("noticeNumber", "文号格式如 国办发明电〔2026〕8号", "the number reads like 国办发明电〔2026〕8号")
	}
	today := calendar.FromTime(s.Now())
	date := dateField(&f, "noticeDate", in.NoticeDate, 0, calendar.DateOf(year-2, 1, 1), today)
	if strings.TrimSpace(in.NoticeDate) == "" {
		f.Add("noticeDate", "请填写通知的成文日期", "noticeDate is required")
	}
	if err := f.Err(); err != nil {
		return CoverageView{}, err
	}
	cal := s.Calendar()
	if cal.IsOfficialYear(year) {
		return CoverageView{}, models.Conflict(models.M(fmt.Sprintf("%d 年的节假日安排已有通知在案", year), fmt.Sprintf("%d already has its notice on record", year)))
	}
	if !s.hasSchedule(cal, year) {
		return CoverageView{}, models.InvalidField("year", models.M(fmt.Sprintf("%d 年尚无节假日数据，请先按通知录入放假和调休日期", year),
			fmt.Sprintf("%d has no holiday data yet: enter the notice's holidays and make-up days as overrides first", year)))
	}
	var after *calendar.Calendar
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		id := actor.UserID
		row := &models.CalendarYear{Year: year, NoticeTitle: title, NoticeNumber: number, NoticeDate: date.String(), ConfirmedBy: &id, ConfirmedAt: s.Now().UTC()}
		if err := models.CreateCalendarYear(ctx, tx, row); err != nil {
			return err
		}
		var err error
		if after, err = s.load(ctx, tx); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "calendar.confirm_year", "calendar", uint(year), row)
	})
	if err != nil {
		return CoverageView{}, fmt.Errorf("confirm calendar year %d: %w", year, err)
	}
	if _, err := s.switchTo(ctx, actor, after); err != nil {
		return CoverageView{}, err
	}
	return s.Coverage(ctx, year-1, year+1)
}
