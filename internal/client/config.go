package client

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Defaults for the values a Config may leave at zero.
const (
	DefaultBaseURL        = "https://backend.flashback.tech"
	DefaultRequestTimeout = 30 * time.Second
	DefaultMaxRetries     = 4
	DefaultRetryWaitMin   = 1 * time.Second
	DefaultRetryWaitMax   = 30 * time.Second
	// DefaultMaxBodyBytes caps a response body, so that a runaway or hostile
	// server cannot exhaust the memory of the Terraform run. It is four
	// times the users list of an organization of a million users (about
	// 250 bytes a user), which the provider reads within 1.5 times its size
	// in memory (BENCHMARKS.md).
	DefaultMaxBodyBytes int64 = 1 << 30
	// DefaultMaxElapsed bounds the time that one call may take, retries and
	// waits included, so that a flapping API cannot hold a plan for ever.
	DefaultMaxElapsed = 5 * time.Minute
)

// The environment variables a provider reads the credentials from when its
// configuration leaves them out; the errors' advice names them.
const (
	EnvAccessToken = "FLASHBACK_ACCESS_TOKEN"
	EnvEmail       = "FLASHBACK_EMAIL"
	EnvPassword    = "FLASHBACK_PASSWORD"
)

// ParseBaseURL checks a Flashback API base URL and returns it without a
// trailing slash. It must be absolute, and plain http is allowed only for a
// loopback host, so that the access token never travels in clear text.
func ParseBaseURL(raw string) (*url.URL, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, errors.New("the URL is empty")
	}
	shown := showURL(raw)
	u, err := url.Parse(raw)
	if err != nil {
		if strings.Contains(raw, "@") {
			// url.Parse quotes pieces of the URL, which may be a password's.
			return nil, fmt.Errorf("%s is not a valid URL", shown)
		}
		return nil, fmt.Errorf("%s is not a valid URL: %s", shown, unwrapURLError(err))
	}
	if !u.IsAbs() || u.Host == "" || u.Hostname() == "" {
		return nil, fmt.Errorf("%s is not an absolute URL: write it with its scheme and host, like %s", shown, DefaultBaseURL)
	}
	if u.User != nil {
		return nil, errors.New("the URL must not carry credentials: give the token in access_token instead")
	}
	// An empty fragment ("…/#") leaves Fragment empty: the "#" itself says
	// there is one. Credentials, the only other place a "#" could hide,
	// were refused above.
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(raw, "#") {
		return nil, fmt.Errorf("%s must not have a query or a fragment", shown)
	}
	if seg, ok := dotSegment(u); ok {
		return nil, fmt.Errorf("%s has the path segment %q, which would send the calls above or beside the API's path: "+
			"write the path without \".\" or \"..\" segments, in any encoding", shown, seg)
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
	case "http":
		if !IsLoopbackHost(u.Hostname()) {
			return nil, fmt.Errorf("%s uses plain http to a host that is not loopback; the access token or password would travel in clear text, so use https", shown)
		}
	default:
		return nil, fmt.Errorf("%s has the scheme %q; use https", shown, u.Scheme)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// dotSegment returns the first path segment of u that is "." or "..",
// once percent-decoded ("%2e%2E" is ".."), as it was written.
func dotSegment(u *url.URL) (string, bool) {
	for _, seg := range strings.Split(u.EscapedPath(), "/") {
		if plain, err := url.PathUnescape(seg); err == nil && (plain == "." || plain == "..") {
			return seg, true
		}
	}
	return "", false
}

// IsLoopbackHost reports whether host is the name localhost or a literal
// loopback address (127.0.0.0/8 or ::1). Any other name is resolved
// through DNS, which may answer anything: "localhost." (a fully qualified
// name) is one of them.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// CleanToken returns an access token ready to send: without the white
// space around it, which no token holds (a token read with file() ends in
// a line break). A space or control character left inside cannot be sent
// in a header; the error says where it is, never what the token is.
func CleanToken(raw string) (string, error) {
	token := strings.TrimSpace(raw)
	if token == "" {
		return "", errors.New("the access token is empty")
	}
	for i, r := range []rune(token) {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return "", fmt.Errorf("the access token holds %s (%U) at character %d of %d; "+
				"a token is one word: check how it was copied or read", describeRune(r), r, i+1, utf8.RuneCountInString(token))
		}
	}
	return token, nil
}

func describeRune(r rune) string {
	switch {
	case r == '\n' || r == '\r':
		return "a line break"
	case unicode.IsSpace(r):
		return "a space"
	default:
		return "a control character"
	}
}

// ParsePositiveDuration parses a Go duration such as "30s" or "1m30s" that
// must be greater than zero.
func ParsePositiveDuration(raw string) (time.Duration, error) {
	d, err := time.ParseDuration(raw)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration: write a number with a unit, like \"30s\" or \"1m30s\"", raw)
	}
	if d <= 0 {
		return 0, fmt.Errorf("%q must be greater than zero", raw)
	}
	return d, nil
}

// showURL quotes a URL for an error message. When it holds an "@",
// everything from the scheme to the last "@" may be user information,
// since a password may hold "/", "?", "#" or "@" itself: all of it is
// replaced, so that no part of a password is ever repeated. That hides
// more than the credentials of some URLs, on purpose.
func showURL(raw string) string {
	if at := strings.LastIndex(raw, "@"); at >= 0 {
		start := 0
		if i := strings.Index(raw[:at], "://"); i >= 0 {
			start = i + len("://")
		}
		raw = raw[:start] + "[REDACTED]" + raw[at:]
	}
	return strconv.Quote(raw)
}

func unwrapURLError(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}
