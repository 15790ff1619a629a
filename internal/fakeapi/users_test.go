package fakeapi

import (
	"fmt"
	"net/http"
	"reflect"
	"testing"
)

func TestCreateUser(t *testing.T) {
	body := func(email, password string, extra string) string {
		return fmt.Sprintf(`{"email":%q,"password":%q,"firstName":"New","lastName":"Member"%s}`, email, password, extra)
	}
	tests := []struct {
		name, as, body string
		status         int
		message        string
	}{
		{"owner adds a user", "OWNER", body("new@example.com", "s3cret-pass", ""), http.StatusCreated, "User created successfully"},
		{"8 characters are enough", "OWNER", body("new@example.com", "abcdefgh", ""), http.StatusCreated, ""},
		{"workspaces adds billing", "WORKSPACES", body("new@example.com", "s3cret-pass", `,"orgRole":1`), http.StatusCreated, ""},
		{"workspaces adds workspaces", "WORKSPACES", body("new@example.com", "s3cret-pass", `,"orgRole":2`), http.StatusCreated, ""},
		{"workspaces may not add an administrator", "WORKSPACES", body("new@example.com", "s3cret-pass", `,"orgRole":254`), http.StatusForbidden,
			"Insufficient permissions: cannot manage role ADMINISTRATOR with role WORKSPACES"},
		{"billing may not manage users", "BILLING", body("new@example.com", "s3cret-pass", ""), http.StatusForbidden, "Insufficient permissions to manage users"},
		{"no token", "", body("new@example.com", "s3cret-pass", ""), http.StatusUnauthorized, "Invalid or expired token"},
		{"missing first name", "OWNER", `{"email":"new@example.com","password":"s3cret-pass","lastName":"M"}`, http.StatusBadRequest, "Missing required fields: firstName"},
		{"blank email and password", "OWNER", body(" ", "", ""), http.StatusBadRequest, "Missing required fields: email, password"},
		{"email without a domain", "OWNER", body("new@", "s3cret-pass", ""), http.StatusBadRequest, "Invalid email address"},
		{"password of 7 characters", "OWNER", body("new@example.com", "abcdefg", ""), http.StatusBadRequest, "Password is too weak: it must be at least 8 characters long"},
		{"a reserved role code", "OWNER", body("new@example.com", "s3cret-pass", `,"orgRole":3`), http.StatusBadRequest, "Invalid role combination"},
		{"email taken, other case", "OWNER", body("ADA@example.com", "s3cret-pass", ""), http.StatusConflict, "A user with this email already exists"},
		{"email of a deleted user", "OWNER", body("mallory@example.com", "s3cret-pass", ""), http.StatusConflict, "A user with this email already exists"},
		{"not JSON", "OWNER", `email=new@example.com`, http.StatusBadRequest, "Invalid request body"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := newOrg(t)
			token := ""
			if tc.as != "" {
				token = o.tokens[tc.as]
			}
			before := len(o.fake.Users())
			a := o.call(token, http.MethodPost, "/organization/users", tc.body)
			a.expect(t, tc.status, tc.message)
			grew := len(o.fake.Users()) - before
			if want := map[bool]int{true: 1, false: 0}[tc.status == http.StatusCreated]; grew != want {
				t.Errorf("the organization grew by %d users, want %d", grew, want)
			}
		})
	}
}

func TestCreateUserState(t *testing.T) {
	o := newOrg(t)
	o.as("OWNER", http.MethodGet, "/organization/users", "").expect(t, http.StatusOK, "")
	a := o.as("OWNER", http.MethodPost, "/organization/users",
		`{"email":"new@example.com","password":"s3cret-pass","firstName":"New","lastName":"Member","orgRole":2}`)
	a.expect(t, http.StatusCreated, "")
	d := a.data(t)
	id, _ := d["id"].(string)
	if id == "" || d["validated"] != false || d["orgRole"] != 2.0 || d["orgRoleDescription"] != "WORKSPACES" ||
		d["name"] != "New" || d["lastName"] != "Member" || d["orgId"] != SampleOrgID || d["deletedAt"] != nil {
		t.Errorf("created user = %v", d)
	}
	if !reflect.DeepEqual(d["orgRoles"], []any{0.0, 1.0, 2.0}) {
		t.Errorf("orgRoles = %v, want the codes up to WORKSPACES", d["orgRoles"])
	}
	if u := o.stored(id); deref(u.Email) != "new@example.com" {
		t.Errorf("stored email = %v", deref(u.Email))
	}
	if p, ok := o.fake.Password("new@example.com"); !ok || p != "s3cret-pass" {
		t.Errorf("stored password = %q, %v", p, ok)
	}
	if got := o.fake.Invitations(); !reflect.DeepEqual(got, []string{"new@example.com"}) {
		t.Errorf("invitations = %v", got)
	}
	o.as("OWNER", http.MethodPost, "/organization/users",
		`{"email":"quiet@example.com","password":"s3cret-pass","firstName":"Q","lastName":"Q","sendInvite":false}`).expect(t, http.StatusCreated, "")
	if got := o.fake.Invitations(); len(got) != 1 {
		t.Errorf("sendInvite false sent an invitation: %v", got)
	}
	if u, ok := o.fake.UserByEmail("QUIET@example.com"); !ok || deref(u.OrgRole) != RoleUser {
		t.Errorf("the default role is not USER: %v", deref(u.OrgRole))
	}
	// The new user is listed.
	list := o.as("OWNER", http.MethodGet, "/organization/users", "")
	if list.body["total"] != 9.0 {
		t.Errorf("total after two creates = %v, want 9", list.body["total"])
	}
}

