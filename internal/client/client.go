// Package client talks to the Flashback API: it sends the requests, retries
// what is worth retrying, bounds what it reads, and turns every failure into
// an *Error that says what to do next. It knows nothing of Terraform's types.
//
// A newcomer's map of the package, by job:
//
//	client.go     Config, New and the Client: everything checked once, here
//	transport.go  one request: method, path, JSON body, headers, bounded body
//	retry.go      the retry loop, which failures may be retried, the backoff
//	errors.go     the error kinds, and what each tells the user to do
//	auth.go       the sign-in: once, at first use, and again after a 401
//	redact.go     keeping the tokens and the password out of everything shown
//	decode.go     decoding any JSON answer, and what a bad body's error says
//	decode_users.go  the users list, streamed: the envelope, then user by user
//	user_json.go  one user's JSON, read without reflection into the store
//	json_scan.go  where a JSON string or value ends, what kind a value is
//	userstore.go  the compact store of a list's users, repeated values once
//	userlist.go   User, UserList (Users, Select) and Filter
//	usersort.go   the list's order
//	users.go      the users call and its one-call-per-run cache
//	users_known.go  what the run's writes told of users, on top of the cached list
//	users_refresh.go  reading one user for a refresh: by id, or through the list
//	flight.go     one call in flight for every caller that wants it
//	lookup.go     finding one user by id or email
//	users_write.go  creating, reading, updating, deleting and reactivating one user
//	users_create.go  a member's create: POST first; taken, reactivated or recovered after a lost answer
//	users_settle.go  an update, delete or reactivation whose answer was lost, settled by a read
//	identity.go   answers about one user checked against what was asked
//	owners.go     the last-OWNER rule, and changes that could break it made one at a time
//	profile.go    the caller's own profile: who the token belongs to, read once per run
//	workspaces.go the workspaces: roles, the list and its cache, one workspace, the answers' checks
//	workspace_writes.go  creating, renaming and deleting a workspace, and managing its members
//	runcache.go   a read made once per run and shared by every caller
//	workspace_guard.go  the last-ADMIN rule, and a member change as one step with a fresh read
//	keylock.go    the per-key locks those guarded changes (owners.go, workspace_guard.go) take
package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Config configures a Client. Zero durations and sizes take the defaults.
type Config struct {
	// BaseURL is the API root; it is checked with ParseBaseURL.
	BaseURL string
	// Token is the bearer access token. It never appears in errors or logs.
	Token string
	// Tokens, when set, gives the access token for each request in place of
	// Token.
	Tokens TokenSource
	// Email and Password, when neither Token nor Tokens is set, make the
	// client sign in (POST /user/login) at the first call that needs a
	// token, and sign in again, once per call, when the API answers 401 to
	// the token it got. The password never appears in errors or logs.
	Email, Password string
	// UserAgent is sent with every request.
	UserAgent string
	// RequestTimeout bounds each attempt, reading the body included.
	RequestTimeout time.Duration
	// MaxRetries is how many retries may follow the first attempt; 0 disables them.
	MaxRetries int
	// RetryWaitMin and RetryWaitMax bound the wait between attempts.
	RetryWaitMin, RetryWaitMax time.Duration
	// MaxBodyBytes caps a response body.
	MaxBodyBytes int64
	// MaxElapsed bounds one whole call, retries and waits included.
	MaxElapsed time.Duration
	// RootCAs, when set, is the whole set of certificate authorities the
	// client trusts, in place of the system's. ParseCACertificates builds
	// one that holds the system's and adds the ca_certificate setting's.
	RootCAs *x509.CertPool
	// Transport, when set, sends the requests instead of a clone of
	// http.DefaultTransport. Tests use it; RootCAs is then ignored.
	Transport http.RoundTripper
}

// TokenSource gives the access token to send with a request. A sign-in
// implements it; a fixed token is Config.Token. Every token it returns is
// treated as a secret: the client redacts it wherever it could show.
type TokenSource interface {
	Token(ctx context.Context) (string, error)
}

// staticToken is the TokenSource of Config.Token.
type staticToken string

func (s staticToken) Token(context.Context) (string, error) { return string(s), nil }

// ConfigError says which field of a Config cannot be used, and why. New
// returns it, so that a caller can point at the setting at fault.
type ConfigError struct {
	// Field is the Config field at fault: "BaseURL", "Token", "Email",
	// "Password" or "RetryWaitMax".
	Field string
	Err   error
}

func (e *ConfigError) Error() string { return e.Err.Error() }

// Unwrap returns the reason.
func (e *ConfigError) Unwrap() error { return e.Err }

// Client calls the Flashback API. It is safe for concurrent use.
type Client struct {
	base       string // the API root, without a trailing slash
	origin     string // scheme, host and port that redirects may stay on
	tokens     TokenSource
	signIn     *signIn // the sign-in that gives the tokens, if they come from one
	secrets    secrets
	userAgent  string
	timeout    time.Duration
	maxRetries int
	waitMin    time.Duration
	waitMax    time.Duration
	maxBody    int64
	maxElapsed time.Duration
	http       *http.Client

	users      usersCache
	workspaces runCache[[]Workspace]
	// createdWorkspaces holds the ids of the workspaces this client created,
	// which RecoverWorkspace never takes for another create's.
	createdWorkspaces sync.Map
	profile           runCache[*Profile]
	// down is the error of the first call that used up its retries on a
	// failure that may pass; every later call returns it at once.
	down atomic.Pointer[Error]
	// outage holds when a call may probe whether the API is back, after
	// probeWait (see do).
	outage    outage
	probeWait time.Duration
	// now is time.Now, or a test's clock.
	now   func() time.Time
	hooks hooks
}

