package client

import (
	"context"
	"net/http"
	"testing"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// strangerBody is the user object of someone else than asked for.
const strangerBody = `{"id":"stranger","email":"mallory@example.com","name":"M","lastName":"X","orgRole":254}`

// TestAnswersAboutAnotherUserAreRefused: a read, an update, a reactivation
// or a delete answered about another id, and a create answered about
// another email, are errors of KindMismatch that name both users.
func TestAnswersAboutAnotherUserAreRefused(t *testing.T) {
	tests := []struct {
		name  string
		reply fakeapi.Reply
		call  func(*Client) error
		asked string
	}{
		{"read", okBody(strangerBody), func(c *Client) error { _, err := c.GetUser(context.Background(), "u1"); return err }, `the id "u1"`},
		{"read, wrapped", okBody(`{"success":true,"data":` + strangerBody + `}`),
			func(c *Client) error { _, err := c.GetUser(context.Background(), "u1"); return err }, `the id "u1"`},
		{"update", okBody(`{"success":true,"data":` + strangerBody + `}`),
			func(c *Client) error {
				_, err := c.UpdateUser(context.Background(), "u1", UserChange{Name: ptr("N")})
				return err
			}, `the id "u1"`},
		{"activate", okBody(`{"success":true,"data":` + strangerBody + `}`),
			func(c *Client) error { return c.ActivateUser(context.Background(), "u1") }, `the id "u1"`},
		{"delete", okBody(`{"success":true,"data":` + strangerBody + `}`),
			func(c *Client) error { return c.DeleteUser(context.Background(), "u1") }, `the id "u1"`},
		{"create", fakeapi.Reply{Status: http.StatusCreated, Body: `{"success":true,"data":` + strangerBody + `}`},
			func(c *Client) error { _, err := c.CreateUser(context.Background(), newMember("barbara")); return err },
			`the email "` + email("barbara", "example.com") + `"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, _ := scripted(t, tt.reply)
			e := wantError(t, tt.call(newTestClient(t, base)), KindMismatch)
			wantContains(t, "detail", e.Detail, tt.asked, `the id "stranger"`, "mallory@example.com", "Nothing")
		})
	}
}

// TestAnswersAboutTheUserAskedForPass: the same answers about the user
// asked for, or leaving the id out, go through; a create answered without
// the email is checked by reading the user it names.
func TestAnswersAboutTheUserAskedForPass(t *testing.T) {
	base, _ := scripted(t,
		okBody(`{"id":"u1","email":"a@example.com"}`),
		okBody(`{"email":"a@example.com"}`),
		okBody(`{"success":true,"message":"User activated successfully"}`),
		okBody(`{"success":true,"data":{"id":"u1"}}`),
		okBody(``))
	c := newTestClient(t, base)
	for i, call := range []func() error{
		func() error { _, err := c.GetUser(context.Background(), "u1"); return err },
		func() error { _, err := c.GetUser(context.Background(), "u1"); return err },
		func() error { return c.ActivateUser(context.Background(), "u1") },
		func() error { return c.ActivateUser(context.Background(), "u1") },
		func() error { return c.DeleteUser(context.Background(), "u1") },
	} {
		if err := call(); err != nil {
			t.Errorf("call %d: %v", i, err)
		}
	}

	asked := newMember("barbara")
	sparse := fakeapi.Reply{Status: http.StatusCreated, Body: `{"success":true,"data":{"id":"new-1"}}`}
	base, rec := scripted(t, sparse, okBody(`{"id":"new-1","email":"`+asked.Email+`","name":"Barbara"}`))
	u, err := newTestClient(t, base).CreateUser(context.Background(), asked)
	if err != nil || deref(u.ID) != "new-1" || deref(u.Name) != "Barbara" {
		t.Fatalf("create = %+v, %v", u, err)
	}
	if hits := rec.all(); len(hits) != 2 || hits[1].method != http.MethodGet || hits[1].path != UsersPath+"/new-1" {
		t.Errorf("requests = %+v, want the POST and a read of the new user", hits)
	}
	base, _ = scripted(t, sparse, okBody(`{"id":"new-1","email":"someone.else@example.com"}`))
	_, err = newTestClient(t, base).CreateUser(context.Background(), asked)
	wantContains(t, "detail", wantError(t, err, KindMismatch).Detail, "someone.else@example.com")
}
