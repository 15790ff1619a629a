package client

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// refreshCalls counts a fake's reads of the list and of one user.
func refreshCalls(fake *fakeapi.Server) (list, byID int) {
	for _, c := range fake.Calls() {
		switch {
		case c.Method != http.MethodGet:
		case c.Path == UsersPath:
			list++
		case strings.HasPrefix(c.Path, UsersPath+"/"):
			byID++
		}
	}
	return list, byID
}

// refreshTogether refreshes ids at once, as Terraform's parallel
// refreshes do, and returns the users found. When endRound is set, it
// waits until all of them wait in one round, then ends the round as its
// quiet time would.
func refreshTogether(t *testing.T, c *Client, ids []string, endRound bool) map[string]*User {
	t.Helper()
	c.users.refresh.quiet = time.Hour // only the test ends a round
	joined := make(chan int, len(ids))
	c.users.refresh.arrived = func(n int) { joined <- n }
	var mu sync.Mutex
	got := map[string]*User{}
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Go(func() {
			u, err := c.RefreshUser(context.Background(), id)
			if err != nil && !IsNotFound(err) {
				t.Errorf("refresh %s: %v", id, err)
			}
			mu.Lock()
			got[id] = u
			mu.Unlock()
		})
	}
	if endRound {
		await(t, func() <-chan struct{} {
			ch := make(chan struct{}, len(ids))
			go func() {
				for range ids {
					<-joined
					ch <- struct{}{}
				}
			}()
			return ch
		}(), len(ids), "the refreshes joining the round")
		r := &c.users.refresh
		r.mu.Lock()
		if r.round != nil {
			r.decide(r.round, false)
		}
		r.mu.Unlock()
	}
	wg.Wait()
	return got
}

// TestAFewRefreshesReadByID: five refreshes at once, fewer than a round
// needs, read their users by id, and never the list.
func TestAFewRefreshesReadByID(t *testing.T) {
	fake, c := sampleOrg(t)
	ids := []string{fakeapi.SampleOwnerID, fakeapi.SampleAdminID, fakeapi.SampleUserID, fakeapi.SampleBillingID, fakeapi.SampleWorkspacesID}
	got := refreshTogether(t, c, ids, true)
	for _, id := range ids {
		if got[id] == nil || *got[id].ID != id {
			t.Errorf("refresh %s got %+v", id, got[id])
		}
	}
	if list, byID := refreshCalls(fake); list != 0 || byID != len(ids) {
		t.Errorf("%d list reads and %d reads by id, want 0 and %d", list, byID, len(ids))
	}
}

// TestManyRefreshesShareOneListRead: a round of refreshGather refreshes
// reads the list once, and every refresh after it reads from the list.
func TestManyRefreshesShareOneListRead(t *testing.T) {
	users := fakeapi.GenerateUsers(50)
	fake := fakeapi.New(testToken, users)
	base, _ := serve(t, fake)
	c := newTestClient(t, base)
	var ids []string
	for _, u := range users {
		ids = append(ids, *u.ID)
	}
	got := refreshTogether(t, c, ids[:refreshGather], false)
	for _, id := range ids[refreshGather:] {
		u, err := c.RefreshUser(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		got[id] = u
	}
	for i, id := range ids {
		if got[id] == nil || *got[id].Email != *users[i].Email {
			t.Errorf("refresh %s got %+v, want %s", id, got[id], *users[i].Email)
		}
	}
	if list, byID := refreshCalls(fake); list != 1 || byID != 0 {
		t.Errorf("%d list reads and %d reads by id for %d refreshes, want 1 and 0", list, byID, len(ids))
	}
}

// TestRefreshesOneByOneTurnToTheList: refreshes that come one at a time
// (Terraform run with -parallelism=1) read by id until the run has made
// refreshByID such reads; then the list, once.
func TestRefreshesOneByOneTurnToTheList(t *testing.T) {
	users := fakeapi.GenerateUsers(40)
	fake := fakeapi.New(testToken, users)
	base, _ := serve(t, fake)
	c := newTestClient(t, base)
	c.users.refresh.quiet = time.Millisecond
	for _, u := range users {
		if _, err := c.RefreshUser(context.Background(), *u.ID); err != nil {
			t.Fatal(err)
		}
	}
	if list, byID := refreshCalls(fake); list != 1 || byID != refreshByID {
		t.Errorf("%d list reads and %d reads by id, want 1 and %d", list, byID, refreshByID)
	}
}

// TestAListAtHandServesRefreshes: a list the run read already (for a data
// source) serves refreshes; a user missing from it is gone only when the
// list is complete, and read by id otherwise.
func TestAListAtHandServesRefreshes(t *testing.T) {
	for _, tc := range []struct {
		name  string
		body  string // the list's answer
		byID  int    // reads by id for the missing user
		found bool   // whether the missing user is found
	}{
		{"complete", `{"success": true, "total": 1, "data": [{"id": "a", "email": "a@example.com"}]}`, 0, false},
		{"incomplete", `{"success": true, "total": 2, "data": [{"id": "a", "email": "a@example.com"}]}`, 1, true},
		{"no total", `{"success": true, "data": [{"id": "a", "email": "a@example.com"}]}`, 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := fakeapi.New(testToken, []fakeapi.User{
				{ID: fakeapi.Ptr("a"), Email: fakeapi.Ptr("a@example.com")},
				{ID: fakeapi.Ptr("b"), Email: fakeapi.Ptr("b@example.com")},
			})
			fake.Script(fakeapi.Reply{Method: http.MethodGet, Path: UsersPath, Status: http.StatusOK, Body: tc.body})
			base, _ := serve(t, fake)
			c := newTestClient(t, base)
			_ = mustList(t, c)
			if u, err := c.RefreshUser(context.Background(), "a"); err != nil || *u.Email != "a@example.com" {
				t.Fatalf("the listed user: %+v, %v", u, err)
			}
			u, err := c.RefreshUser(context.Background(), "b")
			if tc.found && (err != nil || *u.Email != "b@example.com") {
				t.Errorf("the user missing from the list: %+v, %v; want it read by id", u, err)
			}
			if !tc.found && !IsNotFound(err) {
				t.Errorf("the user missing from a complete list: %+v, %v; want not found", u, err)
			}
			if list, byID := refreshCalls(fake); list != 1 || byID != tc.byID {
				t.Errorf("%d list reads and %d reads by id, want 1 and %d", list, byID, tc.byID)
			}
		})
	}
}

// TestRefreshAfterWrites: what the run's writes told serves a refresh: a
// created user without a call, a deleted one read again by id.
func TestRefreshAfterWrites(t *testing.T) {
	fake, c := sampleOrg(t)
	ctx := context.Background()
	created, err := c.CreateUser(ctx, newMember("barbara"))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteUser(ctx, fakeapi.SampleUserID); err != nil {
		t.Fatal(err)
	}
	u, err := c.RefreshUser(ctx, *created.ID)
	if err != nil || *u.Email != *created.Email {
		t.Errorf("the created user: %+v, %v", u, err)
	}
	u, err = c.RefreshUser(ctx, fakeapi.SampleUserID)
	if err != nil || !u.Deleted() {
		t.Errorf("the deleted user: %+v, %v; want it deleted", u, err)
	}
	if list, byID := refreshCalls(fake); list != 0 || byID != 1 {
		t.Errorf("%d list reads and %d reads by id, want 0 and 1", list, byID)
	}
}
