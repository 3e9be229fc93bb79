package redact

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/rc4"
	"errors"
	"fmt"
	"math"
	"os/exec"
	"strings"
	"testing"
)

// TestRefuseDocuments feeds Inspect, Chars and Apply documents they must
// refuse, each with its stable code.
func TestRefuseDocuments(t *testing.T) {
	e := MustEngine(t)
	tests := []struct {
		name string
		src  []byte
		want Code
	}{
		{"empty", nil, CodeUnsupported},
		{"text file", []byte("姓名：张三\n电话：13812345678\n"), CodeUnsupported},
		{"zip", []byte("PK\x03\x04 not a document"), CodeUnsupported},
		{"too large", append([]byte("%PDF-1.4\n"), make([]byte, MaxBytes)...), CodeTooLarge},
		{"broken pdf", []byte("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> garbage"), CodeBroken},
		{"pdf without pages", newBuilder().bytes("/Root 1 0 R"), CodeBroken},
		{"truncated png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"), CodeBroken},
		{"truncated jpeg", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00}, CodeBroken},
		{"201 pages", textPDF(MaxPages+1, []string{"x"}), CodeTooManyPages},
		{"encrypted by hand, user password", handEncryptedPDF(t, false), CodeEncrypted},
		{"encrypted by hand, owner password only", handEncryptedPDF(t, true), CodeRestricted},
	}
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.Inspect(ctx, tt.src)
			wantCode(t, "Inspect", err, tt.want)
			_, err = e.Apply(ctx, tt.src, nil, Options{})
			wantCode(t, "Apply", err, tt.want)
			_, err = e.Chars(ctx, tt.src)
			wantCode(t, "Chars", err, tt.want)
		})
	}
	t.Run("200 pages pass", func(t *testing.T) {
		info, err := e.Inspect(ctx, textPDF(MaxPages, []string{"x"}))
		if err != nil || len(info.Pages) != MaxPages {
			t.Fatalf("Inspect: %d pages, %v", len(info.Pages), err)
		}
	})
}

// TestRefuseEncryptedQPDF encrypts a PDF with qpdf, as real tools do.
func TestRefuseEncryptedQPDF(t *testing.T) {
	e := MustEngine(t)
	plain := writeTemp(t, "plain.pdf", textPDF(1, []string{"Phone " + secretPhone}))
	tests := []struct {
		name string
		args []string
		want Code
	}{
		{"user password AES-256", []string{"--encrypt", "user", "owner", "256", "--"}, CodeEncrypted},
		{"user password RC4-128", []string{"--allow-weak-crypto", "--encrypt", "user", "owner", "128", "--use-aes=n", "--"}, CodeEncrypted},
		{"owner password only, no printing", []string{"--encrypt", "", "owner", "256", "--print=none", "--extract=n", "--"}, CodeRestricted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := writeTemp(t, "enc.pdf", nil)
			args := append(append([]string{}, tt.args...), plain, out)
			if b, err := exec.Command(MustTool(t, "qpdf"), args...).CombinedOutput(); err != nil {
				t.Fatalf("qpdf: %v\n%s", err, b)
			}
			src := readFile(t, out)
			info, err := e.Inspect(context.Background(), src)
			wantCode(t, "Inspect", err, tt.want)
			if !info.Encrypted || info.Kind != KindPDF {
				t.Errorf("Info %+v: want Encrypted", info)
			}
			_, err = e.Apply(context.Background(), src, nil, Options{})
			wantCode(t, "Apply", err, tt.want)
		})
	}
}

