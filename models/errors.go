package models

import (
	"errors"
	"fmt"
	"strings"
)

// Kind classifies an error for the HTTP layer; the API maps each kind to one
// status code and a stable code string.
type Kind int

// Error kinds. KindInternal is anything not classified.
const (
	KindInternal Kind = iota
	KindInvalid
	KindNotFound
	KindConflict
	KindInvalidTransition
	KindForbidden
	KindUnauthenticated
	KindRateLimited
	KindLocked
	KindTooLarge
	KindUnsupportedMedia
	// KindUnavailable: the database cannot be reached now (a 503 with
	// Retry-After; the request may be retried).
	KindUnavailable
)

// Msg is a message in Chinese (the default) and English.
type Msg struct {
	ZH string
	EN string
}

// M builds a Msg.
func M(zh, en string) Msg { return Msg{ZH: zh, EN: en} }

// In returns the message in the language lang ("en" or anything else for
// Chinese).
func (m Msg) In(lang string) string {
	if strings.HasPrefix(lang, "en") && m.EN != "" {
		return m.EN
	}
	return m.ZH
}

// FieldError names an input field and what is wrong with it.
type FieldError struct {
	Field string
	Msg   Msg
}

// Error is Gongkai's typed error: a kind, a stable code, a bilingual
// message and, for invalid input, the fields at fault.
type Error struct {
	Kind   Kind
	Code   string
	Msg    Msg
	Fields []FieldError
	// RetryAfterSeconds is set for rate limits and lockouts.
	RetryAfterSeconds int
	Err               error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Code)
	if e.Msg.EN != "" {
		b.WriteString(": ")
		b.WriteString(e.Msg.EN)
	}
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "; %s: %s", f.Field, f.Msg.EN)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// ErrorKind returns the kind of err, KindInternal if it carries none.
func ErrorKind(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// AsError returns the *Error inside err, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// NotFound reports a missing object; what names it in both languages.
func NotFound(what Msg) error {
	return &Error{Kind: KindNotFound, Code: "not_found", Msg: M(what.ZH+"不存在", what.EN+" not found")}
}

// Unavailable reports that the database cannot be reached now; err is the
// cause, kept for the logs.
func Unavailable(err error) error {
	return &Error{Kind: KindUnavailable, Code: "unavailable", Msg: M("数据库暂时无法连接，请稍后重试", "the database cannot be reached; try again shortly"),
		RetryAfterSeconds: 5, Err: err}
}

// Conflict reports a concurrent change or a duplicate.
func Conflict(msg Msg) error { return &Error{Kind: KindConflict, Code: "conflict", Msg: msg} }

// StaleVersion is the optimistic-locking conflict.
func StaleVersion() error {
	return Conflict(M("该记录已被他人修改，请刷新后重试", "the record was changed by someone else; reload and try again"))
}

// InvalidTransition reports an action not allowed from the current state.
func InvalidTransition(msg Msg) error {
	return &Error{Kind: KindInvalidTransition, Code: "invalid_transition", Msg: msg}
}

// Forbidden reports an action the actor may not take.
func Forbidden(msg Msg) error { return &Error{Kind: KindForbidden, Code: "forbidden", Msg: msg} }

// Unauthenticated reports missing or bad credentials.
func Unauthenticated(msg Msg) error {
	return &Error{Kind: KindUnauthenticated, Code: "unauthenticated", Msg: msg}
}

// Invalid reports bad input with the fields at fault.
func Invalid(fields ...FieldError) error {
	return &Error{Kind: KindInvalid, Code: "validation_failed", Msg: M("输入有误", "validation failed"), Fields: fields}
}

// InvalidField is Invalid for one field.
func InvalidField(field string, msg Msg) error { return Invalid(FieldError{Field: field, Msg: msg}) }

// Fields collects field errors during validation.
type Fields []FieldError

// Add records a problem with field.
func (f *Fields) Add(field string, zh, en string) { *f = append(*f, FieldError{field, M(zh, en)}) }

// Err returns an Invalid error if any problem was recorded, else nil.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return Invalid(f...)
}
