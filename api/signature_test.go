package api

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"gongkai/configs"
	"gongkai/migrations/dbtest"
)

// testSigner makes a self-signed certificate and its key as PEM.
func testSigner(tb testing.TB, cn string, key crypto.Signer) (certPEM, keyPEM string) {
	tb.Helper()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: cn, Country: []string{"CN"}},
		NotBefore: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2036, 1, 1, 0, 0, 0, 0, time.UTC),
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		tb.Fatal(err)
	}
	k, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		tb.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})), string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: k}))
}

// TestNoticeSignatures configures a certificate for the installation and
// another for one agency (GONGKAI_PDF_SIGN_CERT/KEY, GONGKAI_PDF_SIGN_DIR):
// every issued PDF carries a signature pdfsig verifies, by the agency's own
// certificate where it has one, and one changed byte breaks it.
func TestNoticeSignatures(t *testing.T) {
	mustPDFTools(t)
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	instCert, instKey := testSigner(t, "Gongkai Test Installation", rsaKey)
	zrjCert, zrjKey := testSigner(t, "Laiwu Natural Resources Seal", ecKey)
	dir := t.TempDir()
	for name, s := range map[string]string{"ZRJ.crt": zrjCert, "ZRJ.key": zrjKey} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	withCerts := harnessOptions{config: func(c *configs.Config) {
		c.PDF.SignCert, c.PDF.SignKey, c.PDF.SignDir = instCert, instKey, dir
	}}
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		h := newHarness(t, db, withCerts)
		applicant, officer := h.token("demo-applicant"), h.token("demo-officer")
		for _, tc := range []struct {
			agency int
			signer string
		}{{1, "Gongkai Test Installation"}, {4, "Laiwu Natural Resources Seal"}} {
			filed := h.file(t, applicant, applicationBody(tc.agency))
			receipt := h.noticeOf(t, applicant, filed.ID, "receipt")
			if receipt.PDF == nil || !receipt.PDF.Signed {
				t.Fatalf("agency %d: receipt not signed: %+v", tc.agency, receipt.PDF)
			}
			h.step(t, scenario{name: "signed by " + tc.signer + "; pdfsig verifies it; a changed byte breaks it", method: "GET", url: noticePDFURL(receipt.ID, ""),
				token: applicant, wantStatus: 200,
				check: func(t *testing.T, r *httptest.ResponseRecorder) {
					p := wantPDF(t, r)
					diff(t, "SHA-256 of the signed file", receipt.PDF.SHA256, p.sha256)
					valid, out := pdfsigVerdict(t, p.path)
					if !valid || !strings.Contains(out, tc.signer) || !strings.Contains(out, "Total document signed") {
						t.Fatalf("pdfsig:\n%s", out)
					}
					if !strings.Contains(p.text, "政府信息公开申请接收回执") || p.pages != 1 {
						t.Errorf("the signed receipt: %d pages, %q", p.pages, p.text)
					}
					b := append([]byte(nil), r.Body.Bytes()...)
					b[len(b)/3] ^= 0x01
					if valid, out := pdfsigVerdict(t, writePDF(t, b)); valid {
						t.Errorf("a changed byte still verifies:\n%s", out)
					}
				}})
		}
		filed := h.file(t, applicant, applicationBody(1))
		receipt := h.noticeOf(t, officer, filed.ID, "receipt")
		h.step(t, scenario{name: "a reissue is signed again", method: "POST", url: fmt.Sprintf("/api/v1/notices/%d/reissue", receipt.ID), token: officer,
			body: map[string]any{"reason": "证书更新后重新签发"}, wantStatus: 201,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				n := decode[noticeResponse](t, r)
				if len(n.Versions) != 2 || !n.Versions[1].Signed {
					t.Errorf("versions %+v", n.Versions)
				}
			}})
	})
}
