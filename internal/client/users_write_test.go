package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// testPassword is distinctive so that any trace of it is easy to find.
const testPassword = "pw-Zq81-DO-NOT-SHOW-x7"

// sampleOrg serves the fake API's sample organization; the client's
// caller is its first OWNER.
func sampleOrg(t *testing.T) (*fakeapi.Server, *Client) {
	t.Helper()
	fake := fakeapi.New(testToken, fakeapi.SampleUsers())
	base, _ := serve(t, fake)
	return fake, newTestClient(t, base)
}

func newMember(local string) NewUser {
	return NewUser{Email: email(local, "example.com"), Password: testPassword, FirstName: "Barbara",
		LastName: "Liskov", OrgRole: RoleBilling, SendInvite: false}
}

// sentBody returns the JSON body of the only call to method and path.
func sentBody(t *testing.T, fake *fakeapi.Server, method, path string) map[string]any {
	t.Helper()
	calls := fake.CallsTo(method, path)
	if len(calls) != 1 {
		t.Fatalf("%d calls to %s %s, want 1", len(calls), method, path)
	}
	var body map[string]any
	if err := json.Unmarshal(calls[0].Body, &body); err != nil {
		t.Fatalf("body of %s %s is not JSON: %v: %s", method, path, err, calls[0].Body)
	}
	return body
}

func TestCreateUserSendsTheDocumentedBody(t *testing.T) {
	fake, c := sampleOrg(t)
	u, err := c.CreateUser(context.Background(), newMember("barbara"))
	if err != nil {
		t.Fatal(err)
	}
	if u.ID == nil || deref(u.Email) != email("barbara", "example.com") || *u.OrgRole != RoleBilling || *u.Validated {
		t.Errorf("created user = %+v", u)
	}
	want := map[string]any{"email": email("barbara", "example.com"), "password": testPassword, "firstName": "Barbara",
		"lastName": "Liskov", "orgRole": float64(RoleBilling), "sendInvite": false}
	if got := sentBody(t, fake, http.MethodPost, UsersPath); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("body = %v, want %v", got, want)
	}
	if pw, _ := fake.Password(email("barbara", "example.com")); pw != testPassword {
		t.Errorf("the fake holds the password %q", pw)
	}
	if len(fake.Invitations()) != 0 {
		t.Errorf("invitations = %v, want none with sendInvite false", fake.Invitations())
	}
}

func TestCreateUserErrors(t *testing.T) {
	tests := []struct {
		name    string
		reply   fakeapi.Reply
		kind    ErrorKind
		message string
		detail  string
	}{
		{"email taken", fakeapi.Reply{Status: http.StatusConflict, Body: `{"success":false,"message":"A user with this email already exists"}`},
			KindHTTPStatus, "A user with this email already exists", "POST "},
		{"role above the caller's", fakeapi.Reply{Status: http.StatusForbidden, Body: `{"success":false,"message":"Insufficient permissions"}`},
			KindForbidden, "Insufficient permissions", "at or above the roles of the user managed and of the role granted"},
		{"no data", fakeapi.Reply{Status: http.StatusCreated, Body: `{"success":true,"message":"User created"}`},
			KindMalformed, "", `it has no "data" object with the user`},
		{"no id", fakeapi.Reply{Status: http.StatusCreated, Body: `{"success":true,"data":{"email":"x"}}`},
			KindMalformed, "", `its "data" has no user "id"`},
		{"success false", fakeapi.Reply{Status: http.StatusCreated, Body: `{"success":false,"message":"Organization is suspended"}`},
			KindUnsuccessful, "Organization is suspended", "Organization is suspended"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, _ := scripted(t, tt.reply)
			u, err := newTestClient(t, base).CreateUser(context.Background(), newMember("barbara"))
			if u != nil {
				t.Errorf("got a user with the error: %+v", u)
			}
			e := wantError(t, err, tt.kind)
			if tt.kind != KindMalformed && e.APIMessage != tt.message {
				t.Errorf("APIMessage = %q, want %q", e.APIMessage, tt.message)
			}
			wantContains(t, "detail", e.Detail, tt.detail)
		})
	}
}

