package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"gongkai/app"
	"gongkai/app/calendar"
	"gongkai/models"
)

type calendarAddQuery struct {
	From string `query:"from" doc:"YYYY-MM-DD"`
	Days int    `query:"days" doc:"working days to add (-400..400)"`
}

type calendarAddResponse struct {
	Date        calendar.Date `json:"date"`
	Provisional bool          `json:"provisional"`
}

type calendarDaysQuery struct {
	From string `query:"from" doc:"YYYY-MM-DD"`
	To   string `query:"to" doc:"YYYY-MM-DD, at most 400 days after from"`
}

func queryDate(c echo.Context, name string) (calendar.Date, error) {
	d, err := calendar.ParseDate(c.QueryParam(name))
	if err != nil {
		return 0, badRequest(name, models.M("参数 "+name+" 须为 YYYY-MM-DD 格式的日期", name+" must be a YYYY-MM-DD date"))
	}
	if d.Year() < calendar.FirstYear || d.Year() > calendar.LastYear {
		return 0, badRequest(name, models.M("日期超出支持范围（2000–2099 年）", "the date is outside 2000–2099"))
	}
	return d, nil
}

// calendarAdd adds working days to a date (public).
func (s *Server) calendarAdd(c echo.Context) error {
	from, err := queryDate(c, "from")
	if err != nil {
		return err
	}
	if c.QueryParam("days") == "" {
		return badRequest("days", models.M("请提供工作日数 days", "days is required"))
	}
	days, err := queryInt(c, "days", 0, -400, 400)
	if err != nil {
		return err
	}
	cal := s.svc.Calendar.Calendar()
	d := cal.AddWorkdays(from, days)
	lo, hi := from, d
	if hi < lo {
		lo, hi = hi, lo
	}
	return c.JSON(http.StatusOK, calendarAddResponse{Date: d, Provisional: cal.ProvisionalBetween(lo, hi)})
}

// calendarDays lists each day of a range with its working-day flags.
func (s *Server) calendarDays(c echo.Context) error {
	from, err := queryDate(c, "from")
	if err != nil {
		return err
	}
	to, err := queryDate(c, "to")
	if err != nil {
		return err
	}
	if to < from || int(to-from) > 400 {
		return badRequest("to", models.M("结束日期须不早于开始日期，且范围不超过 400 天", "to must not be before from, and the range at most 400 days"))
	}
	days := s.svc.Calendar.Calendar().Days(from, to)
	if days == nil {
		days = []calendar.DayInfo{}
	}
	return c.JSON(http.StatusOK, itemsResponse[calendar.DayInfo]{Items: days, Total: len(days)})
}

// calendarCoverage says which years have an official schedule, and on
// which State Council notice.
func (s *Server) calendarCoverage(c echo.Context) error {
	y := calendar.FromTime(s.svc.Deps.Now()).Year()
	cov, err := s.svc.Calendar.Coverage(c.Request().Context(), y-3, y+5)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, cov)
}

type overridesRequest struct {
	Overrides []app.OverrideInput `json:"overrides"`
}

type overridesResponse struct {
	Items []app.OverrideView `json:"items"`
	Total int                `json:"total"`
	// Moved counts the open cases whose due date the save moved.
	Moved int `json:"moved"`
}

func (s *Server) getOverrides(c echo.Context) error {
	os, err := s.svc.Calendar.Overrides(c.Request().Context())
	if err != nil {
		return err
	}
	if os == nil {
		os = []app.OverrideView{}
	}
	return c.JSON(http.StatusOK, overridesResponse{Items: os, Total: len(os)})
}

func (s *Server) putOverrides(c echo.Context) error {
	var in overridesRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if in.Overrides == nil {
		return badRequest("overrides", models.M("请提供 overrides 列表（可为空列表）", "overrides (possibly empty) is required"))
	}
	os, moved, err := s.svc.Calendar.PutOverrides(c.Request().Context(), actorOf(c), in.Overrides)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, overridesResponse{Items: os, Total: len(os), Moved: moved})
}

// previewOverrides says how many open cases' due dates saving the
// overrides would move (nothing is saved).
func (s *Server) previewOverrides(c echo.Context) error {
	var in overridesRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if in.Overrides == nil {
		return badRequest("overrides", models.M("请提供 overrides 列表（可为空列表）", "overrides (possibly empty) is required"))
	}
	p, err := s.svc.Calendar.PreviewOverrides(c.Request().Context(), actorOf(c), in.Overrides)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}

// confirmCalendarYear records that a year's schedule follows its State
// Council notice: the year becomes official.
func (s *Server) confirmCalendarYear(c echo.Context) error {
	year, err := pathInt(c, "year", 2000, 2099)
	if err != nil {
		return err
	}
	var in app.ConfirmYearInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	cov, err := s.svc.Calendar.ConfirmYear(c.Request().Context(), actorOf(c), year, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, cov)
}
