package client

import (
	"context"
	"net/http"
	"testing"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// TestWritesWhoseAnswerWasLostAreSettled: an update, a delete and a
// reactivation whose answer was lost after the API acted (a closed
// connection; a 503 whose retry meets a refusal) succeed once a read shows
// them done; when the API did not act, the error stands. Nothing is sent
// twice but the retry of the 503.
func TestWritesWhoseAnswerWasLostAreSettled(t *testing.T) {
	ctx := context.Background()
	writes := []struct {
		name, method, path string
		call               func(*Client) error
	}{
		{"update", http.MethodPut, UsersPath + "/" + fakeapi.SampleUserID, func(c *Client) error {
			u, err := c.UpdateUser(ctx, fakeapi.SampleUserID, UserChange{OrgRole: ptr(RoleBilling)})
			if err == nil && *u.OrgRole != RoleBilling {
				t.Errorf("settled update returned %+v", u)
			}
			return err
		}},
		{"delete", http.MethodDelete, UsersPath + "/" + fakeapi.SampleUserID,
			func(c *Client) error { return c.DeleteUser(ctx, fakeapi.SampleUserID) }},
		{"reactivate", http.MethodPost, UsersPath + "/" + fakeapi.SampleDeletedID + "/activate",
			func(c *Client) error { return c.ActivateUser(ctx, fakeapi.SampleDeletedID) }},
	}
	lost := map[string]struct {
		reply fakeapi.Reply
		sent  int
		ok    bool
	}{
		"connection closed after acting":    {fakeapi.Reply{Act: true, Hangup: true}, 1, true},
		"503 after acting, then refused":    {fakeapi.Reply{Act: true, Status: http.StatusServiceUnavailable, Body: `{}`}, 2, true},
		"connection closed, nothing done":   {fakeapi.Reply{Hangup: true}, 1, false},
		"503 every time, nothing done ever": {fakeapi.Reply{Status: http.StatusServiceUnavailable, Body: `{}`}, 3, false},
	}
	for _, w := range writes {
		for name, l := range lost {
			t.Run(w.name+", "+name, func(t *testing.T) {
				fake := fakeapi.New(testToken, fakeapi.SampleUsers())
				reply := l.reply
				reply.Method, reply.Path = w.method, w.path
				if l.sent == 3 {
					fake.Always(reply)
				} else {
					fake.Script(reply)
				}
				base, _ := serve(t, fake)
				err := w.call(newTestClient(t, base, retries(2)))
				if ok := err == nil; ok != l.ok {
					t.Fatalf("error = %v, want success %v", err, l.ok)
				}
				if !l.ok && !OutcomeUnknown(err) {
					t.Errorf("the error does not say that the outcome is unknown: %v", err)
				}
				if n := len(fake.CallsTo(w.method, w.path)); n != l.sent {
					t.Errorf("%d writes sent, want %d", n, l.sent)
				}
			})
		}
	}
}
