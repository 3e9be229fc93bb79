package app

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
)

// Sealer encrypts sensitive personal information at rest (AES-256-GCM) and
// computes keyed hashes for exact lookup, from one configured data key.
type Sealer struct {
	aead   cipher.AEAD
	macKey []byte
}

// NewSealer derives the encryption and lookup keys from a base64 key of at
// least 32 bytes.
func NewSealer(keyB64 string) (*Sealer, error) {
	key, err := base64.StdEncoding.DecodeString(keyB64)
	if err != nil {
		return nil, fmt.Errorf("data key is not base64: %w", err)
	}
	if len(key) < 32 {
		return nil, errors.New("data key must be at least 32 bytes")
	}
	derive := func(label string) []byte {
		m := hmac.New(sha256.New, key)
		m.Write([]byte(label))
		return m.Sum(nil)
	}
	block, err := aes.NewCipher(derive("gongkai/seal/v1"))
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Sealer{aead: aead, macKey: derive("gongkai/lookup/v1")}, nil
}

// Seal encrypts plain; the nonce is prepended.
func (s *Sealer) Seal(plain string) []byte {
	if plain == "" {
		return nil
	}
	nonce := make([]byte, s.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return s.aead.Seal(nonce, nonce, []byte(plain), nil)
}

// Open decrypts what Seal produced.
func (s *Sealer) Open(sealed []byte) (string, error) {
	if len(sealed) == 0 {
		return "", nil
	}
	n := s.aead.NonceSize()
	if len(sealed) < n {
		return "", errors.New("sealed value too short")
	}
	plain, err := s.aead.Open(nil, sealed[:n], sealed[n:], nil)
	if err != nil {
		return "", errors.New("sealed value cannot be opened with this data key")
	}
	return string(plain), nil
}

// Hash returns the keyed lookup hash of a normalised value.
func (s *Sealer) Hash(v string) string {
	if v == "" {
		return ""
	}
	m := hmac.New(sha256.New, s.macKey)
	m.Write([]byte(v))
	return hex.EncodeToString(m.Sum(nil))
}

// sha256Hex hashes tokens for storage.
func sha256Hex(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// randomToken returns n random bytes, base64url-encoded.
func randomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
