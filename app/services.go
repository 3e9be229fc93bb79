package app

import (
	"fmt"
)

// Config is what the services need from configuration.
type Config struct {
	Auth    AuthConfig
	DataKey string
}

// Services bundles every use case; main.go builds it once.
type Services struct {
	Deps     Deps
	Sealer   *Sealer
	Auth     *AuthService
	Users    *UserService
	Agencies *AgencyService
}

// New builds the services.
func New(d Deps, cfg Config) (*Services, error) {
	sealer, err := NewSealer(cfg.DataKey)
	if err != nil {
		return nil, fmt.Errorf("data key: %w", err)
	}
	auth := NewAuthService(d, cfg.Auth, sealer)
	return &Services{
		Deps:     d,
		Sealer:   sealer,
		Auth:     auth,
		Users:    NewUserService(d, auth, sealer),
		Agencies: &AgencyService{Deps: d},
	}, nil
}
