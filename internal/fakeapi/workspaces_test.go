package fakeapi

import (
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// workspaceOrg is the sample organization with its sample workspaces, and
// a token for every member of them.
func workspaceOrg(t *testing.T) *org {
	t.Helper()
	o := newOrg(t)
	o.fake.AddSampleWorkspaces()
	for name, id := range map[string]string{"grace": SampleSecondOwnerID, "alan": SampleAdminID, "edsger": SampleUserID, "katherine": SampleWorkspacesID} {
		token, err := o.fake.IssueToken(id)
		if err != nil {
			t.Fatal(err)
		}
		o.tokens[name] = token
	}
	return o
}

// dig walks a decoded JSON value: a string key in an object, an int index
// in an array, failing the test when the value has another shape.
func dig(t *testing.T, v any, path ...any) any {
	t.Helper()
	for _, step := range path {
		switch k := step.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("want an object for %q, got %T: %v", k, v, v)
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				t.Fatalf("want an array of more than %d elements, got %T: %v", k, v, v)
			}
			v = l[k]
		}
	}
	return v
}

// object is dig's value as an object.
func object(t *testing.T, v any, path ...any) map[string]any {
	t.Helper()
	m, ok := dig(t, v, path...).(map[string]any)
	if !ok {
		t.Fatalf("%v is not an object: %v", path, v)
	}
	return m
}

// workspaceIDs are the ids of an answer's workspaces, in its order.
func workspaceIDs(t *testing.T, a answer) []string {
	t.Helper()
	list, ok := a.body["workspaces"].([]any)
	if !ok {
		t.Fatalf("workspaces is %T: %s", a.body["workspaces"], a.raw)
	}
	ids := []string{}
	for i := range list {
		ids = append(ids, fmt.Sprint(dig(t, list, i, "id")))
	}
	return ids
}

// members are a workspace's members as userId:role, in the fake's order.
func members(w Workspace) []string {
	out := []string{}
	for _, m := range w.Members {
		out = append(out, m.UserID+":"+m.Role)
	}
	return out
}

func TestListWorkspacesOnlyTheCallers(t *testing.T) {
	o := workspaceOrg(t)
	for caller, want := range map[string][]string{
		"OWNER":   {SampleResearchID, SamplePaymentsID},
		"grace":   {SamplePaymentsID, SampleArchiveID},
		"BILLING": {},
		// An ADMINISTRATOR of the organization sees only its own workspaces.
		"alan": {SampleResearchID},
	} {
		a := o.as(caller, http.MethodGet, "/workspace", "")
		a.expect(t, http.StatusOK, "")
		if got := workspaceIDs(t, a); !reflect.DeepEqual(got, want) {
			t.Errorf("%s sees %v, want %v", caller, got, want)
		}
	}
	o.call("", http.MethodGet, "/workspace", "").expect(t, http.StatusUnauthorized, "Invalid or expired token")
}

func TestWorkspaceMembersOnTheWire(t *testing.T) {
	o := workspaceOrg(t)
	a := o.as("OWNER", http.MethodGet, "/workspace/"+SamplePaymentsID, "")
	a.expect(t, http.StatusOK, "")
	w := object(t, a.body, "workspace")
	if w["id"] != SamplePaymentsID || w["name"] != "Payments" || w["orgId"] != SampleOrgID {
		t.Errorf("workspace = %v", w)
	}
	if users, _ := w["users"].([]any); len(users) != 4 {
		t.Fatalf("users = %v", w["users"])
	}
	// Members in the order they joined; the deleted user keeps its membership.
	mallory := object(t, w, "users", 3)
	want := map[string]any{"userId": SampleDeletedID, "role": "READ", "user": map[string]any{
		"id": SampleDeletedID, "name": "Mallory", "lastName": "Former", "email": "mallory@example.com", "orgRole": 254.0}}
	if !reflect.DeepEqual(mallory, want) {
		t.Errorf("member = %v, want %v", mallory, want)
	}
	// A member the organization does not have is served with a null user.
	o.fake.SetWorkspaceMember(SamplePaymentsID, "no-such-user", "WRITE")
	a = o.as("OWNER", http.MethodGet, "/workspace/"+SamplePaymentsID, "")
	if last := object(t, a.body, "workspace", "users", 4); last["userId"] != "no-such-user" || last["user"] != nil {
		t.Errorf("unknown member = %v, want a null user", last)
	}
	// A soft-deleted organization user keeps its memberships.
	if err := o.fake.DeleteUser(SampleUserID); err != nil {
		t.Fatal(err)
	}
	if w, _ := o.fake.Workspace(SampleResearchID); len(w.Members) != 3 {
		t.Errorf("members after the user's delete = %v", members(w))
	}
	// The member's user follows the organization user.
	if err := o.fake.SetRole(SampleWorkspacesID, RoleBilling); err != nil {
		t.Fatal(err)
	}
	a = o.as("OWNER", http.MethodGet, "/workspace", "")
	first := object(t, a.body, "workspaces", 1, "users", 2)
	if first["userId"] != SampleWorkspacesID || dig(t, first, "user", "orgRole") != 1.0 {
		t.Errorf("member after a role change = %v", first)
	}
}

