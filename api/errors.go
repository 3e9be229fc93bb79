package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"gongkai/models"
)

// problem is an RFC 9457 problem document with Gongkai's stable code and
// field errors.
type problem struct {
	Type     string         `json:"type"`
	Title    string         `json:"title"`
	Status   int            `json:"status"`
	Detail   string         `json:"detail,omitempty"`
	Code     string         `json:"code"`
	Fields   []problemField `json:"fields,omitempty"`
	Instance string         `json:"instance,omitempty"`
	// RequestID lets an operator find the log lines of a failed request.
	RequestID string `json:"requestId,omitempty"`
}

type problemField struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

var kindStatus = map[models.Kind]int{
	models.KindInvalid:           http.StatusUnprocessableEntity,
	models.KindNotFound:          http.StatusNotFound,
	models.KindConflict:          http.StatusConflict,
	models.KindInvalidTransition: http.StatusConflict,
	models.KindForbidden:         http.StatusForbidden,
	models.KindUnauthenticated:   http.StatusUnauthorized,
	models.KindRateLimited:       http.StatusTooManyRequests,
	models.KindLocked:            http.StatusLocked,
	models.KindTooLarge:          http.StatusRequestEntityTooLarge,
	models.KindUnsupportedMedia:  http.StatusUnsupportedMediaType,
	models.KindUnavailable:       http.StatusServiceUnavailable,
}

var statusTitle = map[int]models.Msg{
	400: models.M("请求有误", "Bad request"),
	401: models.M("未登录或登录已失效", "Unauthenticated"),
	403: models.M("无权操作", "Forbidden"),
	404: models.M("未找到", "Not found"),
	405: models.M("不支持的请求方法", "Method not allowed"),
	409: models.M("冲突", "Conflict"),
	413: models.M("请求内容过大", "Request too large"),
	415: models.M("不支持的内容类型", "Unsupported media type"),
	422: models.M("输入有误", "Validation failed"),
	423: models.M("账号已锁定", "Locked"),
	429: models.M("请求过于频繁", "Too many requests"),
	500: models.M("服务器内部错误", "Internal server error"),
	503: models.M("服务暂不可用", "Service unavailable"),
}

// lang picks the response language from Accept-Language: English when the
// first preference is English, Chinese otherwise.
func lang(c echo.Context) string {
	al := strings.ToLower(strings.TrimSpace(c.Request().Header.Get("Accept-Language")))
	if strings.HasPrefix(al, "en") {
		return "en"
	}
	return "zh"
}

// errorHandler is the single Echo error handler: it maps error kinds to
// statuses and writes application/problem+json. A database that cannot be
// reached is a 503 with Retry-After (the client may retry); unclassified
// errors are a generic 500, logged in full with the request id.
func (s *Server) errorHandler(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	l := lang(c)
	p := problem{Type: "about:blank", Instance: c.Request().URL.Path, RequestID: c.Response().Header().Get(echo.HeaderXRequestID)}
	var he *echo.HTTPError
	switch {
	case models.IsUnavailable(err):
		s.log.WarnContext(c.Request().Context(), "database unavailable", "err", err.Error())
		c.Response().Header().Set("Retry-After", "5")
		p.Status, p.Code, p.Detail = http.StatusServiceUnavailable, "unavailable", models.M("数据库暂时无法连接，请稍后重试", "the database cannot be reached; try again shortly").In(l)
	case models.AsError(err) != nil:
		s.kindProblem(c, &p, err, l)
	case errors.As(err, &he):
		s.httpProblem(c, &p, he, l)
	default:
		s.log.ErrorContext(c.Request().Context(), "request failed", "err", err.Error(), "path", c.Path())
		p.Status, p.Code, p.Detail = http.StatusInternalServerError, "internal", statusTitle[500].In(l)
	}
	if t, ok := statusTitle[p.Status]; ok {
		p.Title = t.In(l)
	} else {
		p.Title = http.StatusText(p.Status)
	}
	if p.Detail == "" {
		p.Detail = p.Title
	}
	writeProblem(c, p)
}

// kindProblem fills a problem from a typed error.
func (s *Server) kindProblem(c echo.Context, p *problem, err error, l string) {
	e := models.AsError(err)
	p.Status = kindStatus[e.Kind]
	if p.Status == 0 {
		p.Status = http.StatusInternalServerError
	}
	p.Code, p.Detail = e.Code, e.Msg.In(l)
	for _, f := range e.Fields {
		p.Fields = append(p.Fields, problemField{Field: f.Field, Message: f.Msg.In(l)})
	}
	if e.RetryAfterSeconds > 0 {
		c.Response().Header().Set("Retry-After", strconv.Itoa(e.RetryAfterSeconds))
	}
	var se *statusError
	if errors.As(err, &se) {
		p.Status = se.status
	}
	if p.Status == http.StatusInternalServerError {
		s.log.ErrorContext(c.Request().Context(), "request failed", "err", err.Error())
		p.Code, p.Detail = "internal", statusTitle[500].In(l)
	}
}

// httpCodes are the stable codes and messages of Echo's own errors.
var httpCodes = map[int]struct {
	code string
	msg  models.Msg
}{
	http.StatusNotFound:              {"not_found", models.M("接口不存在", "no such endpoint")},
	http.StatusMethodNotAllowed:      {"method_not_allowed", models.Msg{}},
	http.StatusRequestEntityTooLarge: {"too_large", models.M("请求内容超过大小限制", "the request body exceeds the size limit")},
	http.StatusUnauthorized:          {"unauthenticated", models.Msg{}},
	http.StatusBadRequest:            {"bad_request", models.Msg{}},
	http.StatusTooManyRequests:       {"rate_limited", models.M("请求过于频繁，请稍后再试", "too many requests; try again later")},
	http.StatusServiceUnavailable:    {"unavailable", models.Msg{}},
}

// httpProblem fills a problem from one of Echo's errors.
func (s *Server) httpProblem(c echo.Context, p *problem, he *echo.HTTPError, l string) {
	p.Status = he.Code
	if hc, ok := httpCodes[he.Code]; ok {
		p.Code = hc.code
		if hc.msg.ZH != "" {
			p.Detail = hc.msg.In(l)
		}
		return
	}
	if he.Code >= 500 {
		s.log.ErrorContext(c.Request().Context(), "request failed", "err", he.Error())
	}
	p.Code = strings.ReplaceAll(strings.ToLower(http.StatusText(he.Code)), " ", "_")
}

func writeProblem(c echo.Context, p problem) {
	b, _ := json.Marshal(p)
	if c.Request().Method == http.MethodHead {
		c.NoContent(p.Status)
		return
	}
	c.Blob(p.Status, "application/problem+json; charset=utf-8", b)
}

// badRequest is a 400 for a body or query that cannot be read.
func badRequest(field string, m models.Msg) error {
	e := &models.Error{Kind: models.KindInvalid, Code: "bad_request", Msg: m}
	if field != "" {
		e.Fields = []models.FieldError{{Field: field, Msg: m}}
	}
	return &statusError{status: http.StatusBadRequest, err: e}
}

// statusError overrides the kind's status (400 instead of 422 for bodies
// that cannot be parsed at all).
type statusError struct {
	status int
	err    *models.Error
}

func (e *statusError) Error() string { return e.err.Error() }
func (e *statusError) Unwrap() error { return e.err }
