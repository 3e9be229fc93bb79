package pdfdoc

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"

	"codeberg.org/go-pdf/fpdf"
)

// The signature block (GB/T 9704-2012 §7.3.5.1): the date right-indented by
// four characters, the agency name centred over it, and a seal centred on
// both, its top within a line below the body ("上不压正文") and its lower
// half over the date ("下压年月"). One and a half blank lines above the name
// give the seal's upper half room; the foot note sits under the date, left
// of the seal area.
const (
	sigBlankLines = 1.5
	sigDateIndent = 4 // characters
	notePitch     = 18.0
	noteGapX      = 12.0 // between the foot note and the seal area
)

// sealImage is a registered seal and its drawn size.
type sealImage struct {
	name string
	w, h float64
}

// registerSeal checks the PNG and hands the writer a plain 8-bit RGBA
// re-encoding, since the writer reads neither 16-bit nor interlaced PNG.
func (c *canvas) registerSeal(data []byte) (*sealImage, error) {
	if len(data) > MaxSealBytes {
		return nil, fmt.Errorf("%w: seal is %d bytes, over %d", ErrInvalid, len(data), MaxSealBytes)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: seal is not a PNG: %v", ErrInvalid, err)
	}
	if cfg.Width < 16 || cfg.Height < 16 || cfg.Width > 4096 || cfg.Height > 4096 {
		return nil, fmt.Errorf("%w: seal is %d×%d pixels; 16 to 4096 a side", ErrInvalid, cfg.Width, cfg.Height)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: seal: %v", ErrInvalid, err)
	}
	rgba := image.NewNRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, rgba); err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	const name = "seal"
	info := c.pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, &buf)
	if c.pdf.Err() || info == nil {
		return nil, fmt.Errorf("%w: seal: %v", ErrInvalid, c.pdf.Error())
	}
	return &sealImage{name: name, w: sealWidth, h: sealWidth * float64(cfg.Height) / float64(cfg.Width)}, nil
}

// signatureItem is the block of agency name, date, seal area and foot note
// as one item, so that pagination never splits it. Its height covers the
// seal area but for the part that may reach into the bottom margin clear of
// the page number.
func (c *canvas) signatureItem(n Notice, seal *sealImage) item {
	pitch := bodySize + bodyStyle.tracking
	lh, np := c.v(bodyPitch), c.v(notePitch)
	date := c.textLines(ChineseDate(n.Date), bodyStyle, textW, 0)[0]
	names := c.balancedLines([]string{n.Agency}, bodyStyle, textW-2*pitch)
	nameW := 0.0
	for _, l := range names {
		nameW = max(nameW, l.natural)
	}
	// The name is centred on the date; a name too long for that moves both
	// left until the name ends one character from the right margin.
	centre := textW - sigDateIndent*pitch - date.natural/2
	centre = min(centre, textW-pitch-nameW/2)
	nameTop := sigBlankLines * lh
	dateTop := nameTop + float64(len(names))*lh
	// Centre the seal a little above the middle of name and date, which
	// then sit below its centre as §7.3.5.1 asks.
	sealY := (nameTop+dateTop+lh)/2 - lh/4
	h := max(dateTop+lh, sealY+sealWidth/2-lh/2)
	var notes []line
	if n.FootNote != "" {
		noteW := max(centre-sealWidth/2-noteGapX, textW/3)
		notes = c.textLines(n.FootNote, noteStyle, noteW, 0)
		h = max(h, dateTop+lh+float64(len(notes))*np)
	}
	return item{h: h, draw: func(c *canvas, x, y float64, _ placement) {
		for i, l := range names {
			c.drawCentred(l, bodyStyle, x+centre, baseline(y+nameTop+float64(i)*lh, lh, bodySize))
		}
		c.drawCentred(date, bodyStyle, x+centre, baseline(y+dateTop, lh, bodySize))
		if seal != nil {
			c.pdf.ImageOptions(seal.name, x+centre-seal.w/2, y+sealY-seal.h/2, seal.w, seal.h, false,
				fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		}
		ny := y + dateTop + lh
		for _, l := range notes {
			c.drawLine(l, noteStyle, x, baseline(ny, np, noteSize), textW, alignLeft)
			ny += np
		}
	}}
}

// drawCentred draws l centred on x.
func (c *canvas) drawCentred(l line, st style, x, y float64) {
	c.drawLine(l, st, x-l.natural/2, y, l.natural, alignLeft)
}
