package client

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"unicode"
)

// LoginPath is the API path of the sign-in, after the base URL.
const LoginPath = "/user/login"

// Login error codes, as POST /user/login sends them in error_code with a 401.
const (
	LoginUserNotFound    = "USER_NOT_FOUND"
	LoginInvalidPassword = "INVALID_PASSWORD"
	LoginUserInactive    = "USER_INACTIVE"
	LoginNoPasswordSet   = "NO_PASSWORD_SET"
)

// signIn is the TokenSource of Config.Email and Config.Password. It signs
// in at the first call that needs a token, once for all the calls that
// need one at the same time (flight), and again when the API rejects the
// token it got (see reject). A refused sign-in is kept: the calls after it
// get the same error, and the API does not see the same wrong password
// again.
type signIn struct {
	c               *Client
	email, password string

	mu     sync.Mutex
	token  string // the access token of the last sign-in, until rejected
	err    error  // the error of the last sign-in, kept for good
	flight flight[string]
}

// newSignIn returns the sign-in of c, and registers the password, and the
// Basic authorization that could carry it, as secrets.
func newSignIn(c *Client, email, password string) *signIn {
	c.secrets.add(password)
	c.secrets.add(base64.StdEncoding.EncodeToString([]byte(email + ":" + password)))
	return &signIn{c: c, email: email, password: password}
}

// kept returns the token or the error of the last sign-in, if any.
func (s *signIn) kept() (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.token, s.token != "" || s.err != nil, s.err
}

// Token returns the access token of the sign-in, signing in when there is
// none yet. A caller's cancellation ends its own wait only: when the caller
// signing in is canceled, a waiting caller signs in itself.
func (s *signIn) Token(ctx context.Context) (string, error) {
	if token, ok, err := s.kept(); ok {
		return token, err
	}
	return s.flight.run(ctx, func(ctx context.Context, _ func() bool) (string, error) {
		// A sign-in may have ended between the check above and this call.
		if token, ok, err := s.kept(); ok {
			return token, err
		}
		token, err := s.login(ctx)
		if !canceled(err) {
			s.mu.Lock()
			s.token, s.err = token, err
			s.mu.Unlock()
		}
		return token, err
	}, func(err error) error {
		return (&failure{kind: KindCanceled, cause: err}).toError(s.c, s.request(), 0, false)
	})
}

// reject tells the sign-in that the API answered 401 to token. When it is
// the token of the last sign-in, the next Token signs in again; when a
// sign-in since gave another token, there is nothing to do.
func (s *signIn) reject(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.token == token {
		s.token = ""
	}
}

// fail keeps e, the error of a call whose new sign-in's token was refused
// too, as the sign-in's: the calls after it get e at once. A sign-in made
// since, with another token, is left alone.
func (s *signIn) fail(token string, e *Error) *Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.token == token {
		s.token, s.err = "", e
	}
	return e
}

func canceled(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == KindCanceled
}

// request is the sign-in call: without an Authorization header, and never
// redirected, so that the password goes to base_url and nowhere else.
func (s *signIn) request() *Request {
	return &Request{
		Method: http.MethodPost,
		Path:   LoginPath,
		Body:   map[string]string{"email": s.email, "password": s.password},
		Action: "sign in",
		signIn: true,
	}
}

// loginAnswer is the part of POST /user/login's answer the client reads.
type loginAnswer struct {
	AccessToken  string `json:"accessToken"`
	RefreshToken string `json:"refreshToken"`
	MFARequired  bool   `json:"mfaRequired"`
}

// login makes one sign-in and returns its access token, or an *Error that
// says why the sign-in failed and what to do.
func (s *signIn) login(ctx context.Context) (string, error) {
	var answer loginAnswer
	req := s.request()
	err := s.c.do(ctx, req, func(status int, body *boundedReader) *failure {
		return s.c.readLogin(status, body, &answer)
	})
	var e *Error
	switch {
	case errors.As(err, &e) && e.StatusCode == http.StatusUnauthorized:
		return "", s.refused(req, e)
	case err != nil:
		return "", err
	case answer.MFARequired:
		// mfaRequired wins over a token in the same answer: such a token
		// is the first step's, for the second factor, and the API refuses
		// it for anything else.
		return "", &Error{Kind: KindSignIn, StatusCode: http.StatusOK,
			Summary: "Flashback sign-in needs a second factor",
			Detail: fmt.Sprintf("%s answered that %s must also give a second factor (MFA): the organization enforces multi-factor "+
				"authentication, which a sign-in with an email and a password alone cannot complete. Use an access token instead: "+
				"remove email and password (and %s, %s) and set access_token or %s. Access tokens last one hour; "+
				"the authentication guide shows how a pipeline gets one.",
				s.c.requestLine(req), s.email, EnvEmail, EnvPassword, EnvAccessToken)}
	case answer.AccessToken != "":
		return answer.AccessToken, nil
	default:
		return "", (&failure{kind: KindMalformed, status: http.StatusOK, hideBody: true,
			message: "the answer holds no accessToken"}).toError(s.c, req, 1, false)
	}
}

