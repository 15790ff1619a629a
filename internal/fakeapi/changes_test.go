package fakeapi

import (
	"net/http"
	"reflect"
	"testing"
)

func TestUpdateUser(t *testing.T) {
	const bad = "Invalid role combination"
	tests := []struct {
		name, as, id, body string
		status             int
		message            string
		// check looks at the stored user after a success.
		check func(t *testing.T, u User)
	}{
		{"the name only", "OWNER", SampleUserID, `{"name":"Edsger W."}`, http.StatusOK, "User updated successfully", func(t *testing.T, u User) {
			if deref(u.Name) != "Edsger W." || deref(u.LastName) != "Dijkstra" || deref(u.OrgRole) != RoleUser {
				t.Errorf("user = %v %v %v", deref(u.Name), deref(u.LastName), deref(u.OrgRole))
			}
		}},
		{"a null last name", "OWNER", SampleUserID, `{"lastName":null}`, http.StatusOK, "", func(t *testing.T, u User) {
			if u.LastName != nil || deref(u.Name) != "Edsger" {
				t.Errorf("user = %v %v", deref(u.Name), deref(u.LastName))
			}
		}},
		{"a role, in place", "OWNER", SampleUserID, `{"orgRole":2}`, http.StatusOK, "", func(t *testing.T, u User) {
			if deref(u.OrgRole) != RoleWorkspaces || deref(u.OrgRoleDescription) != "WORKSPACES" || !reflect.DeepEqual(u.OrgRoles, []int64{0, 1, 2}) {
				t.Errorf("role = %v %v %v", deref(u.OrgRole), deref(u.OrgRoleDescription), u.OrgRoles)
			}
		}},
		{"demote one of two owners", "OWNER", SampleSecondOwnerID, `{"orgRole":254}`, http.StatusOK, "", nil},
		{"workspaces sets billing", "WORKSPACES", SampleUserID, `{"orgRole":1}`, http.StatusOK, "", nil},
		{"a reserved code", "OWNER", SampleUserID, `{"orgRole":3}`, http.StatusBadRequest, bad, nil},
		{"a code out of range", "OWNER", SampleUserID, `{"orgRole":256}`, http.StatusBadRequest, bad, nil},
		{"a role that is not a number", "OWNER", SampleUserID, `{"orgRole":"OWNER"}`, http.StatusBadRequest, bad, nil},
		{"a null role", "OWNER", SampleUserID, `{"orgRole":null}`, http.StatusBadRequest, bad, nil},
		{"nothing to change", "OWNER", SampleUserID, `{"email":"x@example.com"}`, http.StatusBadRequest, "No valid fields to update", nil},
		{"workspaces may not grant administrator", "WORKSPACES", SampleUserID, `{"orgRole":254}`, http.StatusForbidden,
			"Insufficient permissions: cannot manage role ADMINISTRATOR with role WORKSPACES", nil},
		{"workspaces may not rename an administrator", "WORKSPACES", SampleAdminID, `{"name":"A"}`, http.StatusForbidden,
			"Insufficient permissions: cannot manage role ADMINISTRATOR with role WORKSPACES", nil},
		{"administrator may not demote an owner", "ADMINISTRATOR", SampleOwnerID, `{"orgRole":0}`, http.StatusForbidden,
			"Insufficient permissions: cannot manage role OWNER with role ADMINISTRATOR", nil},
		{"user may not manage", "USER", SampleUserID, `{"name":"E"}`, http.StatusForbidden, "Insufficient permissions to manage users", nil},
		{"unknown", "OWNER", "no-such-id", `{"name":"E"}`, http.StatusNotFound, "User not found", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := newOrg(t)
			before, _ := o.fake.User(tc.id)
			a := o.as(tc.as, http.MethodPut, "/organization/users/"+tc.id, tc.body)
			a.expect(t, tc.status, tc.message)
			if tc.status != http.StatusOK {
				if tc.status == http.StatusBadRequest && tc.message == bad {
					if d, ok := a.body["data"].(map[string]any); !ok || len(d) != 0 {
						t.Errorf("data = %v, want {}", a.body["data"])
					}
				}
				if got, ok := o.fake.User(tc.id); ok && !reflect.DeepEqual(got, before) {
					t.Errorf("a refused update changed the user: %+v", got)
				}
				return
			}
			if a.data(t)["id"] != tc.id {
				t.Errorf("data = %v", a.body["data"])
			}
			if tc.check != nil {
				tc.check(t, o.stored(tc.id))
			}
		})
	}
}

