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
