package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// lost503 is a proxy's 503 after the API acted on the create.
var lost503 = fakeapi.Reply{Method: http.MethodPost, Path: UsersPath, Act: true, Status: http.StatusServiceUnavailable,
	Body: `{"success":false,"message":"upstream connect error"}`}

// lostHangup closes the connection after the API acted on the create.
var lostHangup = fakeapi.Reply{Method: http.MethodPost, Path: UsersPath, Act: true, Hangup: true}

// createCalls counts the creates and the list reads that reached the fake.
func createCalls(fake *fakeapi.Server) (posts, lists int) {
	return len(fake.CallsTo(http.MethodPost, UsersPath)), len(fake.CallsTo(http.MethodGet, UsersPath))
}

// TestWriteOutcomeUnknown: a write whose answer was lost, or a refusal
// after a retry that followed a lost answer, is marked; a refusal, a
// connection never made and a read are not.
func TestWriteOutcomeUnknown(t *testing.T) {
	tests := []struct {
		name    string
		replies []fakeapi.Reply
		retries int
		kind    ErrorKind
		unknown bool
	}{
		{"connection closed after acting", []fakeapi.Reply{lostHangup}, 0, KindConnection, true},
		{"503 after acting, retried into 409", []fakeapi.Reply{lost503}, 2, KindHTTPStatus, true},
		{"500", []fakeapi.Reply{{Status: http.StatusInternalServerError, Body: `{}`}}, 0, KindServer, true},
		{"2xx without the user", []fakeapi.Reply{{Status: http.StatusCreated, Body: `{"success":true}`}}, 0, KindMalformed, true},
		{"409 at once", []fakeapi.Reply{{Status: http.StatusConflict, Body: `{"success":false}`}}, 2, KindHTTPStatus, false},
		{"429 then 409", []fakeapi.Reply{{Status: http.StatusTooManyRequests, Body: `{}`}, {Status: http.StatusConflict, Body: `{}`}}, 2, KindHTTPStatus, false},
		{"400", []fakeapi.Reply{{Status: http.StatusBadRequest, Body: `{"success":false}`}}, 0, KindHTTPStatus, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := fakeapi.New(testToken, nil)
			fake.Script(tt.replies...)
			base, _ := serve(t, fake)
			_, err := newTestClient(t, base, retries(tt.retries)).CreateUser(context.Background(), newMember("lost"))
			e := wantError(t, err, tt.kind)
			if e.OutcomeUnknown != tt.unknown || OutcomeUnknown(err) != tt.unknown {
				t.Errorf("OutcomeUnknown = %v, want %v: %v", e.OutcomeUnknown, tt.unknown, err)
			}
			if tt.unknown {
				// Said once: by the words of a write not retried, or these.
				if !strings.Contains(e.Detail, "may have acted") && !strings.Contains(e.Detail, "may have been made") {
					t.Errorf("the detail does not say that the write may have taken effect: %s", e.Detail)
				}
			}
		})
	}
	// A read is never marked, nor a call refused at once because the run's
	// retries are spent: it sent nothing.
	base, _ := scripted(t, repeat(4, fakeapi.Reply{Status: http.StatusServiceUnavailable, Body: `{}`})...)
	c := newTestClient(t, base, retries(1))
	if e := mustFail(t, c, KindServer); e.OutcomeUnknown {
		t.Errorf("a read is marked: %v", e)
	}
	_, err := c.CreateUser(context.Background(), newMember("later"))
	if OutcomeUnknown(err) {
		t.Errorf("a create never sent is marked: %v", err)
	}
	_, err = newTestClient(t, closedPort(t)).CreateUser(context.Background(), newMember("unsent"))
	if e := wantError(t, err, KindConnection); e.OutcomeUnknown {
		t.Errorf("a connection never made is marked: %v", e)
	}
}

// TestEnsureUserCreatesWithoutReadingTheList: a create is one POST.
func TestEnsureUserCreatesWithoutReadingTheList(t *testing.T) {
	fake, c := sampleOrg(t)
	res, err := c.EnsureUser(context.Background(), newMember("barbara"))
	if err != nil || res.How != Created || res.User == nil {
		t.Fatalf("EnsureUser = %+v, %v", res, err)
	}
	if posts, lists := createCalls(fake); posts != 1 || lists != 0 || fake.RequestCount() != 1 {
		t.Errorf("%d creates, %d list reads, %d requests; want the one create", posts, lists, fake.RequestCount())
	}
}

