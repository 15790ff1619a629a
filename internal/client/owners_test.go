package client

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

func TestLastActiveOwner(t *testing.T) {
	user := func(id string, role int64, deleted bool) User {
		u := User{ID: ptr(id), OrgRole: ptr(role)}
		if deleted {
			u.DeletedAt = ptr("2026-01-01T00:00:00.000Z")
		}
		return u
	}
	tests := []struct {
		name  string
		users []User
		id    string
		want  bool
	}{
		{"the only owner", []User{user("a", RoleOwner, false), user("b", RoleAdministrator, false)}, "a", true},
		{"another active owner", []User{user("a", RoleOwner, false), user("b", RoleOwner, false)}, "a", false},
		{"the other owner is deleted", []User{user("a", RoleOwner, false), user("b", RoleOwner, true)}, "a", true},
		{"not an owner", []User{user("a", RoleOwner, false), user("b", RoleAdministrator, false)}, "b", false},
		{"a deleted owner", []User{user("a", RoleOwner, true), user("b", RoleOwner, false)}, "a", false},
		{"not listed", []User{user("a", RoleOwner, false)}, "z", false},
		{"no role", []User{{ID: ptr("a")}}, "a", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NewUserList(tt.users, int64(len(tt.users))).LastActiveOwner(tt.id); got != tt.want {
				t.Errorf("LastActiveOwner = %v, want %v", got, tt.want)
			}
		})
	}
	// The sample organization has two owners: neither is the last.
	var sample []User
	for _, u := range fakeapi.SampleUsers() {
		sample = append(sample, User{ID: u.ID, OrgRole: u.OrgRole, DeletedAt: u.DeletedAt})
	}
	if NewUserList(sample, int64(len(sample))).LastActiveOwner(fakeapi.SampleOwnerID) {
		t.Error("the sample's first OWNER counts as the last")
	}
}

// ownersOnly is an organization of n active OWNERs, none of them the
// caller (the fake's token belongs to an OWNER outside the list), on a fake
// that does not refuse removing the last one: only ChangeOwner keeps one.
func ownersOnly(t *testing.T, n int) (*fakeapi.Server, *Client, []string) {
	t.Helper()
	var users []fakeapi.User
	var ids []string
	for i := range n {
		id := fmt.Sprintf("owner-%d", i)
		u := fakeapi.User{ID: ptr(id), Email: ptr(email(id, "example.com")), Name: ptr("O"), LastName: ptr("W")}
		fakeapi.WithRole(&u, fakeapi.RoleOwner)
		users = append(users, u)
		ids = append(ids, id)
	}
	fake := fakeapi.New(testToken, nil)
	for _, u := range users {
		if err := fake.AddUser(u); err != nil {
			t.Fatal(err)
		}
	}
	fake.SetLastOwnerRule(false)
	base, _ := serve(t, fake)
	return fake, newTestClient(t, base), ids
}

// TestChangeOwnerHoldsUnderConcurrency: several OWNERs removed or demoted
// at once through one client, as Terraform does at -parallelism=10: the
// organization always keeps one, and each refused change says why.
func TestChangeOwnerHoldsUnderConcurrency(t *testing.T) {
	for iteration := range 30 {
		fake, c, ids := ownersOnly(t, 4)
		errs := make([]error, len(ids))
		var wg sync.WaitGroup
		for i, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = c.ChangeOwner(context.Background(), id, func(ctx context.Context) error {
					if i%2 == 0 {
						return c.DeleteUser(ctx, id)
					}
					_, err := c.UpdateUser(ctx, id, UserChange{OrgRole: ptr(RoleAdministrator)})
					return err
				})
			}()
		}
		wg.Wait()
		if n := fake.ActiveWithRole(fakeapi.RoleOwner); n != 1 {
			t.Fatalf("iteration %d: %d active OWNERs left, want 1; errors: %v", iteration, n, errs)
		}
		refused := 0
		for _, err := range errs {
			var rule *OwnerRuleError
			switch {
			case errors.As(err, &rule):
				refused++
				wantContains(t, "error", err.Error(), OwnerRule)
			case err != nil:
				t.Fatalf("iteration %d: unexpected error: %v", iteration, err)
			}
		}
		if refused != 1 {
			t.Fatalf("iteration %d: %d changes refused, want 1: %v", iteration, refused, errs)
		}
	}
}

// TestChangeOwnerReadsAfresh: the check never uses the run's cached list,
// which still shows an OWNER removed since; and an incomplete list refuses.
func TestChangeOwnerReadsAfresh(t *testing.T) {
	fake, c, ids := ownersOnly(t, 2)
	mustList(t, c) // cached: both OWNERs active
	if err := fake.DeleteUser(ids[0]); err != nil {
		t.Fatal(err)
	}
	called := false
	err := c.ChangeOwner(context.Background(), ids[1], func(context.Context) error { called = true; return nil })
	var rule *OwnerRuleError
	if !errors.As(err, &rule) || rule.ID != ids[1] || rule.Incomplete || called {
		t.Fatalf("ChangeOwner = %v (called %v), want the last-OWNER refusal before the change", err, called)
	}

	fake.SetTotal(5)
	if err := fake.AddUser(fakeapi.User{ID: ptr("owner-x"), OrgRole: ptr(RoleOwner)}); err != nil {
		t.Fatal(err)
	}
	err = c.ChangeOwner(context.Background(), ids[1], func(context.Context) error { called = true; return nil })
	if !errors.As(err, &rule) || !rule.Incomplete || !strings.Contains(rule.Why, "total of 5 users but returned 3") || called {
		t.Fatalf("ChangeOwner on an incomplete list = %v (called %v), want a refusal", err, called)
	}
	fake.SetTotal(3)
	if err := c.ChangeOwner(context.Background(), ids[1], func(context.Context) error { called = true; return nil }); err != nil || !called {
		t.Fatalf("ChangeOwner with another OWNER = %v (called %v), want the change made", err, called)
	}
}

// TestChangeOwnerWithoutATotal: a list without its total cannot show that
// another OWNER is active: the change is refused.
func TestChangeOwnerWithoutATotal(t *testing.T) {
	base, _ := scripted(t, okBody(`{"success":true,"data":[{"id":"a","orgRole":255},{"id":"b","orgRole":255}]}`))
	called := false
	err := newTestClient(t, base).ChangeOwner(context.Background(), "a", func(context.Context) error { called = true; return nil })
	var rule *OwnerRuleError
	if !errors.As(err, &rule) || !rule.Incomplete || called {
		t.Fatalf("ChangeOwner = %v (called %v), want a refusal", err, called)
	}
	wantContains(t, "reason", rule.Why, "no total")
}