// TestRefuseBoxes checks box validation in Info.Validate and Apply.
func TestRefuseBoxes(t *testing.T) {
	e := MustEngine(t)
	src := textPDF(2, []string{"x"})
	info, err := e.Inspect(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		box  Box
		want Code // "" for accepted
	}{
		{"inside", Box{Page: 2, X: 10, Y: 10, W: 100, H: 20}, ""},
		{"whole page", Box{Page: 1, X: 0, Y: 0, W: 595, H: 842}, ""},
		{"within the epsilon", Box{Page: 1, X: -0.3, Y: -0.3, W: 595.5, H: 842.5}, ""},
		{"page 0", Box{Page: 0, X: 10, Y: 10, W: 10, H: 10}, CodeBoxPage},
		{"page beyond the document", Box{Page: 3, X: 10, Y: 10, W: 10, H: 10}, CodeBoxPage},
		{"zero width", Box{Page: 1, X: 10, Y: 10, W: 0, H: 10}, CodeBoxSize},
		{"negative height", Box{Page: 1, X: 10, Y: 10, W: 10, H: -5}, CodeBoxSize},
		{"not a number", Box{Page: 1, X: math.NaN(), Y: 10, W: 10, H: 10}, CodeBoxSize},
		{"infinite", Box{Page: 1, X: 10, Y: 10, W: math.Inf(1), H: 10}, CodeBoxSize},
		{"past the right edge", Box{Page: 1, X: 500, Y: 10, W: 100, H: 10}, CodeBoxOutside},
		{"above the top", Box{Page: 1, X: 10, Y: -2, W: 10, H: 10}, CodeBoxOutside},
		{"below the bottom", Box{Page: 2, X: 10, Y: 840, W: 10, H: 10}, CodeBoxOutside},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			boxes := []Box{{Page: 1, X: 1, Y: 1, W: 1, H: 1}, tt.box}
			for name, err := range map[string]error{
				"Validate": info.Validate(boxes),
				"Apply":    applyErr(e, src, boxes),
			} {
				if tt.want == "" {
					if err != nil {
						t.Errorf("%s: %v", name, err)
					}
					continue
				}
				wantCode(t, name, err, tt.want)
				var re *Error
				if errors.As(err, &re) && re.Box != 1 {
					t.Errorf("%s: box index %d, want 1", name, re.Box)
				}
			}
		})
	}
}

func applyErr(e *Engine, src []byte, boxes []Box) error {
	_, err := e.Apply(context.Background(), src, boxes, Options{DPI: 72})
	return err
}

// wantCode fails unless err is an *Error with code want (and errors.Is
// agrees).
func wantCode(t *testing.T, what string, err error, want Code) {
	t.Helper()
	var re *Error
	if !errors.As(err, &re) {
		t.Errorf("%s: error %v, want code %s", what, err, want)
		return
	}
	if re.Code != want {
		t.Errorf("%s: code %s (%v), want %s", what, re.Code, err, want)
	}
	if !errors.Is(err, &Error{Code: want}) {
		t.Errorf("%s: errors.Is(%v, %s) is false", what, err, want)
	}
}

// handEncryptedPDF writes the standard security handler (revision 2, RC4
// 40-bit) by hand: with ownerOnly the user password is empty, so the file
// opens but is restricted; otherwise /U matches no empty password.
func handEncryptedPDF(t *testing.T, ownerOnly bool) []byte {
	t.Helper()
	pad := []byte("\x28\xbf\x4e\x5e\x4e\x75\x8a\x41\x64\x00\x4e\x56\xff\xfa\x01\x08\x2e\x2e\x00\xb6\xd0\x68\x3e\x80\x2f\x0c\xa9\xfe\x64\x53\x69\x7a")
	o := bytes.Repeat([]byte{0x42}, 32)
	id := []byte("0123456789abcdef")
	p := int32(-64) // no printing, no copying, no changes
	// Algorithm 3.2: the key from the (empty) user password.
	h := md5.New()
	h.Write(pad)
	h.Write(o)
	h.Write([]byte{byte(p), byte(p >> 8), byte(p >> 16), byte(p >> 24)})
	h.Write(id)
	key := h.Sum(nil)[:5]
	// Algorithm 3.4: /U is the padding encrypted with that key.
	u := make([]byte, 32)
	c, _ := rc4.NewCipher(key)
	c.XORKeyStream(u, pad)
	if !ownerOnly {
		u[0] ^= 0xFF // no longer the empty password's
	}
	src := string(textPDF(1, []string{"x"}))
	enc := fmt.Sprintf("/Encrypt << /Filter /Standard /V 1 /R 2 /O <%x> /U <%x> /P %d >> /ID [<%x> <%x>]", o, u, p, id, id)
	return []byte(strings.Replace(src, "trailer\n<< ", "trailer\n<< "+enc+" ", 1))
}
