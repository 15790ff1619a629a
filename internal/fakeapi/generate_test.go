package fakeapi

import (
	"encoding/json"
	"fmt"
	"testing"
)

// TestUsersBodyIsJSONMarshal holds the hand-written body encoder to
// json.Marshal's bytes, on generated users and on every kind of value a
// field can hold: null, empty, characters json.Marshal escapes, invalid UTF-8.
func TestUsersBodyIsJSONMarshal(t *testing.T) {
	odd := []string{"", `quote " and \ backslash`, "<tag> & more", "tab\tnew\nline\r\x00\x1f\x7f", "caf\u00e9 \u2028 \u2029 \U0001F600", "bad \xff\xfe utf-8", "/slash"}
	var users []User
	for i, s := range odd {
		users = append(users, User{ID: Ptr(s), Email: Ptr(s), Name: Ptr(s), LastName: Ptr(s), OrgID: Ptr(s),
			OrgRole: Ptr(int64(i - 3)), Validated: Ptr(i%2 == 0), DeletedAt: Ptr(s), OrgRoleDescription: Ptr(s), OrgRoles: []int64{}})
	}
	users = append(users, User{}, User{OrgRoles: []int64{-9223372036854775808, 9223372036854775807}})
	for name, set := range map[string][]User{
		"odd values": users, "none": nil, "empty": {}, "sample": SampleUsers(), "reference": ReferenceUsers(),
		"generated": GenerateUsers(500), "policy": GenerateOrganization(500, 100),
	} {
		for _, total := range []int64{int64(len(set)), -1} {
			want, err := json.Marshal(map[string]any{"success": true, "data": append([]User{}, set...), "total": total})
			if err != nil {
				t.Fatal(err)
			}
			if got := usersBody(set, total); string(got) != string(want) {
				t.Errorf("%s, total %d:\n got %s\nwant %s", name, total, got, want)
			}
		}
	}
}

// TestGeneratedUsers checks the generated organizations against an
// independent picture of them: the ids formatted by fmt, and the role
// spread of each mix.
func TestGeneratedUsers(t *testing.T) {
	const n = 20_000
	for _, tt := range []struct {
		adminEvery     int
		owners, admins int
	}{
		{adminEvery: 0, owners: n / 50, admins: n/20 - n/100},
		{adminEvery: 10_000, owners: 1, admins: 2},
	} {
		users := GenerateOrganization(n, tt.adminEvery)
		counts := map[int64]int{}
		deleted := 0
		for i, u := range users {
			k := (i*7919 + 13) % n
			wantID := fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", k, k%65536, k%4096, (k*7)%4096, k*2654435761%(1<<48))
			local := fmt.Sprintf("user%07d", k)
			if k%3 == 0 {
				local = fmt.Sprintf("User%07d", k)
			}
			if *u.ID != wantID || *u.Email != local+"@example.com" || *u.Name != fmt.Sprintf("Given%d", k) || *u.LastName != fmt.Sprintf("Family%d", k) {
				t.Fatalf("user %d (k=%d) = %s %s %s %s", i, k, *u.ID, *u.Email, *u.Name, *u.LastName)
			}
			if *u.OrgID != generatedOrgID || *u.OrgRoleDescription != RoleName(*u.OrgRole) || *u.Validated != (k%13 != 0) || (u.DeletedAt != nil) != (k%41 == 0) {
				t.Fatalf("user %d (k=%d): %+v", i, k, u)
			}
			counts[*u.OrgRole]++
			if u.DeletedAt != nil {
				deleted++
			}
		}
		if counts[RoleOwner] != tt.owners || counts[RoleAdministrator] != tt.admins {
			t.Errorf("adminEvery %d: %d owners and %d administrators, want %d and %d", tt.adminEvery, counts[RoleOwner], counts[RoleAdministrator], tt.owners, tt.admins)
		}
		if counts[RoleUser] == 0 || counts[RoleBilling] == 0 || counts[RoleWorkspaces] == 0 || deleted == 0 {
			t.Errorf("adminEvery %d: roles %v, %d deleted: want every lesser role and some deleted users", tt.adminEvery, counts, deleted)
		}
	}
}
