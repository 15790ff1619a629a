// Package client talks to the Flashback API: it sends the requests, retries
// what is worth retrying, bounds what it reads, and turns every failure into
// an *Error that says what to do next. It knows nothing of Terraform's types.
package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// UsersPath is the API call this client makes, relative to the base URL.
const UsersPath = "/organization/users"

// Config configures a Client. Zero durations and sizes take the defaults.
type Config struct {
	// BaseURL is the API root; it is checked with ParseBaseURL.
	BaseURL string
	// Token is the bearer access token. It never appears in errors or logs.
	Token string
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

// Client calls the Flashback API. It is safe for concurrent use.
type Client struct {
	endpoint   string
	origin     string
	token      string
	userAgent  string
	timeout    time.Duration
	maxRetries int
	waitMin    time.Duration
	waitMax    time.Duration
	maxBody    int64
	maxElapsed time.Duration
	http       *http.Client

	mu       sync.Mutex
	users    *UserList  // the result of the one successful call, once made
	inflight *usersCall // the call being made, if any
}

// New checks cfg and returns a Client.
func New(cfg Config) (*Client, error) {
	base, err := ParseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("invalid base URL: %w", err)
	}
	if cfg.Token == "" {
		return nil, errors.New("no access token")
	}
	c := &Client{
		endpoint:   base.String() + UsersPath,
		origin:     origin(base),
		token:      cfg.Token,
		userAgent:  cfg.UserAgent,
		timeout:    orDefault(cfg.RequestTimeout, DefaultRequestTimeout),
		maxRetries: max(cfg.MaxRetries, 0),
		waitMin:    orDefault(cfg.RetryWaitMin, DefaultRetryWaitMin),
		waitMax:    orDefault(cfg.RetryWaitMax, DefaultRetryWaitMax),
		maxBody:    orDefault(cfg.MaxBodyBytes, DefaultMaxBodyBytes),
		maxElapsed: orDefault(cfg.MaxElapsed, DefaultMaxElapsed),
	}
	if c.waitMax < c.waitMin {
		return nil, fmt.Errorf("retry_wait_max (%s) is shorter than retry_wait_min (%s)", c.waitMax, c.waitMin)
	}
	transport := cfg.Transport
	if transport == nil {
		base, ok := http.DefaultTransport.(*http.Transport)
		if !ok {
			return nil, fmt.Errorf("http.DefaultTransport is a %T, not an *http.Transport", http.DefaultTransport)
		}
		t := base.Clone()
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
		Transport:     &loggingTransport{next: transport, redact: c.redact},
		CheckRedirect: c.checkRedirect,
	}
	return c, nil
}

// Endpoint returns the URL the client reads the users from.
func (c *Client) Endpoint() string { return c.endpoint }

// ListOrganizationUsers returns every user of the caller's organization,
// deleted ones included, sorted with SortUsers.
//
// A Client makes the call once: concurrent callers wait for the call in
// flight, and later callers get its result. A failed call is not kept, so
// the next caller tries again. The returned list is shared: callers must not
// change it (Filter.Apply returns a new slice).
func (c *Client) ListOrganizationUsers(ctx context.Context) (*UserList, error) {
	for {
		c.mu.Lock()
		if c.users != nil {
			list := c.users
			c.mu.Unlock()
			return list, nil
		}
		call := c.inflight
		leader := call == nil
		if leader {
			call = &usersCall{done: make(chan struct{})}
			c.inflight = call
		}
		c.mu.Unlock()

		if leader {
			call.list, call.err = c.fetchUsers(ctx)
			c.mu.Lock()
			if call.err == nil {
				c.users = call.list
			}
			c.inflight = nil
			c.mu.Unlock()
			close(call.done)
			return call.list, call.err
		}

		select {
		case <-call.done:
		case <-ctx.Done():
			return nil, (&failure{kind: KindCanceled, cause: ctx.Err()}).toError(c, 0, false)
		}
		var apiErr *Error
		if errors.As(call.err, &apiErr) && apiErr.Kind == KindCanceled && ctx.Err() == nil {
			// The caller that made the call was canceled, this one was not: try again.
			continue
		}
		return call.list, call.err
	}
}

// usersCall is a call to the API in flight, which other callers wait for.
type usersCall struct {
	done chan struct{}
	list *UserList
	err  error
}