func TestGetUser(t *testing.T) {
	tests := []struct {
		name, as, id string
		status       int
		message      string
		deleted      bool
	}{
		{"a user, bare", "OWNER", SampleUserID, http.StatusOK, "", false},
		{"workspaces may read", "WORKSPACES", SampleOwnerID, http.StatusOK, "", false},
		{"a deleted user", "OWNER", SampleDeletedID, http.StatusOK, "", true},
		{"unknown", "OWNER", "no-such-id", http.StatusNotFound, "User not found", false},
		{"billing may not", "BILLING", SampleUserID, http.StatusForbidden, "Insufficient permissions to view users", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := newOrg(t)
			a := o.as(tc.as, http.MethodGet, "/organization/users/"+tc.id, "")
			a.expect(t, tc.status, tc.message)
			if tc.status != http.StatusOK {
				return
			}
			if _, enveloped := a.body["success"]; enveloped || a.body["id"] != tc.id {
				t.Errorf("want the bare user %s, got %s", tc.id, a.raw)
			}
			if (a.body["deletedAt"] != nil) != tc.deleted {
				t.Errorf("deletedAt = %v", a.body["deletedAt"])
			}
		})
	}
}

func TestListUsers(t *testing.T) {
	o := newOrg(t)
	a := o.as("WORKSPACES", http.MethodGet, "/organization/users", "")
	a.expect(t, http.StatusOK, "")
	users, _ := a.body["data"].([]any)
	if a.body["success"] != true || len(users) != 7 || a.body["total"] != 7.0 {
		t.Fatalf("list = %s", a.raw)
	}
	if last, _ := users[6].(map[string]any); last["id"] != SampleDeletedID || last["deletedAt"] == nil {
		t.Errorf("the deleted user is not listed with deletedAt: %v", last)
	}
	if a.raw != string(o.fake.ListBody()) || a.raw != string(UsersBody(SampleUsers())) {
		t.Error("the served list differs from ListBody or UsersBody")
	}
	denied := o.as("BILLING", http.MethodGet, "/organization/users", "")
	denied.expect(t, http.StatusForbidden, "Insufficient permissions to view users")
	if d, _ := denied.body["data"].([]any); d == nil || len(d) != 0 || denied.body["total"] != 0.0 {
		t.Errorf("403 body = %s, want data [] and total 0", denied.raw)
	}
	o.fake.SetTotal(20)
	if a := o.as("OWNER", http.MethodGet, "/organization/users", ""); a.body["total"] != 20.0 {
		t.Errorf("total after SetTotal = %v", a.body["total"])
	}
}

// TestNewKeepsTheCallersUsers: the server works on its own copy.
func TestNewKeepsTheCallersUsers(t *testing.T) {
	users := SampleUsers()
	fake := New(ownerToken, users)
	if err := fake.DeleteUser(SampleUserID); err != nil {
		t.Fatal(err)
	}
	if err := fake.SetRole(SampleAdminID, RoleUser); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(users, SampleUsers()) {
		t.Error("the slice given to New changed")
	}
	if u, _ := fake.User(SampleAdminID); deref(u.OrgRoleDescription) != "USER" || !reflect.DeepEqual(u.OrgRoles, []int64{0}) {
		t.Errorf("SetRole left %v %v", deref(u.OrgRoleDescription), u.OrgRoles)
	}
}

// TestEmailsCompareASCIICaseOnly: the fake's documented rule. Characters
// that a Unicode normalization or case folding would merge stay apart.
func TestEmailsCompareASCIICaseOnly(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"Ken@Example.com", "kEN@example.COM", true},
		{"\u212aen@example.com", "ken@example.com", false},
		{"\u212bsa@example.com", "\u00e5sa@example.com", false},
		{"\u2126@example.com", "\u03c9@example.com", false},
		{"op\u017f@example.com", "ops@example.com", false},
		{"\u00e9lodie@example.com", "\u00c9lodie@example.com", false},
		{"rene\u0301@example.com", "ren\u00e9@example.com", false},
	} {
		if got := sameEmail(tc.a, tc.b); got != tc.same {
			t.Errorf("sameEmail(%+q, %+q) = %v, want %v", tc.a, tc.b, got, tc.same)
		}
	}
}