// hooks let tests see the client reach a point, instead of sleeping and
// hoping it got there. Each is nil outside tests.
type hooks struct {
	backoff           func(time.Duration) // a retry wait starts
	memberLockWaiting func(string)        // a workspace member change starts waiting for another (ChangeWorkspaceMember)
}

// New checks cfg, once for the life of the client, and returns a Client.
// An unusable setting is a *ConfigError.
func New(cfg Config) (*Client, error) {
	base, err := ParseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, &ConfigError{Field: "BaseURL", Err: err}
	}
	c := &Client{
		base:       base.String(),
		origin:     origin(base),
		tokens:     cfg.Tokens,
		userAgent:  cfg.UserAgent,
		timeout:    orDefault(cfg.RequestTimeout, DefaultRequestTimeout),
		maxRetries: max(cfg.MaxRetries, 0),
		waitMin:    orDefault(cfg.RetryWaitMin, DefaultRetryWaitMin),
		waitMax:    orDefault(cfg.RetryWaitMax, DefaultRetryWaitMax),
		maxBody:    orDefault(cfg.MaxBodyBytes, DefaultMaxBodyBytes),
		maxElapsed: orDefault(cfg.MaxElapsed, DefaultMaxElapsed),
		now:        time.Now,
	}
	c.probeWait = max(c.waitMax, minProbeWait)
	if err := c.setTokens(cfg); err != nil {
		return nil, err
	}
	if c.waitMax < c.waitMin {
		return nil, &ConfigError{Field: "RetryWaitMax",
			Err: fmt.Errorf("retry_wait_max (%s) is shorter than retry_wait_min (%s)", FormatDuration(c.waitMax), FormatDuration(c.waitMin))}
	}
	transport := cfg.Transport
	if transport == nil {
		def, ok := http.DefaultTransport.(*http.Transport)
		if !ok {
			return nil, fmt.Errorf("http.DefaultTransport is a %T, not an *http.Transport", http.DefaultTransport)
		}
		t := def.Clone()
		if cfg.RootCAs != nil {
			// The default transport may have no TLS configuration yet.
			if t.TLSClientConfig == nil {
				t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
			}
			t.TLSClientConfig.RootCAs = cfg.RootCAs
		}
		transport = t
	}
	c.http = &http.Client{
		Transport:     &loggingTransport{next: transport, redact: c.secrets.redact},
		CheckRedirect: c.checkRedirect,
	}
	return c, nil
}

// setTokens sets where the access tokens come from: Tokens, Token, or a
// sign-in with Email and Password, which must come together and alone.
func (c *Client) setTokens(cfg Config) error {
	signIn := cfg.Email != "" || cfg.Password != ""
	switch {
	case cfg.Tokens != nil && !signIn:
		c.tokens = cfg.Tokens
	case cfg.Tokens != nil || cfg.Token != "" && signIn:
		return &ConfigError{Field: "Email", Err: errors.New("both an access token and an email and password to sign in with are set: give one of the two")}
	case cfg.Token != "":
		// The raw value too: an error about it must not show it either.
		c.secrets.add(cfg.Token)
		token, err := CleanToken(cfg.Token)
		if err != nil {
			return &ConfigError{Field: "Token", Err: err}
		}
		c.tokens = staticToken(token)
		c.secrets.add(token)
	case cfg.Email == "" && cfg.Password == "":
		return &ConfigError{Field: "Token", Err: errors.New("no access token")}
	case cfg.Password == "":
		return &ConfigError{Field: "Password", Err: errors.New("an email to sign in with is set, but no password")}
	case cfg.Email == "":
		c.secrets.add(cfg.Password)
		return &ConfigError{Field: "Email", Err: errors.New("a password to sign in with is set, but no email")}
	default:
		c.signIn = newSignIn(c, cfg.Email, cfg.Password)
		c.tokens = c.signIn
	}
	return nil
}

// url returns the absolute URL of an API path such as "/organization/users".
func (c *Client) url(path string) string { return c.base + path }

// maxRedirects is how many redirects on the API's host a request follows.
const maxRedirects = 10

// redirectError stops a redirect that would take the token elsewhere, or
// that loops (loop set).
type redirectError struct {
	location string
	loop     bool
}

func (e *redirectError) Error() string {
	if e.loop {
		return "stopped after " + strconv.Itoa(maxRedirects) + " redirects: " + e.location
	}
	return "redirect to another host refused: " + e.location
}

// checkRedirect follows a redirect only to the same scheme, host and port,
// so that the Authorization header never reaches another host, and never
// follows one of the sign-in, whose body holds the password.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	u := *req.URL
	u.RawQuery, u.Fragment, u.User = "", "", nil
	if origin(req.URL) != c.origin || req.Context().Value(signInKey{}) != nil {
		return &redirectError{location: u.String()}
	}
	if len(via) >= maxRedirects {
		return &redirectError{location: u.String(), loop: true}
	}
	return nil
}

func origin(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[strings.ToLower(u.Scheme)]
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Hostname()) + ":" + port
}

func orDefault[T int64 | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}