// fetchUsers calls the API, retrying as configured.
func (c *Client) fetchUsers(ctx context.Context) (*UserList, error) {
	ctx = tflog.MaskAllFieldValuesStrings(ctx, c.token)
	ctx = tflog.MaskMessageStrings(ctx, c.token)
	start := time.Now()
	for attempt := 1; ; attempt++ {
		list, f := c.attempt(ctx)
		if f == nil {
			SortUsers(list.Users)
			return list, nil
		}
		if !f.retryable || attempt > c.maxRetries {
			return nil, f.toError(c, attempt, false)
		}
		wait := c.backoff(attempt, f.retryAfter)
		if time.Since(start)+wait > c.maxElapsed {
			return nil, f.toError(c, attempt, true)
		}
		tflog.Warn(ctx, "Flashback API request failed, retrying", map[string]any{
			"attempt": attempt, "status": f.status, "error": f.message, "wait": wait.String(),
		})
		if err := sleep(ctx, wait); err != nil {
			return nil, (&failure{kind: KindCanceled, cause: err}).toError(c, attempt, false)
		}
	}
}

// attempt sends one request and reads its answer.
func (c *Client) attempt(ctx context.Context) (*UserList, *failure) {
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodGet, c.endpoint, nil)
	if err != nil {
		return nil, &failure{kind: KindConnection, message: err.Error(), cause: err}
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)

	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.transportFailure(ctx, actx, err)
	}
	defer func() {
		// Drain a little so the connection can be reused, but never a huge body.
		_, _ = io.CopyN(io.Discard, resp.Body, 64<<10)
		_ = resp.Body.Close()
	}()

	switch code := resp.StatusCode; {
	case code >= 200 && code < 300:
		list, f := c.decodeUsers(resp)
		if f != nil && f.kind != KindTooLarge && f.kind != KindUnsuccessful {
			if tf := c.contextFailure(ctx, actx, f.cause); tf != nil {
				return nil, tf
			}
		}
		return list, f
	case code == http.StatusTooManyRequests:
		return nil, c.statusFailure(resp, KindRateLimited, true)
	case code == http.StatusInternalServerError, code == http.StatusBadGateway,
		code == http.StatusServiceUnavailable, code == http.StatusGatewayTimeout:
		return nil, c.statusFailure(resp, KindServer, true)
	case code == http.StatusUnauthorized:
		return nil, c.statusFailure(resp, KindUnauthorized, false)
	case code == http.StatusForbidden:
		return nil, c.statusFailure(resp, KindForbidden, false)
	default:
		return nil, c.statusFailure(resp, KindHTTPStatus, false)
	}
}

// transportFailure classifies an error from http.Client.Do.
func (c *Client) transportFailure(ctx, actx context.Context, err error) *failure {
	var re *redirectError
	if errors.As(err, &re) {
		return &failure{kind: KindRedirect, location: re.location, cause: err}
	}
	if f := c.contextFailure(ctx, actx, err); f != nil {
		return f
	}
	if _, ok := tlsAdvice(err); ok {
		return &failure{kind: KindTLS, message: c.redact(describeNetError(err)), cause: err}
	}
	return &failure{kind: KindConnection, message: describeNetError(err), retryable: true, cause: err}
}

// contextFailure returns a failure when the caller canceled or the attempt
// timed out, and nil otherwise.
func (c *Client) contextFailure(ctx, actx context.Context, err error) *failure {
	if ctx.Err() != nil {
		return &failure{kind: KindCanceled, cause: ctx.Err()}
	}
	var ne net.Error
	if errors.Is(actx.Err(), context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return &failure{kind: KindTimeout, retryable: true, cause: err}
	}
	return nil
}

// describeNetError shortens a transport error: url.Error repeats the method
// and URL, which the message already names.
func describeNetError(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return err.Error()
}

// statusFailure reads the start of an error body for the API's message.
func (c *Client) statusFailure(resp *http.Response, kind ErrorKind, retryable bool) *failure {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	return &failure{
		kind:       kind,
		status:     resp.StatusCode,
		message:    c.redact(c.apiMessage(body)),
		retryable:  retryable,
		retryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()),
	}
}

// apiEnvelope is the shape of every Flashback API answer.
type apiEnvelope struct {
	Success *bool  `json:"success"`
	Total   *int64 `json:"total"`
	apiMessageFields
}

// apiMessageFields are where an answer says what went wrong.
type apiMessageFields struct {
	Message   json.RawMessage `json:"message"`
	Error     json.RawMessage `json:"error"`
	ErrorCode json.RawMessage `json:"error_code"`
}

// apiMessage returns the message, error or error_code of an error body, sanitized.
func (c *Client) apiMessage(body []byte) string {
	var m apiMessageFields
	if json.Unmarshal(body, &m) != nil {
		return ""
	}
	return c.envelopeMessage(m)
}

func (c *Client) envelopeMessage(m apiMessageFields) string {
	var parts []string
	for _, raw := range []json.RawMessage{m.Message, m.Error, m.ErrorCode} {
		if len(raw) == 0 || string(raw) == "null" {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) != nil {
			s = string(raw)
		}
		if s = c.excerpt([]byte(s)); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " / ")
}