func TestLastOwner(t *testing.T) {
	o := newOrg(t)
	o.as("OWNER", http.MethodPut, "/organization/users/"+SampleSecondOwnerID, `{"orgRole":254}`).expect(t, http.StatusOK, "")
	// Ada is now the only active OWNER.
	if n := o.fake.ActiveWithRole(RoleOwner); n != 1 {
		t.Errorf("ActiveWithRole(OWNER) = %d, want 1", n)
	}
	o.as("OWNER", http.MethodPut, "/organization/users/"+SampleOwnerID, `{"orgRole":254}`).
		expect(t, http.StatusBadRequest, "Cannot remove the last owner of the organization")
	o.as("OWNER", http.MethodPut, "/organization/users/"+SampleOwnerID, `{"orgRole":255,"name":"Ada"}`).expect(t, http.StatusOK, "")
	// A deleted OWNER does not count.
	if err := o.fake.AddUser(User{ID: Ptr("gone-owner"), Email: Ptr("gone@example.com"), OrgRole: Ptr(RoleOwner), DeletedAt: Ptr("2026-01-01T00:00:00.000Z")}); err != nil {
		t.Fatal(err)
	}
	o.as("OWNER", http.MethodPut, "/organization/users/"+SampleOwnerID, `{"orgRole":0}`).
		expect(t, http.StatusBadRequest, "Cannot remove the last owner of the organization")

	// Deleting the last OWNER: only a caller outside the list can try.
	solo := New(ownerToken, nil)
	if err := solo.AddUser(User{ID: Ptr("only-owner"), Email: Ptr("only@example.com"), OrgRole: Ptr(RoleOwner)}); err != nil {
		t.Fatal(err)
	}
	p := &org{t: t, fake: solo, url: serve(t, solo), tokens: map[string]string{"OWNER": ownerToken}}
	p.as("OWNER", http.MethodDelete, "/organization/users/only-owner", "").expect(t, http.StatusBadRequest, "Cannot remove the last owner of the organization")

	// With the rule off, the fake is an API that lets the last OWNER go.
	solo.SetLastOwnerRule(false)
	p.as("OWNER", http.MethodPut, "/organization/users/only-owner", `{"orgRole":254}`).expect(t, http.StatusOK, "")
	p.as("OWNER", http.MethodPut, "/organization/users/only-owner", `{"orgRole":255}`).expect(t, http.StatusOK, "")
	p.as("OWNER", http.MethodDelete, "/organization/users/only-owner", "").expect(t, http.StatusOK, "")
}

func TestDeleteUser(t *testing.T) {
	tests := []struct {
		name, as, id string
		status       int
		message      string
	}{
		{"a user", "OWNER", SampleUserID, http.StatusOK, "User deleted successfully"},
		{"one of two owners", "OWNER", SampleSecondOwnerID, http.StatusOK, ""},
		{"workspaces deletes billing", "WORKSPACES", SampleBillingID, http.StatusOK, ""},
		{"yourself", "OWNER", SampleOwnerID, http.StatusBadRequest, "Cannot delete yourself"},
		{"yourself, as workspaces", "WORKSPACES", SampleWorkspacesID, http.StatusBadRequest, "Cannot delete yourself"},
		{"already deleted", "OWNER", SampleDeletedID, http.StatusBadRequest, "User is already deleted"},
		{"unknown", "OWNER", "no-such-id", http.StatusNotFound, "User not found"},
		{"a role above the caller's", "WORKSPACES", SampleAdminID, http.StatusForbidden, "Insufficient permissions: cannot manage role ADMINISTRATOR with role WORKSPACES"},
		{"billing may not", "BILLING", SampleUserID, http.StatusForbidden, "Insufficient permissions to manage users"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := newOrg(t)
			before, existed := o.fake.User(tc.id)
			o.as(tc.as, http.MethodDelete, "/organization/users/"+tc.id, "").expect(t, tc.status, tc.message)
			after, ok := o.fake.User(tc.id)
			if ok != existed {
				t.Fatalf("the user went from existing %v to %v: a delete is soft", existed, ok)
			}
			if tc.status != http.StatusOK {
				if !reflect.DeepEqual(after, before) {
					t.Errorf("a refused delete changed the user: %+v", after)
				}
				return
			}
			if after.DeletedAt == nil {
				t.Error("deletedAt is not set")
			}
			if len(o.fake.Users()) != 7 {
				t.Error("the user left the organization's list")
			}
		})
	}
}

func TestActivateUser(t *testing.T) {
	tests := []struct {
		name, as, id string
		status       int
		message      string
	}{
		{"a deleted user", "OWNER", SampleDeletedID, http.StatusOK, "User activated successfully"},
		{"an active user", "OWNER", SampleUserID, http.StatusBadRequest, "User is not deleted"},
		{"unknown", "OWNER", "no-such-id", http.StatusNotFound, "User not found"},
		{"a role above the caller's", "WORKSPACES", SampleDeletedID, http.StatusForbidden, "Insufficient permissions: cannot manage role ADMINISTRATOR with role WORKSPACES"},
		{"user may not", "USER", SampleDeletedID, http.StatusForbidden, "Insufficient permissions to manage users"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := newOrg(t)
			before, _ := o.fake.User(tc.id)
			o.as(tc.as, http.MethodPost, "/organization/users/"+tc.id+"/activate", "").expect(t, tc.status, tc.message)
			after, _ := o.fake.User(tc.id)
			if tc.status == http.StatusOK && after.DeletedAt != nil {
				t.Error("deletedAt is still set")
			}
			if tc.status != http.StatusOK && !reflect.DeepEqual(after, before) {
				t.Errorf("a refused activation changed the user: %+v", after)
			}
		})
	}
}

// TestDeleteThenActivateKeepsTheID is the round trip a resource relies on.
func TestDeleteThenActivateKeepsTheID(t *testing.T) {
	o := newOrg(t)
	o.as("OWNER", http.MethodDelete, "/organization/users/"+SampleUserID, "").expect(t, http.StatusOK, "")
	o.as("OWNER", http.MethodPost, "/organization/users",
		`{"email":"edsger@example.com","password":"s3cret-pass","firstName":"E","lastName":"D"}`).expect(t, http.StatusConflict, "")
	o.as("OWNER", http.MethodPost, "/organization/users/"+SampleUserID+"/activate", "").expect(t, http.StatusOK, "")
	if u := o.stored(SampleUserID); u.DeletedAt != nil || deref(u.Email) != "edsger@example.com" {
		t.Errorf("after activation: %+v", u)
	}
}