func TestGetWorkspaceNonMember(t *testing.T) {
	o := workspaceOrg(t)
	// The organization's OWNER is not a member of Archive: 404, not 403.
	for _, id := range []string{SampleArchiveID, "no-such-workspace"} {
		o.as("OWNER", http.MethodGet, "/workspace/"+id, "").expect(t, http.StatusNotFound, "Workspace not found or access denied")
	}
	o.as("grace", http.MethodGet, "/workspace/"+SampleArchiveID, "").expect(t, http.StatusOK, "")
}

func TestCreateWorkspace(t *testing.T) {
	long := strings.Repeat("é", MaxWorkspaceName)
	tests := []struct {
		name, as, body string
		status         int
		message        string
	}{
		{"owner", "OWNER", `{"name":"Platform"}`, http.StatusCreated, ""},
		{"workspaces role", "WORKSPACES", `{"name":"Platform"}`, http.StatusCreated, ""},
		{"a name another workspace has", "OWNER", `{"name":"Research"}`, http.StatusCreated, ""},
		{"100 characters", "OWNER", `{"name":"` + long + `"}`, http.StatusCreated, ""},
		{"101 characters", "OWNER", `{"name":"` + long + `x"}`, http.StatusBadRequest, "Workspace name must be at most 100 characters"},
		{"blank", "OWNER", `{"name":"  "}`, http.StatusBadRequest, "Workspace name is required"},
		{"no name", "OWNER", `{}`, http.StatusBadRequest, "Workspace name is required"},
		{"not JSON", "OWNER", `name=x`, http.StatusBadRequest, "Invalid request body"},
		{"billing", "BILLING", `{"name":"Platform"}`, http.StatusBadRequest, "User not found or account is not validated"},
		{"user", "USER", `{"name":"Platform"}`, http.StatusForbidden, "Insufficient permissions to create workspaces"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := workspaceOrg(t)
			before := len(o.fake.Workspaces())
			a := o.as(tc.as, http.MethodPost, "/workspace", tc.body)
			a.expect(t, tc.status, tc.message)
			after := o.fake.Workspaces()
			if tc.status != http.StatusCreated {
				if len(after) != before {
					t.Errorf("a refused create added a workspace")
				}
				return
			}
			w := object(t, a.body, "workspace")
			stored := after[len(after)-1]
			if w["id"] != stored.ID || w["name"] != stored.Name || w["orgId"] != SampleOrgID || w["users"] != nil {
				t.Errorf("answer %v, stored %+v", w, stored)
			}
			caller := map[string]string{"OWNER": SampleOwnerID, "WORKSPACES": SampleWorkspacesID}[tc.as]
			if got := members(stored); !reflect.DeepEqual(got, []string{caller + ":ADMIN"}) {
				t.Errorf("members = %v, want the creator as ADMIN", got)
			}
			listed := workspaceIDs(t, o.as(tc.as, http.MethodGet, "/workspace", ""))
			if listed[len(listed)-1] != stored.ID {
				t.Errorf("the creator does not list the new workspace: %v", listed)
			}
		})
	}
}

func TestRenameWorkspace(t *testing.T) {
	tests := []struct {
		name, as, id, body string
		status             int
		message            string
	}{
		{"its ADMIN", "OWNER", SampleResearchID, `{"name":"Research & Development"}`, http.StatusOK, ""},
		{"a WRITE member", "alan", SampleResearchID, `{"name":"R"}`, http.StatusForbidden, "Insufficient permissions to update workspace"},
		{"a non-member OWNER", "OWNER", SampleArchiveID, `{"name":"R"}`, http.StatusNotFound, "Workspace not found or access denied"},
		{"blank", "OWNER", SampleResearchID, `{"name":""}`, http.StatusBadRequest, "Workspace name is required"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := workspaceOrg(t)
			before, _ := o.fake.Workspace(tc.id)
			a := o.as(tc.as, http.MethodPut, "/workspace/"+tc.id, tc.body)
			a.expect(t, tc.status, tc.message)
			after, _ := o.fake.Workspace(tc.id)
			if tc.status != http.StatusOK {
				if after.Name != before.Name {
					t.Errorf("a refused rename renamed it to %q", after.Name)
				}
				return
			}
			w := object(t, a.body, "workspace")
			if after.Name != "Research & Development" || w["name"] != after.Name || w["users"] != nil {
				t.Errorf("answer %v, stored name %q", w, after.Name)
			}
		})
	}
}