// decodeUsers streams a 2xx body into a UserList, within the size limit.
func (c *Client) decodeUsers(resp *http.Response) (*UserList, *failure) {
	if resp.ContentLength > c.maxBody {
		return nil, &failure{kind: KindTooLarge, status: resp.StatusCode}
	}
	return c.decodeBody(resp.StatusCode, resp.Body)
}

// decodeBody decodes a users body as it streams in. It walks the envelope
// token by token and decodes the users one at a time, so that it never holds
// the body, or more than one user's JSON, in memory: only its first bytes are
// kept, for error excerpts.
func (c *Client) decodeBody(status int, r io.Reader) (*UserList, *failure) {
	body := &boundedReader{r: r, remaining: c.maxBody}
	fail := func(err error) *failure {
		if errors.Is(err, errBodyTooLarge) {
			return &failure{kind: KindTooLarge, status: status, cause: err}
		}
		return &failure{kind: KindMalformed, status: status, message: describeJSONError(err), excerpt: c.bodyExcerpt(body), cause: err}
	}
	dec := json.NewDecoder(body)
	tok, err := dec.Token()
	if err != nil {
		return nil, fail(err)
	}
	if tok != json.Delim('{') {
		return nil, fail(&shapeError{field: "the top level", got: tok, want: "an object"})
	}

	var env apiEnvelope
	var users []User
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fail(midBody(err))
		}
		key, _ := tok.(string) // object keys are always strings
		switch {
		case strings.EqualFold(key, "data"):
			users, err = decodeUserArray(dec, users)
		case strings.EqualFold(key, "success"):
			err = decodeField(dec, key, &env.Success)
		case strings.EqualFold(key, "total"):
			err = decodeField(dec, key, &env.Total)
		case strings.EqualFold(key, "message"):
			err = decodeField(dec, key, &env.Message)
		case strings.EqualFold(key, "error"):
			err = decodeField(dec, key, &env.Error)
		case strings.EqualFold(key, "error_code"):
			err = decodeField(dec, key, &env.ErrorCode)
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return nil, fail(midBody(err))
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, fail(midBody(err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if errors.Is(err, errBodyTooLarge) {
			return nil, fail(err)
		}
		return nil, &failure{kind: KindMalformed, status: status, message: "more data follows the JSON object", excerpt: c.bodyExcerpt(body), cause: err}
	}

	if env.Success != nil && !*env.Success {
		return nil, &failure{kind: KindUnsuccessful, status: status,
			message: c.redact(c.envelopeMessage(env.apiMessageFields)),
			excerpt: c.bodyExcerpt(body)}
	}
	if users == nil {
		return nil, &failure{kind: KindMalformed, status: status, message: "it has no \"data\" array", excerpt: c.bodyExcerpt(body)}
	}
	list := &UserList{Users: users, Total: int64(len(users))}
	if env.Total != nil {
		list.Total = *env.Total
	}
	return list, nil
}

// decodeUserArray decodes the data array one user at a time. It returns
// nil for a JSON null, and an empty, non-nil slice for []. Like
// encoding/json, a repeated "data" key decodes over the users before it.
func decodeUserArray(dec *json.Decoder, users []User) ([]User, error) {
	tok, err := dec.Token()
	if err != nil || tok == nil {
		return nil, err
	}
	if tok != json.Delim('[') {
		return nil, &shapeError{field: "data", got: tok, want: "an array"}
	}
	users = users[:0]
	if users == nil {
		users = []User{}
	}
	for i := 0; dec.More(); i++ {
		if i < cap(users) {
			users = users[:i+1]
		} else {
			users = append(users, User{})
		}
		if err := dec.Decode(&users[i]); err != nil {
			var ute *json.UnmarshalTypeError
			if errors.As(err, &ute) && ute.Field == "" {
				return nil, &json.UnmarshalTypeError{Value: ute.Value, Type: ute.Type, Offset: ute.Offset, Field: fmt.Sprintf("data[%d]", i)}
			}
			return nil, err
		}
	}
	_, err = dec.Token() // the closing bracket
	return users, err
}

// decodeField decodes one envelope field, naming it in a type error.
func decodeField(dec *json.Decoder, key string, v any) error {
	err := dec.Decode(v)
	var ute *json.UnmarshalTypeError
	if errors.As(err, &ute) {
		return &json.UnmarshalTypeError{Value: ute.Value, Type: ute.Type, Offset: ute.Offset, Field: key}
	}
	return err
}

// midBody turns an end of input inside the JSON into "cut short".
func midBody(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// shapeError says that a JSON value is not of the documented kind.
type shapeError struct {
	field string
	got   json.Token
	want  string
}

func (e *shapeError) Error() string {
	kind := "null"
	switch t := e.got.(type) {
	case json.Delim:
		kind = map[json.Delim]string{'{': "object", '[': "array"}[t]
	case string:
		kind = "string"
	case float64, json.Number:
		kind = "number"
	case bool:
		kind = "boolean"
	}
	return fmt.Sprintf("%s is a JSON %s, where the API documents %s", e.field, kind, e.want)
}

// describeJSONError words a decoding error for a person.
func describeJSONError(err error) string {
	var ute *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF):
		return "the body is empty"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "the body ends early, cut short in the middle of the JSON"
	case errors.As(err, &ute):
		field := ute.Field
		if field == "" {
			field = "the top level"
		}
		return fmt.Sprintf("%s is a JSON %s, where the API documents %s", field, ute.Value, describeGoType(ute.Type.String()))
	case errors.As(err, &se):
		return fmt.Sprintf("it is not valid JSON (%s, at byte %d)", se.Error(), se.Offset)
	default:
		return describeNetError(err)
	}
}