// TestCreateUserNeverShowsThePassword: an API that echoes the password
// back, in an error or a header, shows it neither in the error nor in the
// log; a NewUser printed does not show it either.
func TestCreateUserNeverShowsThePassword(t *testing.T) {
	for _, status := range []int{http.StatusBadRequest, http.StatusServiceUnavailable} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			base, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				var body NewUser
				_ = json.NewDecoder(r.Body).Decode(&body)
				w.Header().Set("X-Echo", body.Password)
				w.WriteHeader(status)
				_, _ = fmt.Fprintf(w, `{"success":false,"message":"Password %s is too weak"}`, body.Password)
			}))
			var buf bytes.Buffer
			ctx := tflogtest.RootLogger(context.Background(), &buf)
			_, err := newTestClient(t, base, retries(1)).CreateUser(ctx, newMember("barbara"))
			e := wantError(t, err, map[int]ErrorKind{400: KindHTTPStatus, 503: KindServer}[status])
			for what, s := range map[string]string{"error": err.Error(), "API message": e.APIMessage, "log": buf.String()} {
				if strings.Contains(s, testPassword) {
					t.Errorf("%s shows the password: %s", what, s)
				}
			}
			wantContains(t, "API message", e.APIMessage, "Password [REDACTED] is too weak")
			if !strings.Contains(buf.String(), "[REDACTED]") {
				t.Errorf("the log shows no redaction; was the echo logged at all?\n%s", buf.String())
			}
		})
	}
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		if s := fmt.Sprintf(format, newMember("barbara")); strings.Contains(s, testPassword) {
			t.Errorf("%s of a NewUser shows the password: %s", format, s)
		}
	}
}