// readLogin reads the answer of a sign-in. It never quotes the body, which
// holds the tokens, and registers the tokens as secrets before anything
// else can show them.
func (c *Client) readLogin(status int, body *boundedReader, out *loginAnswer) *failure {
	data, err := io.ReadAll(body)
	if err != nil {
		if errors.Is(err, errBodyTooLarge) {
			return &failure{kind: KindTooLarge, status: status, cause: err}
		}
		return &failure{kind: KindMalformed, status: status, message: describeJSONError(err), hideBody: true, cause: err}
	}
	var answer struct {
		loginAnswer
		Success *bool `json:"success"`
		apiMessageFields
	}
	if err := json.Unmarshal(data, &answer); err != nil {
		return &failure{kind: KindMalformed, status: status, message: describeJSONError(err), hideBody: true, cause: err}
	}
	c.secrets.add(answer.AccessToken)
	c.secrets.add(answer.RefreshToken)
	if answer.Success != nil && !*answer.Success {
		return &failure{kind: KindUnsuccessful, status: status, message: c.envelopeMessage(answer.apiMessageFields), hideBody: true}
	}
	*out = answer.loginAnswer
	return nil
}

// refused explains a sign-in that the API refused with a 401, by its
// error_code, and says what to do next.
func (s *signIn) refused(req *Request, e *Error) *Error {
	call := fmt.Sprintf("%s returned %s", s.c.requestLine(req), statusText(e.StatusCode))
	out := &Error{Kind: KindSignIn, StatusCode: e.StatusCode, APIMessage: e.APIMessage, APICode: e.APICode, cause: e}
	email := fmt.Sprintf("%q", s.email)
	switch e.APICode {
	case LoginUserNotFound:
		out.Summary = "Flashback sign-in failed: no such user"
		out.Detail = fmt.Sprintf("%s (%s): no Flashback user has the email %s. Check email or %s, and that base_url "+
			"is the API where this user exists.", call, e.APICode, email, EnvEmail)
	case LoginInvalidPassword:
		out.Summary = "Flashback sign-in failed: wrong password"
		out.Detail = fmt.Sprintf("%s (%s): the password for %s is wrong. Check password or %s; if the password was "+
			"changed, update the secret the pipeline reads it from.%s", call, e.APICode, email, EnvPassword, s.spaceHint())
	case LoginUserInactive:
		out.Summary = "Flashback sign-in failed: user inactive"
		out.Detail = fmt.Sprintf("%s (%s): the user %s is deactivated. Ask an OWNER or ADMINISTRATOR of the organization "+
			"to reactivate it, or sign in as another user.", call, e.APICode, email)
	case LoginNoPasswordSet:
		out.Summary = "Flashback sign-in failed: no password set"
		out.Detail = fmt.Sprintf("%s (%s): the user %s has no password, so it cannot sign in with one (it may sign in "+
			"another way, or not have accepted its invitation yet). Set a password for this user in Flashback, or use an "+
			"access token instead: access_token or %s.", call, e.APICode, email, EnvAccessToken)
	default:
		said := apiSaid(e.APIMessage)
		out.Summary = "Flashback sign-in failed"
		out.Detail = fmt.Sprintf("%s: the API refused to sign in %s.%s Check email and password (or %s and %s).",
			call, email, said, EnvEmail, EnvPassword)
	}
	out.Detail = s.c.secrets.redact(out.Detail)
	return out
}

// spaceHint warns, without showing the password, when it starts or ends
// with white space, as a password read from a file often does.
func (s *signIn) spaceHint() string {
	if strings.TrimFunc(s.password, unicode.IsSpace) == s.password {
		return ""
	}
	return " The password starts or ends with white space, such as the line break at the end of a file: " +
		"if it was read with file(), use trimspace(file(...))."
}