func describeGoType(t string) string {
	switch {
	case strings.Contains(t, "[]"):
		return "an array"
	case strings.Contains(t, "int"):
		return "a whole number"
	case strings.Contains(t, "bool"):
		return "a boolean"
	case strings.Contains(t, "string"):
		return "a string"
	default:
		return "an object"
	}
}

var errBodyTooLarge = errors.New("response body exceeds the size limit")

// boundedReader reads at most remaining bytes, fails with errBodyTooLarge
// when the body goes on past them, and keeps the first bytes for excerpts.
type boundedReader struct {
	r         io.Reader
	remaining int64
	prefix    []byte
	tooLarge  bool
}

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.tooLarge {
		return 0, errBodyTooLarge
	}
	if b.remaining <= 0 {
		var probe [1]byte
		n, err := b.r.Read(probe[:])
		if n > 0 {
			// Sticky: a decoder may read again after an error it did not keep.
			b.tooLarge = true
			return 0, errBodyTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > b.remaining {
		p = p[:b.remaining]
	}
	n, err := b.r.Read(p)
	b.remaining -= int64(n)
	if keep := 2*maxExcerpt - len(b.prefix); keep > 0 {
		b.prefix = append(b.prefix, p[:min(n, keep)]...)
	}
	return n, err
}

// backoff returns the wait before the next attempt: the server's
// Retry-After when it sent one, else exponential with jitter, always
// within [waitMin, waitMax].
func (c *Client) backoff(attempt int, retryAfter time.Duration) time.Duration {
	if retryAfter >= 0 {
		return min(max(retryAfter, c.waitMin), c.waitMax)
	}
	d := c.waitMax
	// Compare before shifting: waitMin << shift can overflow and wrap
	// around to a short wait.
	if shift := attempt - 1; shift < 32 && c.waitMin <= c.waitMax>>shift {
		d = c.waitMin << shift
	}
	// Equal jitter: half fixed, half random, so that parallel runs spread out.
	d = d/2 + rand.N(d/2+1)
	return min(max(d, c.waitMin), c.waitMax)
}

// parseRetryAfter reads a Retry-After header in seconds or as an HTTP date.
// It returns a negative duration when the header is absent or unreadable.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return -1
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return -1
		}
		return time.Duration(min(secs, int64(24*time.Hour/time.Second))) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return -1
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// redirectError stops a redirect that would take the token elsewhere.
type redirectError struct{ location string }

func (e *redirectError) Error() string { return "redirect to another host refused: " + e.location }

// checkRedirect follows a redirect only to the same scheme, host and port,
// so that the Authorization header never reaches another host.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if origin(req.URL) != c.origin {
		u := *req.URL
		u.RawQuery, u.Fragment, u.User = "", "", nil
		return &redirectError{location: u.String()}
	}
	if len(via) >= 10 {
		return errors.New("stopped after 10 redirects")
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

// redact removes the token from text that came from the wire, in case a
// proxy or server echoed the request back.
func (c *Client) redact(s string) string {
	if c.token == "" {
		return s
	}
	return strings.ReplaceAll(s, c.token, "[REDACTED]")
}

// excerpt sanitizes text from the wire for an error message. It redacts
// before sanitize cuts the text short, so that a token straddling the cut
// cannot show in part, and after, as before.
func (c *Client) excerpt(b []byte) string {
	return c.redact(sanitize([]byte(c.redact(string(b)))))
}

// bodyExcerpt is excerpt for the start of a body that boundedReader kept.
// When it kept all it could, the body may go on, and a token cut at the end
// of what it kept is dropped, as redact cannot recognize a part of it.
func (c *Client) bodyExcerpt(b *boundedReader) string {
	text := c.redact(string(b.prefix))
	if len(b.prefix) >= 2*maxExcerpt {
		for k := min(len(c.token)-1, len(text)); k > 0; k-- {
			if strings.HasSuffix(text, c.token[:k]) {
				text = text[:len(text)-k]
				break
			}
		}
	}
	return c.excerpt([]byte(text))
}

func orDefault[T int64 | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}
