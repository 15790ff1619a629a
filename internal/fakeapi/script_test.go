package fakeapi

import (
	"io"
	"net/http"
	"testing"
)

func TestScriptedRepliesMatchMethodAndPath(t *testing.T) {
	o := newOrg(t)
	o.fake.Script(Reply{Method: http.MethodPost, Path: "/user/login", Status: http.StatusInternalServerError, Body: `{"success":false,"message":"boom"}`})
	// Other calls pass the scripted reply by.
	o.as("OWNER", http.MethodGet, "/organization/users", "").expect(t, http.StatusOK, "")
	o.call("", http.MethodPost, "/user/login", `{}`).expect(t, http.StatusInternalServerError, "boom")
	o.call("", http.MethodPost, "/user/login", `{}`).expect(t, http.StatusBadRequest, "")
	if o.fake.Logins() != 1 {
		t.Errorf("Logins() = %d, want the one the organization answered", o.fake.Logins())
	}

	o.fake.Always(Reply{Method: http.MethodGet, Status: http.StatusServiceUnavailable, Body: `{"success":false,"message":"down"}`})
	o.as("OWNER", http.MethodGet, "/user/profile", "").expect(t, http.StatusServiceUnavailable, "down")
	o.as("OWNER", http.MethodDelete, "/organization/users/"+SampleUserID, "").expect(t, http.StatusOK, "")

	// Unscoped replies, in order, for any request.
	o.fake.Script(Reply{Status: http.StatusTeapot, Body: `{"n":1}`}, Reply{Status: http.StatusTeapot, Body: `{"n":2}`})
	if a := o.as("OWNER", http.MethodDelete, "/x", ""); a.status != http.StatusTeapot || a.body["n"] != 1.0 {
		t.Errorf("first scripted = %s", a.raw)
	}
	if a := o.as("OWNER", http.MethodPost, "/y", ""); a.body["n"] != 2.0 {
		t.Errorf("second scripted = %s", a.raw)
	}
}

// TestScriptedReplyAfterActing: a reply with Act replaces the answer of a
// write that the organization made; one with Hangup gives no answer at all.
func TestScriptedReplyAfterActing(t *testing.T) {
	o := newOrg(t)
	const body = `{"email":"lost@example.com","password":"pa55word-long","firstName":"L","lastName":"A"}`
	o.fake.Script(Reply{Method: http.MethodPost, Path: "/organization/users", Act: true, Status: http.StatusServiceUnavailable,
		Body: `{"success":false,"message":"proxy: upstream timed out"}`})
	o.as("OWNER", http.MethodPost, "/organization/users", body).expect(t, http.StatusServiceUnavailable, "proxy: upstream timed out")
	if _, ok := o.fake.UserByEmail("lost@example.com"); !ok {
		t.Fatal("the organization did not act on the request whose answer was replaced")
	}
	// Scripted without Act, the organization does not act.
	o.fake.Script(Reply{Method: http.MethodDelete, Status: http.StatusServiceUnavailable, Body: `{"success":false}`})
	o.as("OWNER", http.MethodDelete, "/organization/users/"+SampleUserID, "").expect(t, http.StatusServiceUnavailable, "")
	if u := o.stored(SampleUserID); u.DeletedAt != nil {
		t.Errorf("a reply without Act deleted the user: %+v", u)
	}

	o.fake.Script(Reply{Method: http.MethodDelete, Act: true, Hangup: true})
	req, err := http.NewRequest(http.MethodDelete, o.url+"/organization/users/"+SampleUserID, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+ownerToken)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		_ = resp.Body.Close()
		t.Fatalf("a Hangup reply answered %s", resp.Status)
	}
	if u := o.stored(SampleUserID); u.DeletedAt == nil {
		t.Errorf("the organization did not act before hanging up: %+v", u)
	}
}

func TestCallsRecordBodies(t *testing.T) {
	o := newOrg(t)
	const body = `{"email":"new@example.com","password":"pa55word-secret","firstName":"N","lastName":"M"}`
	o.as("OWNER", http.MethodPost, "/organization/users", body)
	o.as("OWNER", http.MethodGet, "/organization/users", "")
	calls := o.fake.CallsTo(http.MethodPost, "/organization/users")
	if len(calls) != 1 || string(calls[0].Body) != body || calls[0].Header.Get("Authorization") != "Bearer "+ownerToken {
		t.Fatalf("calls = %+v", calls)
	}
	if n := len(o.fake.Calls()); n != 2 || o.fake.RequestCount() != 2 {
		t.Errorf("Calls() has %d, RequestCount() %d, want 2", n, o.fake.RequestCount())
	}
	// Requests can be read again, each time.
	for range 2 {
		got, err := io.ReadAll(o.fake.Requests()[0].Body)
		if err != nil || string(got) != body {
			t.Errorf("request body = %q, %v", got, err)
		}
	}
}

func TestRoutes(t *testing.T) {
	o := newOrg(t)
	o.fake.PathPrefix = "/api/v1"
	o.as("OWNER", http.MethodGet, "/api/v1/organization/users", "").expect(t, http.StatusOK, "")
	o.as("OWNER", http.MethodGet, "/organization/users", "").expect(t, http.StatusNotFound, "Not found")
	o.as("OWNER", http.MethodPatch, "/api/v1/organization/users/"+SampleUserID, "").expect(t, http.StatusMethodNotAllowed, "Method not allowed")
	o.call("", http.MethodGet, "/api/v1/user/login", "").expect(t, http.StatusMethodNotAllowed, "")
	o.as("OWNER", http.MethodGet, "/api/v1/organization/users/"+SampleUserID+"/activate", "").expect(t, http.StatusMethodNotAllowed, "")
	o.as("OWNER", http.MethodGet, "/api/v1/organization/users/", "").expect(t, http.StatusNotFound, "")
	if calls := o.fake.CallsTo(http.MethodGet, "/organization/users"); len(calls) != 1 {
		t.Errorf("CallsTo with a prefix found %d calls, want 1", len(calls))
	}
}

// TestScriptedSparseAnswer: a reply with Omit lets the organization act,
// and leaves the keys out of the user it answers with.
func TestScriptedSparseAnswer(t *testing.T) {
	o := newOrg(t)
	o.fake.Script(Reply{Method: http.MethodPut, Omit: []string{"name", "orgRole"}},
		Reply{Method: http.MethodGet, Path: "/organization/users/" + SampleUserID, Omit: []string{"lastName"}})
	a := o.as("OWNER", http.MethodPut, "/organization/users/"+SampleUserID, `{"name":"Ed","orgRole":1}`)
	a.expect(t, http.StatusOK, "User updated successfully")
	data := a.data(t)
	if _, has := data["name"]; has || data["id"] != SampleUserID || data["email"] == nil {
		t.Errorf("sparse update answer = %s", a.raw)
	}
	if _, has := data["orgRole"]; has {
		t.Errorf("orgRole not left out: %s", a.raw)
	}
	if u := o.stored(SampleUserID); deref(u.Name) != "Ed" || *u.OrgRole != RoleBilling {
		t.Errorf("the organization did not act: %+v", u)
	}
	a = o.as("OWNER", http.MethodGet, "/organization/users/"+SampleUserID, "")
	if _, has := a.body["lastName"]; has || a.body["name"] != "Ed" {
		t.Errorf("sparse bare user = %s", a.raw)
	}
}
