package fakeapi

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const ownerToken = "owner-token"

// org is a sample organization served over HTTP, with a token per role.
type org struct {
	t      *testing.T
	fake   *Server
	url    string
	tokens map[string]string // by role name
}

func newOrg(t *testing.T) *org {
	t.Helper()
	fake := New(ownerToken, SampleUsers())
	o := &org{t: t, fake: fake, url: serve(t, fake), tokens: map[string]string{"OWNER": ownerToken}}
	for role, id := range map[string]string{"ADMINISTRATOR": SampleAdminID, "WORKSPACES": SampleWorkspacesID, "BILLING": SampleBillingID, "USER": SampleUserID} {
		token, err := fake.IssueToken(id)
		if err != nil {
			t.Fatal(err)
		}
		o.tokens[role] = token
	}
	return o
}

// answer is a decoded reply.
type answer struct {
	status int
	body   map[string]any
	raw    string
}

// call sends a request as the caller holding token ("" sends none).
func (o *org) call(token, method, path, body string) answer {
	o.t.Helper()
	req, err := http.NewRequest(method, o.url+path, strings.NewReader(body))
	if err != nil {
		o.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		o.t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		o.t.Fatal(err)
	}
	a := answer{status: resp.StatusCode, raw: string(raw)}
	if err := json.Unmarshal(raw, &a.body); err != nil {
		o.t.Fatalf("%s %s: the answer is not a JSON object: %v: %s", method, path, err, raw)
	}
	return a
}

// as calls with the token of a role.
func (o *org) as(role, method, path, body string) answer {
	o.t.Helper()
	token, ok := o.tokens[role]
	if !ok {
		o.t.Fatalf("no token for role %q", role)
	}
	return o.call(token, method, path, body)
}

// expect checks an answer's status and, when message is not empty, its message.
func (a answer) expect(t *testing.T, status int, message string) {
	t.Helper()
	if a.status != status {
		t.Errorf("status = %d, want %d: %s", a.status, status, a.raw)
	}
	if message != "" && a.body["message"] != message {
		t.Errorf("message = %v, want %q", a.body["message"], message)
	}
	if status >= 400 && a.body["success"] != false {
		t.Errorf("success = %v on an error, want false", a.body["success"])
	}
}

// data is the answer's data object.
func (a answer) data(t *testing.T) map[string]any {
	t.Helper()
	d, ok := a.body["data"].(map[string]any)
	if !ok {
		t.Fatalf("data is %T, want an object: %s", a.body["data"], a.raw)
	}
	return d
}

// stored returns the organization's user with that id, failing when it is gone.
func (o *org) stored(id string) User {
	o.t.Helper()
	u, ok := o.fake.User(id)
	if !ok {
		o.t.Fatalf("user %s is gone from the organization", id)
	}
	return u
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// serve runs fake on loopback until the test ends and returns its URL.
func serve(t *testing.T, fake *Server) string {
	t.Helper()
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	return srv.URL
}
