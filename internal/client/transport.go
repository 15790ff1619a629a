package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Request is one call to the Flashback API.
type Request struct {
	// Method is the HTTP method; empty means GET. It decides which failures
	// may be retried (see mayRetry).
	Method string
	// Path is the API path after the base URL, such as "/organization/users".
	// The caller escapes what it puts in it (url.PathEscape).
	Path string
	// Body, when not nil, is sent as JSON.
	Body any
	// Action names the call in errors, after "Not allowed to": "list the
	// organization's users". Empty: "make this Flashback API call".
	Action string
	// Permission says, in the error of a 403, what the call needs, such as
	// "Listing organization users needs the WORKSPACES role or higher".
	Permission string
	// signIn marks the sign-in call: it carries no Authorization header, and
	// is never redirected (see checkRedirect).
	signIn bool
}

// signInKey marks the context of a sign-in's request, for checkRedirect.
type signInKey struct{}

func (r *Request) method() string {
	if r.Method == "" {
		return http.MethodGet
	}
	return r.Method
}

// Do sends req, retrying as its method allows, and decodes the JSON of a
// 2xx answer into out (a pointer, as for json.Unmarshal), or ignores the
// answer's body when out is nil. A 2xx answer with "success": false is an
// error of KindUnsuccessful. Every failure is an *Error.
func (c *Client) Do(ctx context.Context, req Request, out any) error {
	return c.do(ctx, &req, func(status int, body *boundedReader) *failure {
		return c.decodeJSON(status, body, out)
	})
}

// readFunc reads the body of a 2xx answer. A failure it returns is
// classified like any other: retried when it may be, or returned.
type readFunc func(status int, body *boundedReader) *failure

// attempt sends one request, with token unless it is the sign-in, and reads
// its answer with read.
func (c *Client) attempt(ctx context.Context, req *Request, payload []byte, token string, read readFunc) *failure {
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	if req.signIn {
		actx = context.WithValue(actx, signInKey{}, true)
	}
	var body io.Reader
	if payload != nil {
		body = bytes.NewReader(payload)
	}
	hreq, err := http.NewRequestWithContext(actx, req.method(), c.url(req.Path), body)
	if err != nil {
		return &failure{kind: KindConnection, message: c.secrets.redact(err.Error()), cause: err}
	}
	if !req.signIn {
		hreq.Header.Set("Authorization", "Bearer "+token)
	}
	hreq.Header.Set("Accept", "application/json")
	hreq.Header.Set("User-Agent", c.userAgent)
	if payload != nil {
		hreq.Header.Set("Content-Type", "application/json")
	}

	resp, err := c.http.Do(hreq)
	if err != nil {
		return c.transportFailure(ctx, actx, err)
	}
	defer func() {
		// Drain a little so the connection can be reused, but never a huge body.
		_, _ = io.CopyN(io.Discard, resp.Body, 64<<10)
		_ = resp.Body.Close()
	}()

	switch code := resp.StatusCode; {
	case code >= 200 && code < 300:
		if resp.ContentLength > c.maxBody {
			return &failure{kind: KindTooLarge, status: code, size: resp.ContentLength, announced: true}
		}
		f := read(code, &boundedReader{r: resp.Body, remaining: c.maxBody})
		if f != nil && f.kind != KindTooLarge && f.kind != KindUnsuccessful {
			if tf := c.contextFailure(ctx, actx, f.cause); tf != nil {
				return tf
			}
		}
		return f
	case code == http.StatusUnauthorized:
		return c.statusFailure(resp, KindUnauthorized)
	case code == http.StatusForbidden:
		return c.statusFailure(resp, KindForbidden)
	case code == http.StatusNotFound:
		return c.statusFailure(resp, KindNotFound)
	default:
		if kind, _, retried := retriedStatus(code); retried {
			return c.statusFailure(resp, kind)
		}
		return c.statusFailure(resp, KindHTTPStatus)
	}
}