// TestThePasswordIsForgottenAfterTheCall: the password is a secret only
// while its call lasts, and a token stays one.
func TestThePasswordIsForgottenAfterTheCall(t *testing.T) {
	_, c := sampleOrg(t)
	if _, err := c.CreateUser(context.Background(), newMember("barbara")); err != nil {
		t.Fatal(err)
	}
	m := newMember("edith")
	m.Password = testToken
	if _, err := c.CreateUser(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	if got := c.secrets.all(); len(got) != 1 || got[0] != testToken {
		t.Errorf("secrets after the calls = %q, want the token alone", got)
	}
}

func TestGetUserReadsTheBareObject(t *testing.T) {
	fake, c := sampleOrg(t)
	u, err := c.GetUser(context.Background(), fakeapi.SampleDeletedID)
	if err != nil {
		t.Fatal(err)
	}
	if deref(u.ID) != fakeapi.SampleDeletedID || !u.Deleted() || *u.OrgRole != RoleAdministrator {
		t.Errorf("user = %+v, want the deleted ADMINISTRATOR", u)
	}
	if n := len(fake.CallsTo(http.MethodGet, UsersPath+"/"+fakeapi.SampleDeletedID)); n != 1 {
		t.Errorf("%d calls to the user's path, want 1", n)
	}
}

func TestGetUserAcceptsAWrappedObject(t *testing.T) {
	base, _ := scripted(t, okBody(`{"success":true,"data":{"id":"u1","email":"a@b","orgRole":2}}`), okBody(`{"email":"a@b"}`))
	c := newTestClient(t, base)
	u, err := c.GetUser(context.Background(), "u1")
	if err != nil || deref(u.ID) != "u1" || *u.OrgRole != RoleWorkspaces {
		t.Fatalf("user = %+v, %v", u, err)
	}
	// A bare object without its id is the user asked for.
	if u, err = c.GetUser(context.Background(), "u/2"); err != nil || deref(u.ID) != "u/2" {
		t.Fatalf("user = %+v, %v", u, err)
	}
}

func TestGetUserErrors(t *testing.T) {
	_, c := sampleOrg(t)
	_, err := c.GetUser(context.Background(), "no-such-user")
	e := wantError(t, err, KindNotFound)
	if !IsNotFound(err) || e.APIMessage != "User not found" {
		t.Errorf("IsNotFound = %v, APIMessage = %q", IsNotFound(err), e.APIMessage)
	}
	if IsNotFound(fmt.Errorf("wrapped: %w", &Error{Kind: KindForbidden})) {
		t.Error("a 403 counts as not found")
	}

	fake := fakeapi.New(testToken, fakeapi.SampleUsers())
	if err := fake.SetCaller(fakeapi.SampleUserID); err != nil {
		t.Fatal(err)
	}
	base, _ := serve(t, fake)
	_, err = newTestClient(t, base).GetUser(context.Background(), fakeapi.SampleOwnerID)
	_ = wantError(t, err, KindForbidden)
	wantContains(t, "error", err.Error(), "Not allowed to read an organization user", "Insufficient permissions to view users",
		"needs the WORKSPACES role or higher")
}

func TestUpdateUserSendsOnlyWhatChanged(t *testing.T) {
	tests := []struct {
		name   string
		change UserChange
		body   string
	}{
		{"role to USER", UserChange{OrgRole: ptr(RoleUser)}, `{"orgRole":0}`},
		{"first name", UserChange{Name: ptr("Edsger W.")}, `{"name":"Edsger W."}`},
		{"all", UserChange{Name: ptr("E"), LastName: ptr("D"), OrgRole: ptr(RoleAdministrator)}, `{"name":"E","lastName":"D","orgRole":254}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake, c := sampleOrg(t)
			if err := fake.SetRole(fakeapi.SampleUserID, RoleBilling); err != nil {
				t.Fatal(err)
			}
			u, err := c.UpdateUser(context.Background(), fakeapi.SampleUserID, tt.change)
			if err != nil {
				t.Fatal(err)
			}
			calls := fake.CallsTo(http.MethodPut, UsersPath+"/"+fakeapi.SampleUserID)
			if len(calls) != 1 || string(bytes.TrimSpace(calls[0].Body)) != tt.body {
				t.Fatalf("calls = %d, body %s; want one with %s", len(calls), calls[0].Body, tt.body)
			}
			stored, _ := fake.User(fakeapi.SampleUserID)
			if deref(u.Name) != deref(stored.Name) || *u.OrgRole != *stored.OrgRole || deref(u.LastName) != deref(stored.LastName) {
				t.Errorf("returned %+v, the fake holds %+v", u, stored)
			}
		})
	}
}

func TestUpdateUserErrorsAndAnswerWithoutData(t *testing.T) {
	base, rec := scripted(t,
		fakeapi.Reply{Status: http.StatusBadRequest, Body: `{"success":false,"data":{},"message":"Invalid role combination"}`},
		okBody(`{"success":true,"message":"User updated successfully"}`),
		okBody(`{"id":"u1","orgRole":1}`))
	c := newTestClient(t, base)
	_, err := c.UpdateUser(context.Background(), "u1", UserChange{OrgRole: ptr[int64](7)})
	if e := wantError(t, err, KindHTTPStatus); e.APIMessage != "Invalid role combination" {
		t.Errorf("APIMessage = %q", e.APIMessage)
	}
	// Without the user in data, the update reads it.
	u, err := c.UpdateUser(context.Background(), "u1", UserChange{OrgRole: ptr(RoleBilling)})
	if err != nil || deref(u.ID) != "u1" || *u.OrgRole != RoleBilling {
		t.Fatalf("user = %+v, %v", u, err)
	}
	if hits := rec.all(); len(hits) != 3 || hits[2].method != http.MethodGet || hits[2].path != UsersPath+"/u1" {
		t.Errorf("requests = %+v, want the PUT followed by a GET of the user", hits)
	}
}

func TestDeleteUserIsSoft(t *testing.T) {
	fake, c := sampleOrg(t)
	if err := c.DeleteUser(context.Background(), fakeapi.SampleUserID); err != nil {
		t.Fatal(err)
	}
	u, ok := fake.User(fakeapi.SampleUserID)
	if !ok || u.DeletedAt == nil {
		t.Errorf("after delete the fake has %+v (found %v), want the user kept with deletedAt", u, ok)
	}
	for id, message := range map[string]string{
		fakeapi.SampleOwnerID: "Cannot delete yourself",
		fakeapi.SampleUserID:  "User is already deleted",
	} {
		err := c.DeleteUser(context.Background(), id)
		if e := wantError(t, err, KindHTTPStatus); e.APIMessage != message || e.StatusCode != http.StatusBadRequest {
			t.Errorf("delete %s: %d %q, want 400 %q", id, e.StatusCode, e.APIMessage, message)
		}
	}
	if err := c.DeleteUser(context.Background(), "gone"); !IsNotFound(err) {
		t.Errorf("delete of an unknown id: %v, want not found", err)
	}
}

func TestActivateUser(t *testing.T) {
	fake, c := sampleOrg(t)
	if err := c.ActivateUser(context.Background(), fakeapi.SampleDeletedID); err != nil {
		t.Fatal(err)
	}
	if u, _ := fake.User(fakeapi.SampleDeletedID); u.DeletedAt != nil {
		t.Errorf("still deleted: %+v", u)
	}
	err := c.ActivateUser(context.Background(), fakeapi.SampleDeletedID)
	if e := wantError(t, err, KindHTTPStatus); e.APIMessage != "User is not deleted" {
		t.Errorf("APIMessage = %q", e.APIMessage)
	}
	if n := len(fake.CallsTo(http.MethodPost, UsersPath+"/"+fakeapi.SampleDeletedID+"/activate")); n != 2 {
		t.Errorf("%d calls to activate, want 2", n)
	}
}

// TestEveryWriteIsLogged: each write that succeeds is logged at INFO with
// the user's id and the call, and no log line holds the password.
func TestEveryWriteIsLogged(t *testing.T) {
	_, c := sampleOrg(t)
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	u, err := c.CreateUser(ctx, newMember("barbara"))
	if err != nil {
		t.Fatal(err)
	}
	id := *u.ID
	steps := []error{
		func() error { _, err := c.UpdateUser(ctx, id, UserChange{OrgRole: ptr(RoleWorkspaces)}); return err }(),
		c.DeleteUser(ctx, id),
		c.ActivateUser(ctx, id),
	}
	for _, err := range steps {
		if err != nil {
			t.Fatal(err)
		}
	}
	if strings.Contains(buf.String(), testPassword) {
		t.Fatalf("the log shows the password:\n%s", buf.String())
	}
	entries, err := tflogtest.MultilineJSONDecode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		if e["@level"] == "info" {
			got = append(got, fmt.Sprintf("%s|%v|%v", e["@message"], e["user_id"], e["call"]))
		}
	}
	want := []string{
		"Created Flashback organization user|" + id + "|POST " + UsersPath,
		"Changed Flashback organization user|" + id + "|PUT " + UsersPath + "/" + id,
		"Changed Flashback organization user|" + id + "|DELETE " + UsersPath + "/" + id,
		"Changed Flashback organization user|" + id + "|POST " + UsersPath + "/" + id + "/activate",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("INFO lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestGetProfile(t *testing.T) {
	fake, c := sampleOrg(t)
	if err := fake.SetCaller(fakeapi.SampleWorkspacesID); err != nil {
		t.Fatal(err)
	}
	p, err := c.GetProfile(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if deref(p.ID) != fakeapi.SampleWorkspacesID || *p.OrgRole != RoleWorkspaces || deref(p.OrgID) != fakeapi.SampleOrgID ||
		p.MFARequired == nil || *p.MFARequired {
		t.Errorf("profile = %+v", p)
	}

	base, _ := scripted(t, okBody(`{"success":true}`), fakeapi.Reply{Status: http.StatusNotFound, Body: `{"success":false,"message":"User not found"}`})
	c = newTestClient(t, base)
	_, err = c.GetProfile(context.Background())
	wantContains(t, "detail", wantError(t, err, KindMalformed).Detail, `it has no "data" object with the profile`)
	_, err = c.GetProfile(context.Background())
	if e := wantError(t, err, KindNotFound); e.APIMessage != "User not found" {
		t.Errorf("APIMessage = %q", e.APIMessage)
	}
}
