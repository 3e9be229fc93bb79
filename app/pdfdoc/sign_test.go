package pdfdoc

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"
)

// MustCert makes a certificate for key, issued by parent (self-signed when
// parent is nil).
func MustCert(tb testing.TB, cn string, key crypto.Signer, parent *x509.Certificate, parentKey crypto.Signer, ca bool) *x509.Certificate {
	tb.Helper()
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: cn, Organization: []string{"济南市莱芜区人民政府办公室"}, Country: []string{"CN"}},
		NotBefore:             time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:              time.Date(2036, 1, 1, 0, 0, 0, 0, time.UTC),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		BasicConstraintsValid: true,
		IsCA:                  ca,
	}
	if ca {
		tmpl.KeyUsage |= x509.KeyUsageCertSign
	}
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, key.Public(), parentKey)
	if err != nil {
		tb.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		tb.Fatal(err)
	}
	return cert
}

func mustRSA(tb testing.TB) *rsa.PrivateKey {
	tb.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

func mustEC(tb testing.TB) *ecdsa.PrivateKey {
	tb.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

// opaqueSigner hides the key type, as an HSM or KMS signer does.
type opaqueSigner struct{ crypto.Signer }

var signOpts = SignOptions{Reason: "政府信息公开申请答复", Location: "济南市莱芜区", Name: "莱芜区政府办公室",
	Time: time.Date(2026, 12, 4, 10, 30, 0, 0, time.FixedZone("CST", 8*3600))}

func TestSign(t *testing.T) {
	r := MustRenderer(t)
	pdf, err := r.RenderNotice(receiptNotice(shortDescription, testSeal(t, 300)))
	if err != nil {
		t.Fatal(err)
	}
	rootKey := mustEC(t)
	root := MustCert(t, "Gongkai Test Root", rootKey, nil, nil, true)
	leafKey := mustRSA(t)
	leaf := MustCert(t, "莱芜区政府办公室 签章", leafKey, root, rootKey, false)
	selfKey := mustRSA(t)
	ecKey := mustEC(t)
	tests := []struct {
		name   string
		signer crypto.Signer
		cert   *x509.Certificate
		chain  []*x509.Certificate
	}{
		{"rsa self-signed", selfKey, MustCert(t, "Gongkai Self", selfKey, nil, nil, false), nil},
		{"ecdsa self-signed", ecKey, MustCert(t, "Gongkai EC", ecKey, nil, nil, false), nil},
		{"rsa with chain", leafKey, leaf, []*x509.Certificate{root}},
		{"opaque signer", opaqueSigner{selfKey}, MustCert(t, "Gongkai HSM", selfKey, nil, nil, false), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			signed, err := Sign(pdf, tt.signer, tt.cert, tt.chain, signOpts)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(signed, pdf) {
				t.Fatal("signing changed the original bytes; want an incremental update")
			}
			path := MustWrite(t, signed)
			out, _ := run(t, "pdfsig", path)
			for _, want := range []string{"Signature is Valid.", "Total document signed", "adbe.pkcs7.detached", "SHA-256"} {
				if !strings.Contains(out, want) {
					t.Errorf("pdfsig: want %q in\n%s", want, out)
				}
			}
			if text := squash(MustRun(t, "pdftotext", path, "-")); !strings.Contains(text, "政府信息公开申请接收回执") {
				t.Errorf("signed pdf lost its text: %q", text)
			}
			if info := MustRun(t, "pdfinfo", path); !strings.Contains(info, "Pages:           1") {
				t.Errorf("pdfinfo of signed pdf:\n%s", info)
			}
		})
	}
}

// TestSignDetectsTampering flips one byte inside the signed range.
func TestSignDetectsTampering(t *testing.T) {
	r := MustRenderer(t)
	pdf, err := r.RenderNotice(extensionNotice())
	if err != nil {
		t.Fatal(err)
	}
	key := mustRSA(t)
	signed, err := Sign(pdf, key, MustCert(t, "Gongkai Self", key, nil, nil, false), nil, signOpts)
	if err != nil {
		t.Fatal(err)
	}
	// The binary comment on the second line: changing it leaves the file
	// readable, so only the digest can tell.
	i := bytes.IndexByte(signed, '\n') + 2
	tampered := bytes.Clone(signed)
	tampered[i] ^= 0x01
	for name, doc := range map[string][]byte{"original": signed, "tampered": tampered} {
		out, _ := run(t, "pdfsig", MustWrite(t, doc))
		valid := strings.Contains(out, "Signature is Valid.")
		if valid != (name == "original") {
			t.Errorf("%s: valid = %v\n%s", name, valid, out)
		}
	}
}

// TestSignTwice adds a second signature over the first, which stays valid.
func TestSignTwice(t *testing.T) {
	r := MustRenderer(t)
	pdf, err := r.RenderNotice(extensionNotice())
	if err != nil {
		t.Fatal(err)
	}
	key := mustRSA(t)
	cert := MustCert(t, "Gongkai Self", key, nil, nil, false)
	once, err := Sign(pdf, key, cert, nil, signOpts)
	if err != nil {
		t.Fatal(err)
	}
	twice, err := Sign(once, key, cert, nil, signOpts)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := run(t, "pdfsig", MustWrite(t, twice))
	if n := strings.Count(out, "Signature is Valid."); n != 2 {
		t.Errorf("want 2 valid signatures, got %d:\n%s", n, out)
	}
}

func TestSignRejects(t *testing.T) {
	key := mustRSA(t)
	cert := MustCert(t, "x", key, nil, nil, false)
	tests := []struct {
		name string
		pdf  []byte
		want error
	}{
		{"not a pdf", []byte("hello"), ErrUnsupportedPDF},
		{"xref stream", []byte("%PDF-1.7\n1 0 obj\n<</Type/XRef>>\nendobj\nstartxref\n9\n%%EOF\n"), ErrUnsupportedPDF},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Sign(tt.pdf, key, cert, nil, signOpts); !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
	if _, err := Sign([]byte("%PDF"), nil, nil, nil, signOpts); !errors.Is(err, ErrInvalid) {
		t.Errorf("nil signer: err = %v, want ErrInvalid", err)
	}
}
