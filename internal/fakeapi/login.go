package fakeapi

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"time"
)

var errTrailing = errors.New("data after the JSON value")

// Login error codes, as POST /user/login sends them in error_code.
const (
	CodeUserNotFound    = "USER_NOT_FOUND"
	CodeInvalidPassword = "INVALID_PASSWORD"
	CodeUserInactive    = "USER_INACTIVE"
	CodeNoPasswordSet   = "NO_PASSWORD_SET"
)

// TokenLifetime is how long a signed-in token lasts, as expiresAt says
// (the fake only stops honouring tokens through ExpireTokens).
const TokenLifetime = time.Hour

type loginRequest struct {
	Email    *string `json:"email"`
	Password *string `json:"password"`
}

func (s *Server) login(body []byte) response {
	s.logins++
	var req loginRequest
	if err := strictJSON(body, &req); err != nil || req.Email == nil || req.Password == nil {
		return fail(http.StatusBadRequest, "Email and password are required")
	}
	refuse := func(code, message string) response {
		return response{http.StatusUnauthorized, map[string]any{"success": false, "error_code": code, "message": message}, nil}
	}
	u := s.findEmail(*req.Email)
	if u == nil {
		return refuse(CodeUserNotFound, "User not found")
	}
	password, ok := s.passwords[u.id()]
	switch {
	case !ok:
		return refuse(CodeNoPasswordSet, "No password set for this user")
	case password != *req.Password:
		return refuse(CodeInvalidPassword, "Invalid password")
	case u.deleted():
		return refuse(CodeUserInactive, "User is inactive")
	}
	if s.org.MFAEnforced != nil && *s.org.MFAEnforced {
		return response{http.StatusOK, map[string]any{
			"success": true, "mfaRequired": true, "userId": u.id(),
			"message": "MFA verification required: complete the sign-in with POST /mfa/verify-login",
		}, nil}
	}
	access := newToken()
	s.tokens[access] = u.id()
	return response{http.StatusOK, map[string]any{
		"success": true, "accessToken": access, "refreshToken": newToken(), "tokenId": newID(),
		"expiresAt": time.Now().Add(TokenLifetime).Unix(),
		"user":      map[string]any{"id": u.ID, "email": u.Email, "name": u.Name, "orgId": u.OrgID},
	}, nil}
}

func (s *Server) profile(caller User, _ []string, _ []byte) response {
	mfa := s.org.MFAEnforced != nil && *s.org.MFAEnforced
	return response{http.StatusOK, map[string]any{"success": true, "data": map[string]any{
		"id": caller.ID, "name": caller.Name, "lastName": caller.LastName, "email": caller.Email,
		"orgId": caller.OrgID, "orgRole": caller.OrgRole, "orgRoleDescription": caller.OrgRoleDescription,
		"orgRoles": caller.OrgRoles, "validated": caller.Validated, "mfaRequired": mfa,
	}}, nil}
}

// SetPassword gives the user with that email a password to sign in with.
func (s *Server) SetPassword(email, password string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.findEmail(email)
	if u == nil {
		return fmt.Errorf("fakeapi: no user has the email %q", email)
	}
	s.passwords[u.id()] = password
	return nil
}

// Password returns the password the fake holds for the user with that
// email: one set by SetPassword or sent when the user was created.
func (s *Server) Password(email string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.findEmail(email)
	if u == nil {
		return "", false
	}
	p, ok := s.passwords[u.id()]
	return p, ok
}

// IssueToken returns a fresh token that belongs to the user with that id,
// as a sign-in would, for a test that needs a caller of a given role.
func (s *Server) IssueToken(userID string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.find(userID) == nil {
		return "", fmt.Errorf("fakeapi: no user has the id %q", userID)
	}
	token := newToken()
	s.tokens[token] = userID
	return token, nil
}

// SetCaller makes the static Token belong to the user with that id.
func (s *Server) SetCaller(userID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.find(userID) == nil {
		return fmt.Errorf("fakeapi: no user has the id %q", userID)
	}
	s.callerID = userID
	return nil
}

// ExpireTokens makes every token from a sign-in or IssueToken expire:
// requests that carry one get 401 from then on. The static Token stays.
func (s *Server) ExpireTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.tokens)
}

// Logins returns how many POST /user/login requests the fake answered
// (scripted replies not included).
func (s *Server) Logins() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logins
}

// newToken is a random token, base64url as a JWT's parts are.
func newToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return base64.RawURLEncoding.EncodeToString(b)
}

// newID is a random UUID (version 4).
func newID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
