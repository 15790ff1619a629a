package client

import (
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
