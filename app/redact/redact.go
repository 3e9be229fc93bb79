// Package redact does 区分处理 (Art 37: partial disclosure) without leaving
// the withheld parts behind. A redacted document is never an edited copy of
// the original: every page is rendered to an image, the boxes are painted
// solid black into the pixels, and a brand-new PDF is written that holds
// nothing but those images. No text layer, annotation, form field,
// attachment, metadata, script or earlier revision of the original can
// survive, because nothing of the original file is copied.
//
// PDF pages are rendered by PDFium compiled to WebAssembly and run in-process
// by wazero (no cgo, no external program); PNG and JPEG images are decoded
// by the standard library. The package has no project imports.
//
// Coordinates: a Box is in PDF points (1/72 inch) with the origin at the
// top-left corner of the page as it is displayed, that is after the page's
// /Rotate and within its CropBox, the space a browser viewer such as pdf.js
// shows.
package redact

import (
	"fmt"
	"math"
)

// Limits on what the package accepts (see CodeTooLarge, CodeTooManyPages).
const (
	// MaxBytes is the largest file accepted.
	MaxBytes = 50 << 20
	// MaxPages is the largest page count accepted.
	MaxPages = 200
)

// Kind is the type of a document, from its first bytes.
type Kind string

// The kinds of document the package accepts.
const (
	KindPDF  Kind = "pdf"
	KindPNG  Kind = "png"
	KindJPEG Kind = "jpeg"
)

// Info describes a document.
type Info struct {
	Kind Kind `json:"kind"`
	// Pages holds one entry per page; a PNG or JPEG has one page.
	Pages []PageInfo `json:"pages"`
	// Encrypted says the PDF has an /Encrypt dictionary (a user password, or
	// only an owner password with permission restrictions). Both are refused.
	Encrypted bool `json:"encrypted"`
}

// PageInfo is the displayed size of one page.
type PageInfo struct {
	// Width and Height are in points, as displayed: for a page with /Rotate
	// 90 or 270 they are the crop box's height and width.
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
	// Rotate is the page's /Rotate normalised to 0, 90, 180 or 270
	// (clockwise); informative only, since Width, Height and every Box
	// already include it.
	Rotate int `json:"rotate"`
}

// Box is a rectangle on one page: Page counts from 1; X, Y, W and H are in
// points from the top-left corner of the page as displayed.
type Box struct {
	Page int     `json:"page"`
	X    float64 `json:"x"`
	Y    float64 `json:"y"`
	W    float64 `json:"w"`
	H    float64 `json:"h"`
}

// boxEpsilon is how far (in points) a box may stick out of its page and still
// be accepted: viewers convert from screen pixels and round.
const boxEpsilon = 0.5

// Validate checks boxes against the document: every page exists, every size
// is positive and every box lies inside its page (within half a point). The
// error is an *Error with CodeBoxPage, CodeBoxSize or CodeBoxOutside and the
// index of the first bad box.
func (in Info) Validate(boxes []Box) error {
	for i, b := range boxes {
		if b.Page < 1 || b.Page > len(in.Pages) {
			return &Error{Code: CodeBoxPage, Box: i, Err: fmt.Errorf("page %d of %d", b.Page, len(in.Pages))}
		}
		for _, v := range []float64{b.X, b.Y, b.W, b.H} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return &Error{Code: CodeBoxSize, Box: i, Err: fmt.Errorf("not a number")}
			}
		}
		if b.W <= 0 || b.H <= 0 {
			return &Error{Code: CodeBoxSize, Box: i, Err: fmt.Errorf("size %gx%g", b.W, b.H)}
		}
		p := in.Pages[b.Page-1]
		if b.X < -boxEpsilon || b.Y < -boxEpsilon || b.X+b.W > p.Width+boxEpsilon || b.Y+b.H > p.Height+boxEpsilon {
			return &Error{Code: CodeBoxOutside, Box: i, Err: fmt.Errorf("box %+v on a %gx%g page", b, p.Width, p.Height)}
		}
	}
	return nil
}

// union is the smallest box holding a and b (same page).
func (b Box) union(o Box) Box {
	x0, y0 := math.Min(b.X, o.X), math.Min(b.Y, o.Y)
	x1, y1 := math.Max(b.X+b.W, o.X+o.W), math.Max(b.Y+b.H, o.Y+o.H)
	return Box{Page: b.Page, X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}

func (b Box) empty() bool { return !(b.W > 0 && b.H > 0) }