// TestEnsureUserAfterALostAnswer: the user the create made is taken, with
// one create sent (two when a 503 was retried into a 409), and one user.
func TestEnsureUserAfterALostAnswer(t *testing.T) {
	for name, tt := range map[string]struct {
		reply fakeapi.Reply
		posts int
	}{"connection closed": {lostHangup, 1}, "503 then 409": {lost503, 2}} {
		t.Run(name, func(t *testing.T) {
			fake := fakeapi.New(testToken, fakeapi.SampleUsers())
			fake.Script(tt.reply)
			base, _ := serve(t, fake)
			asked := newMember("barbara")
			res, err := newTestClient(t, base, retries(2)).EnsureUser(context.Background(), asked)
			if err != nil || res.How != Recovered || res.User == nil || !OutcomeUnknown(res.Cause) {
				t.Fatalf("EnsureUser = %+v, %v; want the user recovered", res, err)
			}
			stored := fake.Users()
			n := 0
			for _, u := range stored {
				if SameEmail(deref(u.Email), asked.Email) {
					n++
					if deref(u.ID) != deref(res.User.ID) {
						t.Errorf("recovered %q, the fake has %q", deref(res.User.ID), deref(u.ID))
					}
				}
			}
			if posts, lists := createCalls(fake); n != 1 || posts != tt.posts || lists != 1 {
				t.Errorf("%d users with the email, %d creates, %d list reads; want 1, %d, 1", n, posts, lists, tt.posts)
			}
		})
	}
}

// TestEnsureUserWhenTheEmailIsTaken: an active user is refused, named; a
// deleted one is reactivated with its id and given the asked names and
// role; a 400 that says so counts as taken; after a lost answer, a user
// that is not exactly what was asked, or none, is an UnknownCreateError.
func TestEnsureUserWhenTheEmailIsTaken(t *testing.T) {
	ctx := context.Background()
	fake, c := sampleOrg(t)
	edsger := newMember("EDSGER")
	_, err := c.EnsureUser(ctx, edsger)
	var taken *EmailTakenError
	var unknown *UnknownCreateError
	if !errors.As(err, &taken) || deref(taken.User.ID) != fakeapi.SampleUserID {
		t.Fatalf("EnsureUser of an active user's email = %v, want EmailTakenError", err)
	}

	mallory := newMember("mallory")
	res, err := c.EnsureUser(ctx, mallory)
	if err != nil || res.How != Reactivated || deref(res.User.ID) != fakeapi.SampleDeletedID || res.User.Deleted() ||
		deref(res.User.Name) != mallory.FirstName || *res.User.OrgRole != mallory.OrgRole {
		t.Fatalf("EnsureUser of a deleted user's email = %+v, %v; want it reactivated as asked", res.User, err)
	}
	if u, _ := fake.User(fakeapi.SampleDeletedID); u.DeletedAt != nil || *u.OrgRole != RoleBilling {
		t.Errorf("the fake holds %+v", u)
	}

	base, _ := scripted(t, fakeapi.Reply{Status: http.StatusBadRequest, Body: `{"success":false,"message":"Email already exists"}`})
	if _, err := newTestClient(t, base).EnsureUser(ctx, newMember("nobody")); !EmailTaken(err) {
		t.Errorf("a 400 that says the email exists: %v", err)
	}

	// Taken by a user the list names without an id: the refusal stands.
	base, _ = scripted(t, fakeapi.Reply{Status: http.StatusConflict, Body: `{"success":false,"message":"A user with this email already exists"}`},
		okBody(`{"success":true,"total":1,"data":[{"email":"`+email("noid", "example.com")+`"}]}`))
	if _, err := newTestClient(t, base).EnsureUser(ctx, newMember("noid")); !EmailTaken(err) || errors.As(err, &unknown) {
		t.Errorf("a 409 for a user without an id = %v, want the API's refusal", err)
	}

	// Lost answers that did not create what was asked.
	fake.Script(fakeapi.Reply{Method: http.MethodPost, Hangup: true}) // the API never acted
	_, err = c.EnsureUser(ctx, newMember("ghost"))
	if !errors.As(err, &unknown) || unknown.Found != nil || !OutcomeUnknown(unknown.Cause) {
		t.Fatalf("a lost create that made nothing = %v, want UnknownCreateError without a user", err)
	}
	if _, ok := fake.UserByEmail(email("ghost", "example.com")); ok {
		t.Error("the create was sent again")
	}
	fake.Script(fakeapi.Reply{Method: http.MethodPost, Hangup: true})
	_, err = c.EnsureUser(ctx, edsger) // Edsger exists, with other names and role
	if !errors.As(err, &unknown) || unknown.Found == nil || deref(unknown.Found.ID) != fakeapi.SampleUserID {
		t.Fatalf("a lost create that meets another user = %v, want UnknownCreateError naming it", err)
	}
}
