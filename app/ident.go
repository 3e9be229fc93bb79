package app

import (
	"regexp"
	"strings"
	"time"
)

// idWeights are the GB 11643-1999 weights of the first 17 digits.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckChars = "10X98765432"

// CheckResidentID validates a 居民身份证 number: 18 characters, a valid
// GB 11643 check character and a real date of birth not after today. It
// returns the number normalised (upper-case X) and ok.
func CheckResidentID(s string, today time.Time) (string, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) != 18 || s[0] < '1' || s[0] > '9' {
		return s, false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return s, false
		}
		sum += int(c-'0') * idWeights[i]
	}
	if s[17] != idCheckChars[sum%11] {
		return s, false
	}
	birth, err := time.Parse("20060102", s[6:14])
	if err != nil || birth.Year() < 1900 || birth.After(today) {
		return s, false
	}
	return s, true
}

// creditChars is the GB 32100-2015 alphabet (no I, O, Z, S, V).
const creditChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CheckCreditCode validates a 统一社会信用代码: 18 characters of the GB
// 32100 alphabet with a valid check character. It returns the code
// upper-cased and ok.
func CheckCreditCode(s string) (string, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) != 18 {
		return s, false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(creditChars, s[i])
		if v < 0 {
			return s, false
		}
		sum += v * creditWeights[i]
	}
	check := (31 - sum%31) % 31
	return s, s[17] == creditChars[check]
}

var mobileRe = regexp.MustCompile(`^1[3-9][0-9]{9}$`)

// CheckMobile validates a mainland mobile number (11 digits, 13–19 prefix),
// accepting an optional +86 prefix, spaces and dashes.
func CheckMobile(s string) (string, bool) {
	s = strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "+86")
	return s, mobileRe.MatchString(s)
}

var emailRe = regexp.MustCompile(`^[^\s@]+@[^\s@]+\.[^\s@]+$`)

// CheckEmail does a plain shape check of an e-mail address.
func CheckEmail(s string) (string, bool) {
	s = strings.TrimSpace(s)
	return s, len(s) <= 128 && emailRe.MatchString(s)
}

// Mask shows the first six and last four characters of an identity number
// (370102********1234); shorter values keep only their last two.
func Mask(s string) string {
	r := []rune(s)
	switch {
	case len(r) == 0:
		return ""
	case len(r) > 10:
		return string(r[:6]) + strings.Repeat("*", len(r)-10) + string(r[len(r)-4:])
	case len(r) > 2:
		return strings.Repeat("*", len(r)-2) + string(r[len(r)-2:])
	}
	return strings.Repeat("*", len(r))
}

// WithIDCheck completes 17 digits into a resident ID number with its
// GB 11643 check character (for demo data and tests).
func WithIDCheck(first17 string) string {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * idWeights[i]
	}
	return first17 + string(idCheckChars[sum%11])
}

// WithCreditCheck completes 17 characters into a credit code with its
// GB 32100 check character (for demo data and tests).
func WithCreditCheck(first17 string) string {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += strings.IndexByte(creditChars, first17[i]) * creditWeights[i]
	}
	return first17 + string(creditChars[(31-sum%31)%31])
}
