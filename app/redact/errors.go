package redact

import (
	"fmt"
)

// Code is a stable reason why a document or a box was refused. Callers map it
// to a field message in each language; the values never change.
type Code string

// The codes an *Error carries. Document codes first, then box codes.
const (
	// CodeUnsupported: neither a PDF, a PNG nor a JPEG.
	CodeUnsupported Code = "unsupported_type"
	// CodeTooLarge: more than MaxBytes.
	CodeTooLarge Code = "too_large"
	// CodeTooManyPages: more than MaxPages pages.
	CodeTooManyPages Code = "too_many_pages"
	// CodeBroken: the file is damaged beyond what the renderer repairs, or
	// has no page.
	CodeBroken Code = "broken"
	// CodeEncrypted: the PDF needs a password to open.
	CodeEncrypted Code = "encrypted"
	// CodeRestricted: the PDF opens without a password but is encrypted with
	// an owner password and permission restrictions. Refused as well: the
	// author asked viewers not to copy or rebuild it, so the agency should
	// supply an unrestricted copy.
	CodeRestricted Code = "restricted"
	// CodeFontMissing: a page shows Chinese, Japanese or Korean text in a
	// font the PDF does not embed, and the engine has no font to substitute
	// (Config.FontDir), so that text would vanish from the rendered page.
	CodeFontMissing Code = "font_missing"
	// CodeBoxPage: a box names a page the document does not have.
	CodeBoxPage Code = "box_page"
	// CodeBoxSize: a box has no positive width and height.
	CodeBoxSize Code = "box_size"
	// CodeBoxOutside: a box lies (partly) outside its page.
	CodeBoxOutside Code = "box_outside"
)

// Error is a refusal with a stable Code. Box is the index of the offending
// box for the box codes and -1 otherwise; Page is the 1-based page concerned,
// or 0.
type Error struct {
	Code Code
	Box  int
	Page int
	Err  error
}

// Sentinels for errors.Is: errors.Is(err, redact.ErrEncrypted) holds for any
// *Error with that code.
var (
	ErrUnsupported  = &Error{Code: CodeUnsupported, Box: -1}
	ErrTooLarge     = &Error{Code: CodeTooLarge, Box: -1}
	ErrTooManyPages = &Error{Code: CodeTooManyPages, Box: -1}
	ErrBroken       = &Error{Code: CodeBroken, Box: -1}
	ErrEncrypted    = &Error{Code: CodeEncrypted, Box: -1}
	ErrRestricted   = &Error{Code: CodeRestricted, Box: -1}
	ErrFontMissing  = &Error{Code: CodeFontMissing, Box: -1}
	ErrBoxPage      = &Error{Code: CodeBoxPage, Box: -1}
	ErrBoxSize      = &Error{Code: CodeBoxSize, Box: -1}
	ErrBoxOutside   = &Error{Code: CodeBoxOutside, Box: -1}
)

// Error implements error.
func (e *Error) Error() string {
	s := "redact: " + string(e.Code)
	if e.Page > 0 {
		s += fmt.Sprintf(" (page %d)", e.Page)
	}
	if e.Box >= 0 && (e.Code == CodeBoxPage || e.Code == CodeBoxSize || e.Code == CodeBoxOutside) {
		s += fmt.Sprintf(" (box %d)", e.Box)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is an *Error with the same code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

func docErr(code Code, page int, err error) *Error {
	return &Error{Code: code, Box: -1, Page: page, Err: err}
}
