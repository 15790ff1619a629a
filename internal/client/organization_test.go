package client

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// sameJSON fails unless got and want encode to the same JSON object: the
// client's struct and the fake's are defined apart, each from the API's
// documentation.
func sameJSON(t *testing.T, got, want any) {
	t.Helper()
	var g, w map[string]any
	for _, p := range []struct {
		v   any
		out *map[string]any
	}{{got, &g}, {want, &w}} {
		b, err := json.Marshal(p.v)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, p.out); err != nil {
			t.Fatal(err)
		}
	}
	gb, _ := json.Marshal(g) // map keys are sorted
	wb, _ := json.Marshal(w)
	if string(gb) != string(wb) {
		t.Errorf("got  %s\nwant %s", gb, wb)
	}
}

func TestGetOrganization(t *testing.T) {
	fake, c := sampleOrg(t)
	fake.SetOrganization(fakeapi.FullOrganization(fakeapi.SampleOrgID))
	org, err := c.GetOrganization(context.Background(), fakeapi.SampleOrgID)
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, org, fake.Organization())

	// Null and missing fields stay nil; the answer's id may be left out.
	base, _ := scripted(t, okBody(`{"success": true, "data": {"name": "Only a name", "is_business": null}}`))
	org, err = newTestClient(t, base).GetOrganization(context.Background(), "org-7")
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, org, Organization{ID: ptr("org-7"), Name: ptr("Only a name")})
}

func TestGetOrganization_escapesTheID(t *testing.T) {
	fake, c := sampleOrg(t)
	_, err := c.GetOrganization(context.Background(), "a/b c?d")
	_ = wantError(t, err, KindNotFound)
	calls := fake.Requests()
	if len(calls) != 1 || calls[0].URL.EscapedPath() != "/organization/a%2Fb%20c%3Fd" {
		t.Errorf("requests %v; want one to /organization/a%%2Fb%%20c%%3Fd", calls)
	}
}

func TestGetOrganization_anotherOrganization(t *testing.T) {
	_, c := sampleOrg(t)
	_, err := c.GetOrganization(context.Background(), fakeapi.OtherOrgID)
	e := wantError(t, err, KindForbidden)
	if e.StatusCode != http.StatusForbidden || e.APIMessage != "Access denied: you can only view your own organization" {
		t.Errorf("status %d, API message %q", e.StatusCode, e.APIMessage)
	}
	wantContains(t, "summary", e.Summary, "Not allowed to read another organization")
	wantContains(t, "detail", e.Detail, "GET ", "/organization/"+fakeapi.OtherOrgID, "HTTP 403 Forbidden",
		"an access token may read only the organization its user belongs to", "\u201c"+fakeapi.OtherOrgID+"\u201d is not that one",
		"The API said: \u201cAccess denied: you can only view your own organization\u201d.",
		"No role changes this. Leave id out to read the token's own organization, or use an access token of a member")
}

func TestGetOrganization_notFound(t *testing.T) {
	_, c := sampleOrg(t)
	_, err := c.GetOrganization(context.Background(), "no-such-org")
	e := wantError(t, err, KindNotFound)
	wantContains(t, "summary", e.Summary, "Flashback organization not found")
	wantContains(t, "detail", e.Detail, "HTTP 404 Not Found: no organization has the id \u201cno-such-org\u201d.",
		"Check the id, or leave it out", "check that base_url points at the Flashback API root")
	if !IsNotFound(err) {
		t.Error("IsNotFound is false")
	}
}

func TestGetOrganization_otherErrors(t *testing.T) {
	base, _ := scripted(t,
		okBody(`{"success": true}`),
		fakeapi.Reply{Status: http.StatusUnauthorized, Body: `{"success": false, "message": "Invalid token"}`},
	)
	c := newTestClient(t, base)
	_, err := c.GetOrganization(context.Background(), fakeapi.SampleOrgID)
	wantContains(t, "detail", wantError(t, err, KindMalformed).Detail, `it has no "data" object with the organization`)
	// Errors that say nothing about the id keep the transport's words.
	_, err = c.GetOrganization(context.Background(), fakeapi.SampleOrgID)
	wantContains(t, "summary", wantError(t, err, KindUnauthorized).Summary, "Flashback rejected the access token")
}

func TestGetOwnOrganization(t *testing.T) {
	fake, c := sampleOrg(t)
	fake.SetOrganization(fakeapi.FullOrganization(fakeapi.SampleOrgID))
	org, err := c.GetOwnOrganization(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, org, fake.Organization())
	var paths []string
	for _, call := range fake.Calls() {
		paths = append(paths, call.Method+" "+call.Path)
	}
	if want := []string{"GET " + ProfilePath, "GET /organization/" + fakeapi.SampleOrgID}; !slices.Equal(paths, want) {
		t.Errorf("calls %q, want %q", paths, want)
	}
}

func TestGetOwnOrganization_noOrganization(t *testing.T) {
	base, rec := scripted(t, okBody(`{"success": true, "data": {"id": "u-1", "orgId": null}}`))
	_, err := newTestClient(t, base).GetOwnOrganization(context.Background())
	e := wantError(t, err, KindNotFound)
	wantContains(t, "summary", e.Summary, "The token's user belongs to no organization")
	wantContains(t, "detail", e.Detail, ProfilePath, "(id \u201cu-1\u201d) is in no organization", "Use an access token of a member")
	if n := rec.count(); n != 1 {
		t.Errorf("%d requests; want only the profile's", n)
	}

	// The profile's own errors come as they are.
	base, _ = scripted(t, fakeapi.Reply{Status: http.StatusUnauthorized, Body: `{"success": false}`})
	_, err = newTestClient(t, base).GetOwnOrganization(context.Background())
	_ = wantError(t, err, KindUnauthorized)
}

// TestProfileReadOncePerRun: the caller's profile is read once for the
// client's life, however many reads need it; a failed read is not kept.
func TestProfileReadOncePerRun(t *testing.T) {
	fake, c := sampleOrg(t)
	for range 3 {
		if _, err := c.GetOwnOrganization(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if p, err := c.GetProfile(context.Background()); err != nil || p.ID == nil {
		t.Fatalf("GetProfile = %v, %v", p, err)
	}
	if n := len(fake.CallsTo(http.MethodGet, ProfilePath)); n != 1 {
		t.Errorf("%d profile reads, want 1", n)
	}

	fake, c = sampleOrg(t)
	fake.Script(fakeapi.Reply{Method: http.MethodGet, Path: ProfilePath, Status: http.StatusForbidden, Body: `{"success": false}`})
	if _, err := c.GetProfile(context.Background()); err == nil {
		t.Fatal("the scripted failure was not returned")
	}
	if _, err := c.GetProfile(context.Background()); err != nil {
		t.Fatalf("a failed read was kept: %v", err)
	}
	if n := len(fake.CallsTo(http.MethodGet, ProfilePath)); n != 2 {
		t.Errorf("%d profile reads, want 2: the failure, then the read again", n)
	}
}
