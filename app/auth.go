package app

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"gongkai/models"
)

// Token claims' fixed issuer and audience.
const (
	TokenIssuer   = "gongkai"
	TokenAudience = "gongkai-api"
)

// AuthConfig tunes AuthService.
type AuthConfig struct {
	JWTSecret       []byte
	AccessTTL       time.Duration
	RefreshTTL      time.Duration
	LockoutAttempts int
	LockoutDuration time.Duration
	// BcryptCost defaults to bcrypt.DefaultCost; tests lower it.
	BcryptCost int
}

// AuthService registers applicants, logs users in and out, and issues and
// verifies tokens. Errors: KindInvalid, KindConflict, KindUnauthenticated,
// KindLocked.
type AuthService struct {
	Deps
	cfg    AuthConfig
	sealer *Sealer
	// dummyHash equalises the time of a login for an unknown user.
	dummyHash []byte
	// nextPrune is when pruneThrottles may run again (Unix seconds).
	nextPrune atomic.Int64
}

// NewAuthService builds the service.
func NewAuthService(d Deps, cfg AuthConfig, sealer *Sealer) *AuthService {
	if cfg.BcryptCost == 0 {
		cfg.BcryptCost = bcrypt.DefaultCost
	}
	h, _ := bcrypt.GenerateFromPassword([]byte("gongkai-timing-equaliser"), cfg.BcryptCost)
	return &AuthService{Deps: d, cfg: cfg, sealer: sealer, dummyHash: h}
}

// RegisterInput is an applicant's self-registration.
type RegisterInput struct {
	Username string `json:"username"`
	Password string `json:"password"`
	IdentityInput
}

var usernameRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{2,31}$`)

// checkUsername validates a new username.
func checkUsername(f *models.Fields, username string) string {
	u := strings.ToLower(strings.TrimSpace(username))
	if !usernameRe.MatchString(u) || u == "system" {
		f.Add("username", "用户名须为 3–32 位小写字母、数字或 _ . -", "username must be 3–32 lower-case letters, digits, _ . or -")
	}
	return u
}

// checkPassword applies the password policy: 8–72 bytes, not the username
// and not containing it.
func checkPassword(f *models.Fields, field, password, username string) {
	switch {
	case len(password) < 8:
		f.Add(field, "密码至少 8 位", "password must be at least 8 characters")
	case len(password) > 72:
		f.Add(field, "密码最多 72 字节", "password must be at most 72 bytes")
	case username != "" && strings.Contains(strings.ToLower(password), strings.ToLower(username)):
		f.Add(field, "密码不能包含用户名", "password must not contain the username")
	}
}

// checkLen records a problem if s is empty (when min > 0) or too long.
// checkLen adds a field error when s is shorter or longer than l allows
// (a minimum above zero makes the field required).
func checkLen(f *models.Fields, field, s string, l textLimit, zh, en string) {
	n := utf8.RuneCountInString(s)
	switch {
	case n < l.min && n == 0:
		f.Add(field, "请填写"+zh, en+" is required")
	case n < l.min:
		f.Add(field, fmt.Sprintf("%s至少 %d 字", zh, l.min), fmt.Sprintf("%s must be at least %d characters", en, l.min))
	case n > l.max:
		f.Add(field, fmt.Sprintf("%s最多 %d 字", zh, l.max), fmt.Sprintf("%s must be at most %d characters", en, l.max))
	}
}

func (s *AuthService) hashPassword(p string) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(p), s.cfg.BcryptCost)
	return string(h), err
}

// Register creates an applicant account.
func (s *AuthService) Register(ctx context.Context, in RegisterInput) (*models.User, error) {
	var f models.Fields
	username := checkUsername(&f, in.Username)
	checkPassword(&f, "password", in.Password, username)
	id := ValidateIdentity(in.IdentityInput, "", s.Now(), &f)
	if err := f.Err(); err != nil {
		return nil, err
	}
	hash, err := s.hashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	u := &models.User{Username: username, PasswordHash: hash, Role: models.RoleApplicant, Active: true, PasswordSetAt: s.Now()}
	applyIdentity(s.sealer, u, id)
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		if err := models.CreateUser(ctx, tx, u); err != nil {
			return err
		}
		return audit(ctx, tx, Actor{UserID: u.ID, Role: u.Role, Username: u.Username}, "user.register", "user", u.ID, map[string]any{"username": u.Username, "applicantType": u.ApplicantType})
	})
	if err != nil {
		return nil, fmt.Errorf("register %s: %w", username, err)
	}
	return models.FindUserByID(ctx, s.DB, u.ID)
}

// Session is the result of a login or a refresh.
type Session struct {
	AccessToken  string
	RefreshToken string
	ExpiresIn    int
	User         *models.User
}

var errBadCredentials = models.Unauthenticated(models.M("用户名或密码错误", "wrong username or password"))

// Login checks a username and password. Unknown users and wrong passwords
// get the same error, and a name that is no account is counted and
// locked like one that is (a keyed hash of the name in login_throttles),
// with a dummy hash checked in the same time, so that neither the answers
// nor their timing tell which names exist. Each attempt is counted before
// its password is checked (models.ReserveLoginAttempt): after
// LockoutAttempts failures within LockoutDuration the name is locked for
// LockoutDuration and further attempts are refused unchecked, however
// many arrive at once.
func (s *AuthService) Login(ctx context.Context, username, password string) (*Session, error) {
	now := s.Now()
	name := strings.ToLower(strings.TrimSpace(username))
	u, target, err := s.loginTarget(ctx, name)
	if err != nil {
		return nil, err
	}
	att, err := models.ReserveLoginAttempt(ctx, s.DB, target, s.cfg.LockoutAttempts, now, s.cfg.LockoutDuration, s.cfg.LockoutDuration)
	if err != nil {
		return nil, err
	}
	if !att.Granted {
		return nil, lockedError(att.LockedUntil.Sub(now))
	}
	hash := s.dummyHash
	if u != nil {
		hash = []byte(u.PasswordHash)
	}
	if bcrypt.CompareHashAndPassword(hash, []byte(password)) != nil || u == nil {
		s.pruneThrottles(ctx, now)
		if att.Failures >= s.cfg.LockoutAttempts {
			return nil, lockedError(s.cfg.LockoutDuration)
		}
		return nil, errBadCredentials
	}
	return s.openSession(ctx, u)
}

var errDeactivated = models.Unauthenticated(models.M("账号已停用，请联系管理员", "the account is deactivated; contact the administrator"))

// openSession clears the failure count and issues a new session family
// for u, whose password was just checked, holding the account's row lock:
// an account change committed meanwhile (a new password, a deactivation)
// is seen, and one still to come revokes what is issued here.
func (s *AuthService) openSession(ctx context.Context, checked *models.User) (*Session, error) {
	var sess *Session
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		u, err := models.FindUserForSession(ctx, tx, checked.ID)
		switch {
		case err != nil:
			return err
		case u.PasswordHash != checked.PasswordHash:
			return errBadCredentials
		case !u.Active:
			return errDeactivated
		}
		if err := models.ClearLoginFailures(ctx, tx, u.ID); err != nil {
			return err
		}
		sess, err = s.newSession(ctx, tx, u, randomToken(16))
		return err
	})
	return sess, err
}

// loginTarget finds the account a login names, or, for a name that is no
// account (the system user included), the counter of that name.
func (s *AuthService) loginTarget(ctx context.Context, name string) (*models.User, models.LoginTarget, error) {
	u, err := models.FindUserByUsername(ctx, s.DB, name)
	switch {
	case err == nil && u.Role != models.RoleSystem:
		return u, models.LoginTarget{UserID: u.ID}, nil
	case err == nil, models.ErrorKind(err) == models.KindNotFound:
		return nil, models.LoginTarget{NameHash: s.sealer.Hash("login:" + name)}, nil
	}
	return nil, models.LoginTarget{}, err
}

// pruneThrottles deletes, at most once an hour per process, the counts of
// unknown names that have aged out (they then count as no row at all).
func (s *AuthService) pruneThrottles(ctx context.Context, now time.Time) {
	next := s.nextPrune.Load()
	if now.Unix() < next || !s.nextPrune.CompareAndSwap(next, now.Add(time.Hour).Unix()) {
		return
	}
	if err := models.PruneLoginThrottles(ctx, s.DB, now.Add(-s.cfg.LockoutDuration)); err != nil {
		s.Log.WarnContext(ctx, "prune login throttles", "err", err.Error())
	}
}

func lockedError(d time.Duration) error {
	// A lock set by a replica whose clock runs ahead may seem to end
	// already; it still holds for the statement that refused.
	d = max(d, time.Second)
	mins := int((d + time.Minute - 1) / time.Minute)
	return &models.Error{Kind: models.KindLocked, Code: "account_locked",
		Msg:               models.M(fmt.Sprintf("连续登录失败次数过多，账号已锁定，请 %d 分钟后再试", mins), fmt.Sprintf("too many failed logins; the account is locked, try again in %d minutes", mins)),
		RetryAfterSeconds: int(d / time.Second)}
}

// newSession issues an access token and a refresh token of family.
func (s *AuthService) newSession(ctx context.Context, db *gorm.DB, u *models.User, family string) (*Session, error) {
	access, err := s.IssueAccessToken(u)
	if err != nil {
		return nil, err
	}
	refresh := randomToken(32)
	rt := &models.RefreshToken{UserID: u.ID, FamilyID: family, TokenHash: sha256Hex(refresh), ExpiresAt: s.Now().Add(s.cfg.RefreshTTL)}
	if err := models.CreateRefreshToken(ctx, db, rt); err != nil {
		return nil, err
	}
	return &Session{AccessToken: access, RefreshToken: refresh, ExpiresIn: int(s.cfg.AccessTTL / time.Second), User: u}, nil
}

var errBadRefresh = models.Unauthenticated(models.M("登录已失效，请重新登录", "the session has expired; log in again"))

// Refresh spends a refresh token and issues a new pair in the same family.
// Presenting a token that was already spent revokes the whole family (the
// token was stolen or replayed).
func (s *AuthService) Refresh(ctx context.Context, refresh string) (*Session, error) {
	if refresh == "" {
		return nil, errBadRefresh
	}
	now := s.Now()
	rt, err := models.FindRefreshToken(ctx, s.DB, sha256Hex(refresh))
	if models.ErrorKind(err) == models.KindNotFound {
		return nil, errBadRefresh
	}
	if err != nil {
		return nil, err
	}
	if rt.RevokedAt != nil || rt.ExpiresAt.Before(now) {
		return nil, errBadRefresh
	}
	if rt.UsedAt != nil {
		return nil, s.reuseDetected(ctx, rt)
	}
	var sess *Session
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		// The account's row lock first (as every change that ends
		// sessions takes it), then the token.
		u, err := models.FindUserForSession(ctx, tx, rt.UserID)
		if err != nil {
			return err
		}
		ok, err := models.SpendRefreshToken(ctx, tx, rt.ID, now)
		if err != nil {
			return err
		}
		if !ok {
			return errReuse
		}
		if !u.Active {
			return errBadRefresh
		}
		sess, err = s.newSession(ctx, tx, u, rt.FamilyID)
		return err
	})
	if errors.Is(err, errReuse) {
		return nil, s.reuseDetected(ctx, rt)
	}
	if err != nil {
		return nil, err
	}
	return sess, nil
}

var errReuse = errors.New("refresh token spent twice")

func (s *AuthService) reuseDetected(ctx context.Context, rt *models.RefreshToken) error {
	s.Log.WarnContext(ctx, "refresh token reuse: revoking family", "user_id", rt.UserID)
	if err := models.RevokeRefreshFamily(ctx, s.DB, rt.FamilyID, s.Now()); err != nil {
		return err
	}
	return errBadRefresh
}

// Logout revokes the refresh token's family and, in the same
// transaction, ends every access token of the account (its session
// generation): the logged-out device's token stops at once, and the
// account's other devices renew theirs with their own refresh tokens. An
// unknown token is not an error: the session is gone either way.
func (s *AuthService) Logout(ctx context.Context, refresh string) error {
	if refresh == "" {
		return nil
	}
	rt, err := models.FindRefreshToken(ctx, s.DB, sha256Hex(refresh))
	if models.ErrorKind(err) == models.KindNotFound {
		return nil
	}
	if err != nil {
		return err
	}
	if rt.RevokedAt != nil || rt.ExpiresAt.Before(s.Now()) {
		// Already over: an old token must not end the account's current
		// sessions.
		return nil
	}
	return s.DB.Transaction(func(tx *gorm.DB) error {
		if err := models.BumpSessionGeneration(ctx, tx, rt.UserID); err != nil {
			return err
		}
		return models.RevokeRefreshFamily(ctx, tx, rt.FamilyID, s.Now())
	})
}

// endSessions ends every session of an account in tx, with the change
// that calls for it (deactivation, a new agency or role, a new password):
// the access tokens already issued stop at their next request and the
// refresh tokens are revoked.
func endSessions(ctx context.Context, tx *gorm.DB, userID uint, now time.Time) error {
	if err := models.BumpSessionGeneration(ctx, tx, userID); err != nil {
		return err
	}
	return models.RevokeUserRefreshTokens(ctx, tx, userID, now)
}

type accessClaims struct {
	Role         string `json:"role"`
	Agency       uint   `json:"agency,omitempty"`
	DistrictWide bool   `json:"dw,omitempty"`
	Username     string `json:"name"`
	DisplayName  string `json:"dn,omitempty"`
	// Generation is the account's session generation when the token was
	// issued; a token of an older generation is refused.
	Generation int `json:"gen"`
	jwt.RegisteredClaims
}

// IssueAccessToken signs a short-lived HS256 access token for u.
func (s *AuthService) IssueAccessToken(u *models.User) (string, error) {
	now := s.Now()
	c := accessClaims{
		Role: string(u.Role), DistrictWide: u.DistrictWide, Username: u.Username, DisplayName: u.DisplayName, Generation: u.SessionGeneration,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer: TokenIssuer, Audience: jwt.ClaimStrings{TokenAudience}, Subject: strconv.FormatUint(uint64(u.ID), 10),
			IssuedAt: jwt.NewNumericDate(now), NotBefore: jwt.NewNumericDate(now.Add(-time.Minute)),
			ExpiresAt: jwt.NewNumericDate(now.Add(s.cfg.AccessTTL)), ID: randomToken(9),
		},
	}
	if u.AgencyID != nil {
		c.Agency = *u.AgencyID
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(s.cfg.JWTSecret)
}

var errBadToken = models.Unauthenticated(models.M("登录凭证无效或已过期", "the access token is invalid or expired"))

// Authenticate verifies an access token and that it still speaks for its
// account: the account is active and the token's session generation is
// the account's (one primary-key read per request, no cache, so a change
// holds on every replica at once). It returns the actor the token names.
func (s *AuthService) Authenticate(ctx context.Context, token string) (Actor, error) {
	actor, gen, err := s.parseAccessToken(token)
	if err != nil {
		return Actor{}, err
	}
	st, err := models.FindSessionState(ctx, s.DB, actor.UserID)
	if models.ErrorKind(err) == models.KindNotFound {
		return Actor{}, errBadToken
	}
	if err != nil {
		return Actor{}, err
	}
	if !st.Active || st.SessionGeneration != gen {
		return Actor{}, errEndedToken
	}
	return actor, nil
}

var errEndedToken = models.Unauthenticated(models.M("登录已失效（账号信息已变更或已退出登录），请重新登录", "the session has ended (the account changed or logged out); log in again"))

// parseAccessToken verifies a token (HS256 only, issuer, audience,
// expiry) and returns the actor it names and its session generation.
func (s *AuthService) parseAccessToken(token string) (Actor, int, error) {
	var c accessClaims
	_, err := jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return s.cfg.JWTSecret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(TokenIssuer), jwt.WithAudience(TokenAudience),
		jwt.WithExpirationRequired(), jwt.WithIssuedAt(), jwt.WithTimeFunc(s.Now))
	if err != nil {
		return Actor{}, 0, errBadToken
	}
	id, err := strconv.ParseUint(c.Subject, 10, 64)
	role, ok := models.ParseRole(c.Role)
	if err != nil || id == 0 || !ok {
		return Actor{}, 0, errBadToken
	}
	if role.IsStaff() && c.Agency == 0 {
		return Actor{}, 0, errBadToken
	}
	return Actor{UserID: uint(id), Username: c.Username, Role: role, AgencyID: c.Agency, DistrictWide: c.DistrictWide && role == models.RoleSupervisor,
		DisplayName: c.DisplayName}, c.Generation, nil
}