func TestDeleteWorkspace(t *testing.T) {
	o := workspaceOrg(t)
	o.as("alan", http.MethodDelete, "/workspace/"+SampleResearchID, "").expect(t, http.StatusForbidden, "Insufficient permissions to delete workspace")
	o.as("OWNER", http.MethodDelete, "/workspace/"+SampleArchiveID, "").expect(t, http.StatusNotFound, "Workspace not found or access denied")
	for _, contents := range [][2]int{{1, 0}, {0, 2}} {
		o.fake.SetWorkspaceContents(SampleResearchID, contents[0], contents[1])
		o.as("OWNER", http.MethodDelete, "/workspace/"+SampleResearchID, "").
			expect(t, http.StatusBadRequest, "Cannot delete workspace with existing buckets or repos")
	}
	o.fake.SetWorkspaceContents(SampleResearchID, 0, 0)
	o.as("OWNER", http.MethodDelete, "/workspace/"+SampleResearchID, "").expect(t, http.StatusOK, "")
	// A soft delete: the workspace stays, with its members, and answers 404 everywhere.
	w, ok := o.fake.Workspace(SampleResearchID)
	if !ok || w.DeletedAt == nil || len(w.Members) != 3 {
		t.Errorf("deleted workspace = %+v, %v", w, ok)
	}
	for _, c := range []struct{ method, path, body string }{
		{http.MethodGet, "", ""}, {http.MethodPut, "", `{"name":"x"}`}, {http.MethodDelete, "", ""},
		{http.MethodPost, "/users", fmt.Sprintf(`{"userId":%q,"role":"READ"}`, SampleWorkspacesID)},
		{http.MethodPut, "/users/" + SampleAdminID, `{"role":"READ"}`}, {http.MethodDelete, "/users/" + SampleAdminID, ""},
	} {
		o.as("OWNER", c.method, "/workspace/"+SampleResearchID+c.path, c.body).expect(t, http.StatusNotFound, "Workspace not found or access denied")
	}
	if got := workspaceIDs(t, o.as("OWNER", http.MethodGet, "/workspace", "")); !reflect.DeepEqual(got, []string{SamplePaymentsID}) {
		t.Errorf("listed after the delete: %v", got)
	}
}

func TestAddWorkspaceMember(t *testing.T) {
	add := func(user, role string) string { return fmt.Sprintf(`{"userId":%q,"role":%q}`, user, role) }
	tests := []struct {
		name, as, id, body string
		status             int
		message            string
	}{
		{"its ADMIN adds", "OWNER", SampleResearchID, add(SampleWorkspacesID, "WRITE"), http.StatusOK, ""},
		{"an unvalidated user may be added", "OWNER", SampleResearchID, add(SampleBillingID, "READ"), http.StatusOK, ""},
		{"already a member", "OWNER", SampleResearchID, add(SampleAdminID, "ADMIN"), http.StatusConflict, "User is already a member of this workspace"},
		{"a deleted user", "OWNER", SampleResearchID, add(SampleDeletedID, "READ"), http.StatusNotFound, "Target user not found"},
		{"an unknown user", "OWNER", SampleResearchID, add("no-such-user", "READ"), http.StatusNotFound, "Target user not found"},
		{"a role outside the three", "OWNER", SampleResearchID, add(SampleWorkspacesID, "admin"), http.StatusBadRequest, "Invalid role: must be READ, WRITE or ADMIN"},
		{"no role", "OWNER", SampleResearchID, fmt.Sprintf(`{"userId":%q}`, SampleWorkspacesID), http.StatusBadRequest, "userId and role are required"},
		{"a READ member", "edsger", SampleResearchID, add(SampleWorkspacesID, "READ"), http.StatusForbidden, "Insufficient permissions to manage workspace users"},
		{"a non-member OWNER", "OWNER", SampleArchiveID, add(SampleWorkspacesID, "READ"), http.StatusNotFound, "Workspace not found or access denied"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := workspaceOrg(t)
			before, _ := o.fake.Workspace(tc.id)
			o.as(tc.as, http.MethodPost, "/workspace/"+tc.id+"/users", tc.body).expect(t, tc.status, tc.message)
			after, _ := o.fake.Workspace(tc.id)
			grew := len(after.Members) - len(before.Members)
			if want := map[bool]int{true: 1, false: 0}[tc.status == http.StatusOK]; grew != want {
				t.Errorf("the workspace grew by %d members, want %d", grew, want)
			}
			if tc.status == http.StatusConflict && !reflect.DeepEqual(members(after), members(before)) {
				t.Errorf("a refused add changed a role: %v", members(after))
			}
		})
	}
}

