package client

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// referenceBody is the 200 example of the API reference for
// GET /organization/users, byte for byte but for the emails, which the
// page's obfuscation turned into "[email protected]" with a no-break space.
const referenceBody = `{
  "success": true,
  "data": [
    {
      "id": "550e8400-e29b-41d4-a716-446655440000",
      "email": "[email\u00a0protected]",
      "name": "John",
      "lastName": "Doe",
      "orgId": "123e4567-e89b-12d3-a456-426614174000",
      "orgRole": 2,
      "validated": true,
      "deletedAt": null,
      "orgRoleDescription": "WORKSPACES",
      "orgRoles": [0, 1, 2]
    },
    {
      "id": "660e8400-e29b-41d4-a716-446655440001",
      "email": "[email\u00a0protected]",
      "name": "Jane",
      "lastName": "Smith",
      "orgId": "123e4567-e89b-12d3-a456-426614174000",
      "orgRole": 0,
      "validated": true,
      "deletedAt": null,
      "orgRoleDescription": "USER",
      "orgRoles": [0]
    }
  ],
  "total": 2
}`

func TestDecodeReferenceExample(t *testing.T) {
	base, _ := scripted(t, okBody(referenceBody))
	list := mustList(t, newTestClient(t, base))

	const org = "123e4567-e89b-12d3-a456-426614174000"
	const mail = "[email\u00a0protected]"
	want := []User{
		{
			ID: ptr("550e8400-e29b-41d4-a716-446655440000"), Email: ptr(mail), Name: ptr("John"), LastName: ptr("Doe"),
			OrgID: ptr(org), OrgRole: ptr[int64](2), Validated: ptr(true), OrgRoleDescription: ptr("WORKSPACES"),
			OrgRoles: Codes(0, 1, 2),
		},
		{
			ID: ptr("660e8400-e29b-41d4-a716-446655440001"), Email: ptr(mail), Name: ptr("Jane"), LastName: ptr("Smith"),
			OrgID: ptr(org), OrgRole: ptr[int64](0), Validated: ptr(true), OrgRoleDescription: ptr("USER"),
			OrgRoles: Codes(0),
		},
	}
	if !reflect.DeepEqual(list.Users(), want) {
		t.Errorf("users:\n got %s\nwant %s", dumpUsers(list.Users()), dumpUsers(want))
	}
	if list.Total != 2 {
		t.Errorf("Total = %d, want 2", list.Total)
	}
	if got := list.OrgID(); got == nil || *got != org {
		t.Errorf("OrgID() = %v, want %s", got, org)
	}
	for i := range list.Users() {
		if list.Users()[i].Deleted() {
			t.Errorf("user %d is deleted, but deletedAt is null", i)
		}
	}
}

func TestDecodeNullAndMissingFieldsAreNil(t *testing.T) {
	body := `{"success": true, "data": [
	  {"id": "b", "email": null, "name": null, "lastName": null, "orgId": null, "orgRole": null,
	   "validated": null, "deletedAt": null, "orgRoleDescription": null, "orgRoles": null},
	  {"id": "a"}
	], "total": 2}`
	base, _ := scripted(t, okBody(body))
	list := mustList(t, newTestClient(t, base))
	if list.Len() != 2 {
		t.Fatalf("got %d users, want 2", list.Len())
	}
	for _, u := range list.Users() {
		if u.ID == nil {
			t.Fatalf("id lost: %s", dumpUsers(list.Users()))
		}
		id := *u.ID
		u.ID = nil
		if !reflect.DeepEqual(u, User{OrgRoles: u.OrgRoles}) {
			t.Errorf("user %s: null or missing fields are not nil: %s", id, dumpUsers([]User{u}))
		}
		if len(u.OrgRoles) != 0 {
			t.Errorf("user %s: orgRoles = %v, want empty", id, u.OrgRoles)
		}
		if u.Deleted() {
			t.Errorf("user %s: Deleted() with no deletedAt", id)
		}
	}
	if list.OrgID() != nil {
		t.Errorf("OrgID() = %q, want nil when no user has one", *list.OrgID())
	}
}

func TestDecodeEmptyOrgRolesAndFalseValues(t *testing.T) {
	// Zero values that the API sent must stay distinct from absent ones.
	body := `{"success": true, "data": [{"id": "a", "email": "", "orgRole": 0, "validated": false, "orgRoles": [],
	  "deletedAt": "2026-03-14T09:26:53.000Z"}]}`
	base, _ := scripted(t, okBody(body))
	list := mustList(t, newTestClient(t, base))
	u := list.Users()[0]
	if u.Email == nil || *u.Email != "" {
		t.Errorf("empty email = %v, want a pointer to \"\"", u.Email)
	}
	if u.OrgRole == nil || *u.OrgRole != 0 {
		t.Errorf("orgRole 0 = %v, want a pointer to 0", u.OrgRole)
	}
	if u.Validated == nil || *u.Validated {
		t.Errorf("validated false = %v, want a pointer to false", u.Validated)
	}
	if len(u.OrgRoles) != 0 {
		t.Errorf("orgRoles = %v, want empty", u.OrgRoles)
	}
	if !u.Deleted() || *u.DeletedAt != "2026-03-14T09:26:53.000Z" {
		t.Errorf("deletedAt = %v, Deleted() = %t; want the timestamp and true", u.DeletedAt, u.Deleted())
	}
}

