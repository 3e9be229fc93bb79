package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"gongkai/models"
)

// bindJSON decodes the request body into v strictly: the content type must
// be JSON, unknown fields and trailing data are refused, and every problem
// is a 4xx naming the field.
func bindJSON(c echo.Context, v any) error {
	req := c.Request()
	ct := req.Header.Get(echo.HeaderContentType)
	mt, _, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
		return &models.Error{Kind: models.KindUnsupportedMedia, Code: "unsupported_media_type",
			Msg: models.M("请求内容类型须为 application/json", "the request body must be application/json")}
	}
	dec := json.NewDecoder(req.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if dec.More() {
		return badRequest("", models.M("请求体只能包含一个 JSON 对象", "the body must hold exactly one JSON object"))
	}
	if _, err := dec.Token(); err != io.EOF {
		return badRequest("", models.M("请求体只能包含一个 JSON 对象", "the body must hold exactly one JSON object"))
	}
	return nil
}

func decodeError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return &models.Error{Kind: models.KindTooLarge, Code: "too_large", Msg: models.M("请求内容超过大小限制", "the request body exceeds the size limit")}
	case errors.Is(err, io.EOF):
		return badRequest("", models.M("请求体为空", "the request body is empty"))
	case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest("", models.M("JSON 格式错误", "malformed JSON"))
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "(body)"
		}
		return badRequest(field, models.M(fmt.Sprintf("字段 %s 的类型应为 %s", field, typ.Type.String()), fmt.Sprintf("field %s must be of type %s", field, typ.Type.String())))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return badRequest(field, models.M("未知字段 "+field, "unknown field "+field))
	case strings.Contains(err.Error(), "parsing time"), strings.Contains(err.Error(), "date"):
		return badRequest("", models.M("日期格式须为 YYYY-MM-DD: "+err.Error(), "dates must be YYYY-MM-DD: "+err.Error()))
	}
	return badRequest("", models.M("无法解析请求体: "+err.Error(), "cannot read the body: "+err.Error()))
}

// pathID reads a positive integer path parameter.
func pathID(c echo.Context, name string) (uint, error) {
	n, err := strconv.ParseUint(c.Param(name), 10, 32)
	if err != nil || n == 0 {
		return 0, models.NotFound(models.M("对象", "object"))
	}
	return uint(n), nil
}

// pathInt reads an integer path parameter within [min, max]; anything
// else is not found.
func pathInt(c echo.Context, name string, min, max int) (int, error) {
	n, err := strconv.Atoi(c.Param(name))
	if err != nil || n < min || n > max {
		return 0, models.NotFound(models.M("对象", "object"))
	}
	return n, nil
}

// queryInt reads an optional integer query parameter within [min, max].
func queryInt(c echo.Context, name string, def, min, max int) (int, error) {
	s := c.QueryParam(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		return 0, badRequest(name, models.M(fmt.Sprintf("参数 %s 须为 %d 到 %d 之间的整数", name, min, max), fmt.Sprintf("%s must be an integer from %d to %d", name, min, max)))
	}
	return n, nil
}

// queryUint reads an optional id query parameter.
func queryUint(c echo.Context, name string) (uint, error) {
	s := c.QueryParam(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseUint(s, 10, 32)
	if err != nil {
		return 0, badRequest(name, models.M("参数 "+name+" 须为正整数", name+" must be a positive integer"))
	}
	return uint(n), nil
}

// queryOptBool reads an optional boolean query parameter into dst, which
// stays nil when the parameter is absent (a filter that is not set).
func queryOptBool(c echo.Context, name string, dst **bool) error {
	if c.QueryParam(name) == "" {
		return nil
	}
	b, err := queryFlag(c, name)
	if err != nil {
		return err
	}
	*dst = &b
	return nil
}

// queryFlag reads a boolean query parameter that is false when absent.
func queryFlag(c echo.Context, name string) (bool, error) {
	s := c.QueryParam(name)
	if s == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, badRequest(name, models.M("参数 "+name+" 须为 true 或 false", name+" must be true or false"))
	}
	return b, nil
}

// page reads offset/limit (default 20, at most 200).
func page(c echo.Context) (offset, limit int, err error) {
	if offset, err = queryInt(c, "offset", 0, 0, 1<<30); err != nil {
		return
	}
	limit, err = queryInt(c, "limit", 20, 1, 200)
	return
}

// listResponse is every paginated list's envelope.
// itemsResponse is a whole list, not a page of one.
type itemsResponse[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

type listResponse[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total"`
	Offset int `json:"offset"`
	Limit  int `json:"limit"`
}

// decodeJSONString decodes a JSON document stored as text.
func decodeJSONString(s string, v any) error {
	if s == "" {
		return nil
	}
	return json.Unmarshal([]byte(s), v)
}
