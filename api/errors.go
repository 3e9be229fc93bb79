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
// statuses and writes application/problem+json. Unclassified errors are a
// generic 500, logged in full with the request id.
func (s *Server) errorHandler(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	l := lang(c)
	p := problem{Type: "about:blank", Instance: c.Request().URL.Path, RequestID: c.Response().Header().Get(echo.HeaderXRequestID)}
	var he *echo.HTTPError
	if e := models.AsError(err); e != nil {
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
	} else if errors.As(err, &he) {
		p.Status = he.Code
		switch he.Code {
		case http.StatusNotFound:
			p.Code, p.Detail = "not_found", models.M("接口不存在", "no such endpoint").In(l)
		case http.StatusMethodNotAllowed:
			p.Code = "method_not_allowed"
		case http.StatusRequestEntityTooLarge:
			p.Code, p.Detail = "too_large", models.M("请求内容超过大小限制", "the request body exceeds the size limit").In(l)
		case http.StatusUnauthorized, http.StatusBadRequest:
			p.Code = "bad_request"
			if he.Code == http.StatusUnauthorized {
				p.Code = "unauthenticated"
			}
		case http.StatusTooManyRequests:
			p.Code, p.Detail = "rate_limited", models.M("请求过于频繁，请稍后再试", "too many requests; try again later").In(l)
		case http.StatusServiceUnavailable:
			p.Code = "unavailable"
		default:
			if he.Code >= 500 {
				s.log.ErrorContext(c.Request().Context(), "request failed", "err", err.Error())
			}
			p.Code = strings.ReplaceAll(strings.ToLower(http.StatusText(he.Code)), " ", "_")
		}
	} else {
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