// TestDecodeNullInsideOrgRoles: a null inside orgRoles stays null, so
// that no role is invented; users that share a list with and without the
// null keep theirs apart.
func TestDecodeNullInsideOrgRoles(t *testing.T) {
	base, _ := scripted(t, okBody(`{"data": [{"id": "a", "orgRoles": [0, null, 2]}, {"id": "b", "orgRoles": [0, 0, 2]}, {"id": "c", "orgRoles": [null]}]}`))
	users := mustList(t, newTestClient(t, base)).Users()
	want := map[string]string{"a": `["0" nil "2"]`, "b": `["0" "0" "2"]`, "c": "[nil]"}
	for _, u := range users {
		if got := showRoles(u.OrgRoles); got != want[*u.ID] {
			t.Errorf("user %s: orgRoles = %s, want %s", *u.ID, got, want[*u.ID])
		}
	}
}

func TestDecodeIgnoresUnknownFields(t *testing.T) {
	body := `{"success": true, "apiVersion": "2.1", "meta": {"page": 1, "next": null}, "warnings": ["x"],
	  "data": [{"id": "a", "email": "` + email("ada", "example.com") + `", "avatarUrl": "https://cdn.example.com/a.png",
	  "preferences": {"theme": "dark"}, "orgRole": 255, "tags": [1, "two", null]}], "total": 1}`
	base, _ := scripted(t, okBody(body))
	list := mustList(t, newTestClient(t, base))
	want := []User{{ID: ptr("a"), Email: ptr(email("ada", "example.com")), OrgRole: ptr(RoleOwner)}}
	if !reflect.DeepEqual(list.Users(), want) {
		t.Errorf("users:\n got %s\nwant %s", dumpUsers(list.Users()), dumpUsers(want))
	}
}

func TestDecodeEnvelopeVariants(t *testing.T) {
	for _, tt := range envelopeVariants {
		t.Run(tt.name, func(t *testing.T) {
			base, _ := scripted(t, okBody(tt.body))
			list := mustList(t, newTestClient(t, base))
			if got := ids(list.Users()); !reflect.DeepEqual(got, tt.wantIDs) {
				t.Errorf("ids = %q, want %q", got, tt.wantIDs)
			}
			if list.Total != tt.wantTotal {
				t.Errorf("Total = %d, want %d", list.Total, tt.wantTotal)
			}
		})
	}
}

// filterUsers is an organization with every role, an unvalidated user, a
// deleted one, and users missing the role or the validated flag.
func filterUsers() []User {
	u := func(id string, role *int64, validated *bool, deleted bool) User {
		x := User{ID: ptr(id), OrgRole: role, Validated: validated}
		if deleted {
			x.DeletedAt = ptr("2026-01-02T03:04:05Z")
		}
		return x
	}
	return []User{
		u("owner", ptr(RoleOwner), ptr(true), false),
		u("admin", ptr(RoleAdministrator), ptr(true), false),
		u("ws", ptr(RoleWorkspaces), ptr(true), false),
		u("billing", ptr(RoleBilling), ptr(false), false),
		u("user", ptr(RoleUser), ptr(true), false),
		u("gone-admin", ptr(RoleAdministrator), ptr(true), true),
		u("no-role", nil, ptr(true), false),
		u("no-flag", ptr(RoleUser), nil, false),
		u("odd-role", ptr[int64](0x10), ptr(false), false),
	}
}

func TestFilter(t *testing.T) {
	tests := []struct {
		name   string
		filter Filter
		want   []string
	}{
		{"zero keeps every active user", Filter{},
			[]string{"owner", "admin", "ws", "billing", "user", "no-role", "no-flag", "odd-role"}},
		{"include deleted", Filter{IncludeDeleted: true},
			[]string{"owner", "admin", "ws", "billing", "user", "gone-admin", "no-role", "no-flag", "odd-role"}},
		{"roles", Filter{Roles: []int64{RoleUser, RoleOwner}}, []string{"owner", "user", "no-flag"}},
		{"roles with deleted", Filter{Roles: []int64{RoleAdministrator}, IncludeDeleted: true}, []string{"admin", "gone-admin"}},
		{"roles without deleted", Filter{Roles: []int64{RoleAdministrator}}, []string{"admin"}},
		{"undocumented role code", Filter{Roles: []int64{0x10}}, []string{"odd-role"}},
		{"min role workspaces keeps a null role", Filter{MinRole: ptr(RoleWorkspaces)}, []string{"owner", "admin", "ws", "odd-role", "no-role"}},
		{"min role owner keeps a null role", Filter{MinRole: ptr(RoleOwner)}, []string{"owner", "no-role"}},
		{"min role user keeps all", Filter{MinRole: ptr(RoleUser)},
			[]string{"owner", "admin", "ws", "billing", "user", "no-role", "no-flag", "odd-role"}},
		{"validated leaves a null flag out", Filter{Validated: ptr(true)}, []string{"owner", "admin", "ws", "user", "no-role"}},
		{"not validated keeps a null flag", Filter{Validated: ptr(false)}, []string{"billing", "odd-role", "no-flag"}},
		{"all together", Filter{Roles: []int64{RoleAdministrator, RoleBilling, RoleOwner}, MinRole: ptr(RoleBilling),
			Validated: ptr(true), IncludeDeleted: true}, []string{"owner", "admin", "gone-admin"}},
		{"nothing matches", Filter{Roles: []int64{RoleOwner}, Validated: ptr(false)}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			users := filterUsers()
			got := NewUserList(users, int64(len(users))).Select(&tt.filter)
			// Without emails, the list's order is the ids'.
			if gotIDs, want := ids(got), slices.Sorted(slices.Values(tt.want)); !slices.Equal(gotIDs, want) { // nil and empty are equal here
				t.Errorf("Select = %q, want %q", gotIDs, want)
			}
			for i := range users {
				if m, kept := tt.filter.Match(&users[i]), contains(tt.want, *users[i].ID); m != kept {
					t.Errorf("Match(%s) = %t, want %t", *users[i].ID, m, kept)
				}
			}
		})
	}
}

