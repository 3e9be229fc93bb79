package wiring

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gongkai/configs"
)

func pemPair(t *testing.T, key crypto.Signer) (certPEM, keyPEM []byte) {
	t.Helper()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	k, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: k})
}

// TestParseSigner accepts a matching certificate and key and refuses the
// rest with errors that never quote the key.
func TestParseSigner(t *testing.T) {
	a, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	b, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	_, ed, _ := ed25519.GenerateKey(rand.Reader)
	certA, keyA := pemPair(t, a)
	_, keyB := pemPair(t, b)
	certEd, keyEd := pemPair(t, ed)
	if s, err := parseSigner(certA, keyA); err != nil || s.Cert.Subject.CommonName != "test" {
		t.Fatalf("a good pair: %v", err)
	}
	for name, tc := range map[string][2][]byte{
		"no certificate":           {keyA, keyA},
		"another's key":            {certA, keyB},
		"not PEM":                  {certA, []byte("secret-key-material")},
		"an ed25519 key":           {certEd, keyEd},
		"an encrypted-looking key": {certA, []byte("-----BEGIN ENCRYPTED PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END ENCRYPTED PRIVATE KEY-----\n")},
	} {
		_, err := parseSigner(tc[0], tc[1])
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		if strings.Contains(err.Error(), "secret") || strings.Contains(err.Error(), string(keyA[30:60])) {
			t.Errorf("%s: the error quotes the key: %v", name, err)
		}
	}
}

// TestPDFSettings reads per-agency certificates by code and refuses a
// fonts directory that holds no font or a key without its certificate's
// match, naming the variable.
func TestPDFSettings(t *testing.T) {
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	certPEM, keyPEM := pemPair(t, k)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "zrj.crt"), certPEM, 0o600)
	os.WriteFile(filepath.Join(dir, "zrj.key"), keyPEM, 0o600)
	cfg := configs.Default()
	cfg.PDF.SignDir = dir
	p, err := PDF(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if p.AgencySigners["ZRJ"] == nil || p.Signer != nil {
		t.Errorf("signers: %+v", p)
	}
	cfg = configs.Default()
	cfg.PDF.FontsDir = t.TempDir()
	if _, err := PDF(cfg); err == nil || !strings.Contains(err.Error(), "GONGKAI_PDF_FONTS_DIR") {
		t.Errorf("an empty fonts directory: %v", err)
	}
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	_, otherKey := pemPair(t, other)
	cfg = configs.Default()
	cfg.PDF.SignCert, cfg.PDF.SignKey = string(certPEM), string(otherKey)
	if _, err := PDF(cfg); err == nil || !strings.Contains(err.Error(), "GONGKAI_PDF_SIGN_KEY") {
		t.Errorf("a key of another certificate: %v", err)
	}
}
