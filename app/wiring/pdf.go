package wiring

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"gongkai/app"
	"gongkai/app/pdfdoc"
	"gongkai/configs"
)

// renderers caches one Renderer per font set: a Renderer holds its font
// files (tens of megabytes) and is safe for concurrent use, so the test
// harnesses, which wire the services once per test, share it.
var renderers sync.Map // pdfdoc.Fonts → *pdfdoc.Renderer

// PDF is the notices' PDF configuration from cfg: a renderer over the free
// Debian fonts (pdfdoc.DefaultFonts), replaced role by role by the
// licensed fonts of GONGKAI_PDF_FONTS_DIR, and the signers of
// GONGKAI_PDF_SIGN_CERT/KEY and GONGKAI_PDF_SIGN_DIR. Fonts that cannot be
// found disable PDFs in development (the reason is in Unavailable) and
// stop a production start; a font directory, certificate or key that is
// set but unusable is always an error, which names the variable and never
// a key's content.
func PDF(cfg configs.Config) (app.PDFConfig, error) {
	var out app.PDFConfig
	r, err := renderer(cfg.PDF.FontsDir)
	switch {
	case err != nil && (cfg.IsProduction() || cfg.PDF.FontsDir != ""):
		return out, err
	case err != nil:
		out.Unavailable = err.Error()
	default:
		out.Renderer = r
	}
	if cfg.PDF.SignCert != "" {
		if out.Signer, err = parseSigner([]byte(cfg.PDF.SignCert), []byte(cfg.PDF.SignKey)); err != nil {
			return out, fmt.Errorf("GONGKAI_PDF_SIGN_CERT / GONGKAI_PDF_SIGN_KEY: %w", err)
		}
	}
	if cfg.PDF.SignDir != "" {
		if out.AgencySigners, err = agencySigners(cfg.PDF.SignDir); err != nil {
			return out, fmt.Errorf("GONGKAI_PDF_SIGN_DIR: %w", err)
		}
	}
	return out, nil
}

// renderer builds (once per font set) the renderer over the default fonts
// and those of dir.
func renderer(dir string) (*pdfdoc.Renderer, error) {
	fonts, err := pdfdoc.DefaultFonts()
	if dir != "" {
		var derr error
		if fonts, _, derr = pdfdoc.FontsFromDir(dir, fonts); derr != nil {
			return nil, fmt.Errorf("GONGKAI_PDF_FONTS_DIR: %w", derr)
		}
		err = nil // the directory may supply what Debian lacks; NewRenderer checks
	}
	if err != nil {
		return nil, err
	}
	if r, ok := renderers.Load(fonts); ok {
		return r.(*pdfdoc.Renderer), nil
	}
	r, err := pdfdoc.NewRenderer(fonts)
	if err != nil {
		if dir != "" {
			return nil, fmt.Errorf("GONGKAI_PDF_FONTS_DIR: %w", err)
		}
		return nil, err
	}
	actual, _ := renderers.LoadOrStore(fonts, r)
	return actual.(*pdfdoc.Renderer), nil
}

// agencySigners reads <CODE>.crt and <CODE>.key pairs from dir.
func agencySigners(dir string) (map[string]*app.PDFSigner, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := map[string]*app.PDFSigner{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.EqualFold(filepath.Ext(name), ".crt") {
			continue
		}
		code := strings.ToUpper(strings.TrimSuffix(name, filepath.Ext(name)))
		certPEM, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		keyPEM, err := os.ReadFile(filepath.Join(dir, strings.TrimSuffix(name, filepath.Ext(name))+".key"))
		if err != nil {
			return nil, fmt.Errorf("%s: the key beside the certificate: %w", code, err)
		}
		if out[code], err = parseSigner(certPEM, keyPEM); err != nil {
			return nil, fmt.Errorf("%s: %w", code, err)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no <CODE>.crt files")
	}
	return out, nil
}

// parseSigner reads a PEM certificate chain (the signer first) and its
// PEM private key, and checks that they belong together.
func parseSigner(certPEM, keyPEM []byte) (*app.PDFSigner, error) {
	var certs []*x509.Certificate
	for rest := certPEM; ; {
		var b *pem.Block
		if b, rest = pem.Decode(rest); b == nil {
			break
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("certificate: %w", err)
		}
		certs = append(certs, c)
	}
	if len(certs) == 0 {
		return nil, errors.New("no PEM CERTIFICATE block")
	}
	key, err := parseKey(keyPEM)
	if err != nil {
		return nil, err
	}
	if !samePublicKey(key.Public(), certs[0].PublicKey) {
		return nil, errors.New("the private key does not belong to the (first) certificate")
	}
	return &app.PDFSigner{Key: key, Cert: certs[0], Chain: certs[1:]}, nil
}

// parseKey reads an unencrypted PEM private key. Errors never quote it.
func parseKey(keyPEM []byte) (crypto.Signer, error) {
	b, _ := pem.Decode(keyPEM)
	if b == nil {
		return nil, errors.New("private key: no PEM block")
	}
	var key any
	var err error
	switch b.Type {
	case "PRIVATE KEY":
		key, err = x509.ParsePKCS8PrivateKey(b.Bytes)
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(b.Bytes)
	case "EC PRIVATE KEY":
		key, err = x509.ParseECPrivateKey(b.Bytes)
	default:
		return nil, fmt.Errorf("private key: unsupported PEM type %q (want PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY, unencrypted)", b.Type)
	}
	if err != nil {
		return nil, errors.New("private key: cannot be parsed")
	}
	switch k := key.(type) {
	case *rsa.PrivateKey:
		return k, nil
	case *ecdsa.PrivateKey:
		return k, nil
	}
	return nil, fmt.Errorf("private key: %T keys cannot sign PDFs here (RSA or ECDSA)", key)
}

func samePublicKey(a, b crypto.PublicKey) bool {
	type equaler interface{ Equal(crypto.PublicKey) bool }
	e, ok := a.(equaler)
	return ok && e.Equal(b)
}