func TestSelectLeavesTheListAlone(t *testing.T) {
	list := NewUserList(filterUsers(), 9)
	before := list.Users()
	f := Filter{MinRole: ptr(RoleBilling)}
	kept := list.Select(&f)
	if len(kept) != 6 {
		t.Fatalf("kept %d users, want 6", len(kept))
	}
	// The result is a new array, of users of their own: writing to it or
	// growing it leaves the list intact.
	kept[0].Name = ptr("changed")
	kept[1].ID = nil
	kept = append(kept, User{ID: ptr("appended")})
	_ = kept
	if after := list.Users(); !reflect.DeepEqual(after, before) {
		t.Errorf("changing Select's result changed the list:\n got %s\nwant %s", dumpUsers(after), dumpUsers(before))
	}
	if got := NewUserList(nil, 0).Select(&Filter{}); got == nil || len(got) != 0 {
		t.Errorf("Select on an empty list = %#v, want an empty slice", got)
	}
}

// roleNamesRefused are names ParseRole refuses: case and spaces count.
var roleNamesRefused = []string{"owner", "Owner", " OWNER", "", "UNKNOWN", "ADMIN"}

func TestRoles(t *testing.T) {
	want := []struct {
		name string
		code int64
	}{{"USER", 0}, {"BILLING", 1}, {"WORKSPACES", 2}, {"ADMINISTRATOR", 0xfe}, {"OWNER", 0xff}}
	names := RoleNames()
	if len(names) != len(want) {
		t.Fatalf("RoleNames() = %q, want %d names", names, len(want))
	}
	for i, r := range want {
		if names[i] != r.name {
			t.Errorf("RoleNames()[%d] = %q, want %q (lowest to highest)", i, names[i], r.name)
		}
		if got := RoleName(r.code); got != r.name {
			t.Errorf("RoleName(%#x) = %q, want %q", r.code, got, r.name)
		}
		code, err := ParseRole(r.name)
		if err != nil || code != r.code {
			t.Errorf("ParseRole(%q) = %#x, %v; want %#x", r.name, code, err, r.code)
		}
	}
	names[0] = "MUTATED"
	if RoleNames()[0] != "USER" {
		t.Error("changing RoleNames()'s result changed the roles")
	}
	for _, code := range []int64{3, 0x10, 0xfd, 0x100, -1} {
		if got := RoleName(code); got != UnknownRoleName {
			t.Errorf("RoleName(%#x) = %q, want %q", code, got, UnknownRoleName)
		}
	}
	for _, name := range roleNamesRefused {
		code, err := ParseRole(name)
		if err == nil {
			t.Errorf("ParseRole(%q) = %#x, want an error", name, code)
			continue
		}
		wantContains(t, "ParseRole error", err.Error(), "USER, BILLING, WORKSPACES, ADMINISTRATOR, OWNER")
	}
}

func ids(users []User) []string {
	var out []string
	for _, u := range users {
		out = append(out, deref(u.ID))
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func dumpUsers(users []User) string {
	var sb strings.Builder
	for _, u := range users {
		fmt.Fprintf(&sb, "\n  {id:%s email:%s name:%s lastName:%s orgId:%s orgRole:%s validated:%s deletedAt:%s desc:%s orgRoles:%v}",
			show(u.ID), show(u.Email), show(u.Name), show(u.LastName), show(u.OrgID), show(u.OrgRole),
			show(u.Validated), show(u.DeletedAt), show(u.OrgRoleDescription), showRoles(u.OrgRoles))
	}
	return sb.String()
}

func showRoles(roles []*int64) string {
	if roles == nil {
		return "nil"
	}
	parts := make([]string, len(roles))
	for i, r := range roles {
		parts[i] = show(r)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

func show[T any](p *T) string {
	if p == nil {
		return "nil"
	}
	return fmt.Sprintf("%q", fmt.Sprint(*p))
}