// token returns the access token for req, from the TokenSource (which may
// sign in), registered as a secret; the sign-in itself needs none.
func (c *Client) token(ctx context.Context, req *Request) (string, *failure) {
	if req.signIn {
		return "", nil
	}
	raw, err := c.tokens.Token(ctx)
	if err != nil {
		return "", &failure{kind: KindUnauthorized, message: c.secrets.redact(err.Error()), cause: err, fromTokens: true}
	}
	c.secrets.add(raw)
	token, err := CleanToken(raw)
	if err != nil {
		return "", &failure{kind: KindInvalidRequest, message: err.Error(), cause: err}
	}
	c.secrets.add(token)
	return token, nil
}

// encodeBody returns the JSON of a request body, or nil for none.
func encodeBody(v any) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	return json.Marshal(v)
}

// transportFailure classifies an error from http.Client.Do.
func (c *Client) transportFailure(ctx, actx context.Context, err error) *failure {
	var re *redirectError
	if errors.As(err, &re) {
		kind := KindRedirect
		if re.loop {
			kind = KindRedirectLoop
		}
		return &failure{kind: kind, location: re.location, cause: err}
	}
	if f := c.contextFailure(ctx, actx, err); f != nil {
		return f
	}
	if _, ok := tlsAdvice(err); ok {
		return &failure{kind: KindTLS, message: c.secrets.redact(describeNetError(err)), cause: err}
	}
	// net/http gives these no type of their own: its messages are the
	// only way to tell them from a network failure, which they are not.
	switch msg := describeNetError(err); {
	case strings.Contains(msg, "malformed HTTP"), strings.Contains(msg, "malformed MIME header"):
		return &failure{kind: KindNotHTTP, message: c.excerpt([]byte(msg)), cause: err}
	case strings.Contains(msg, "invalid header field"):
		return &failure{kind: KindInvalidRequest, message: c.excerpt([]byte(msg)), cause: err}
	}
	return &failure{kind: KindConnection, message: describeNetError(err), transient: true, unsent: notSent(err), cause: err}
}

// notSent reports whether a transport error surely came before the server
// saw the request: the connection could not even be made.
func notSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// contextFailure returns a failure when the caller canceled or the attempt
// timed out, and nil otherwise.
func (c *Client) contextFailure(ctx, actx context.Context, err error) *failure {
	if ctx.Err() != nil {
		return &failure{kind: KindCanceled, cause: ctx.Err()}
	}
	var ne net.Error
	if errors.Is(actx.Err(), context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return &failure{kind: KindTimeout, transient: true, cause: err}
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
func (c *Client) statusFailure(resp *http.Response, kind ErrorKind) *failure {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	_, writeSafe, transient := retriedStatus(resp.StatusCode)
	f := &failure{
		kind:      kind,
		status:    resp.StatusCode,
		message:   c.apiMessage(body),
		code:      c.apiCode(body),
		transient: transient,
		unsent:    writeSafe,
	}
	f.retryAfter, f.retryAfterSet = parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	return f
}

// requestLine names a call in an error: "GET https://…/organization/users".
func (c *Client) requestLine(req *Request) string {
	return fmt.Sprintf("%s %s", req.method(), c.url(req.Path))
}

var errBodyTooLarge = errors.New("response body exceeds the size limit")

// boundedReader reads at most remaining bytes, fails with errBodyTooLarge
// when the body goes on past them, and keeps the first bytes for excerpts.
type boundedReader struct {
	r         io.Reader
	remaining int64
	prefix    []byte
	tooLarge  bool
	read      int64 // bytes read so far
	// readErr is the first error of r other than its end: a connection
	// that broke before the body's end, as opposed to a body that ended.
	readErr error
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
	b.read += int64(n)
	if err != nil && !errors.Is(err, io.EOF) && b.readErr == nil {
		b.readErr = err
	}
	if keep := 2*maxExcerpt - len(b.prefix); keep > 0 {
		b.prefix = append(b.prefix, p[:min(n, keep)]...)
	}
	return n, err
}