func TestMemberRoleAndRemoval(t *testing.T) {
	o := workspaceOrg(t)
	path := "/workspace/" + SampleResearchID + "/users/"
	o.as("alan", http.MethodPut, path+SampleUserID, `{"role":"ADMIN"}`).expect(t, http.StatusForbidden, "Insufficient permissions to manage workspace users")
	o.as("OWNER", http.MethodPut, path+SampleWorkspacesID, `{"role":"READ"}`).expect(t, http.StatusNotFound, "User not found in workspace")
	o.as("OWNER", http.MethodPut, path+SampleUserID, `{"role":"OWNER"}`).expect(t, http.StatusBadRequest, "Invalid role: must be READ, WRITE or ADMIN")
	o.as("OWNER", http.MethodPut, path+SampleUserID, `{"role":"ADMIN"}`).expect(t, http.StatusOK, "")
	// edsger, ADMIN now, may manage members.
	o.as("edsger", http.MethodDelete, path+SampleAdminID, "").expect(t, http.StatusOK, "")
	o.as("edsger", http.MethodDelete, path+SampleAdminID, "").expect(t, http.StatusNotFound, "User not found in workspace")
	// The fake does not guard the last ADMIN: ada demotes herself, then edsger removes himself.
	o.as("OWNER", http.MethodPut, path+SampleOwnerID, `{"role":"READ"}`).expect(t, http.StatusOK, "")
	o.as("edsger", http.MethodDelete, path+SampleUserID, "").expect(t, http.StatusOK, "")
	w, _ := o.fake.Workspace(SampleResearchID)
	if got := members(w); !reflect.DeepEqual(got, []string{SampleOwnerID + ":READ"}) {
		t.Errorf("members = %v", got)
	}
	// Removed from the workspace, edsger no longer sees it.
	o.as("edsger", http.MethodGet, "/workspace/"+SampleResearchID, "").expect(t, http.StatusNotFound, "Workspace not found or access denied")
}

func TestWorkspaceHelpers(t *testing.T) {
	o := newOrg(t)
	id := o.fake.AddWorkspace("Ops", map[string]string{SampleAdminID: "READ", SampleUserID: "ADMIN", SampleOwnerID: "WRITE"})
	w, ok := o.fake.Workspace(id)
	want := []string{SampleUserID + ":ADMIN", SampleAdminID + ":READ", SampleOwnerID + ":WRITE"}
	if !ok || w.Name != "Ops" || w.OrgID != SampleOrgID || !reflect.DeepEqual(members(w), want) {
		t.Fatalf("AddWorkspace made %+v, want members %v", w, want)
	}
	o.fake.RenameWorkspaceOutside(id, "Operations")
	o.fake.SetWorkspaceMember(id, SampleAdminID, "")
	o.fake.SetWorkspaceMember(id, SampleUserID, "WRITE")
	o.fake.SetWorkspaceMember(id, SampleWorkspacesID, "READ")
	w, _ = o.fake.Workspace(id)
	want = []string{SampleUserID + ":WRITE", SampleOwnerID + ":WRITE", SampleWorkspacesID + ":READ"}
	if w.Name != "Operations" || !reflect.DeepEqual(members(w), want) {
		t.Errorf("after the drift: %q %v, want %v", w.Name, members(w), want)
	}
	// Copies: changing what a test holds changes nothing in the fake.
	w.Members[0].Role = "ADMIN"
	if again, _ := o.fake.Workspace(id); again.Members[0].Role != "WRITE" {
		t.Error("Workspace returned the fake's own members")
	}
	if got := o.fake.Workspaces(); len(got) != 1 || got[0].ID != id {
		t.Errorf("Workspaces = %+v", got)
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), id) {
			t.Errorf("an unknown id did not panic with the known ids: %v", r)
		}
	}()
	o.fake.SetWorkspaceContents("no-such-workspace", 1, 0)
}
