package fakeapi

import (
	"fmt"
	"net/http"
	"reflect"
	"testing"
)

func TestLogin(t *testing.T) {
	const pw = "correct horse"
	login := func(email, password string) string {
		return fmt.Sprintf(`{"email":%q,"password":%q}`, email, password)
	}
	tests := []struct {
		name, body string
		status     int
		code       string
	}{
		{"right password", login("ada@example.com", pw), http.StatusOK, ""},
		{"email in other case", login("Ada@Example.com", pw), http.StatusOK, ""},
		{"unknown email", login("nobody@example.com", pw), http.StatusUnauthorized, CodeUserNotFound},
		{"wrong password", login("ada@example.com", "wrong"), http.StatusUnauthorized, CodeInvalidPassword},
		{"no password set", login("edsger@example.com", pw), http.StatusUnauthorized, CodeNoPasswordSet},
		{"deleted user", login("mallory@example.com", pw), http.StatusUnauthorized, CodeUserInactive},
		{"deleted user, wrong password", login("mallory@example.com", "wrong"), http.StatusUnauthorized, CodeInvalidPassword},
		{"no password", `{"email":"ada@example.com"}`, http.StatusBadRequest, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := newOrg(t)
			for _, email := range []string{"ada@example.com", "mallory@example.com"} {
				if err := o.fake.SetPassword(email, pw); err != nil {
					t.Fatal(err)
				}
			}
			a := o.call("", http.MethodPost, "/user/login", tc.body)
			a.expect(t, tc.status, "")
			if a.body["error_code"] != map[bool]any{true: tc.code, false: nil}[tc.code != ""] {
				t.Errorf("error_code = %v, want %q", a.body["error_code"], tc.code)
			}
			if o.fake.Logins() != 1 {
				t.Errorf("Logins() = %d, want 1", o.fake.Logins())
			}
			if tc.status != http.StatusOK {
				return
			}
			for _, k := range []string{"accessToken", "refreshToken", "tokenId"} {
				if s, _ := a.body[k].(string); s == "" {
					t.Errorf("%s = %v, want a string", k, a.body[k])
				}
			}
			if _, ok := a.body["expiresAt"].(float64); !ok || a.body["success"] != true {
				t.Errorf("answer = %s", a.raw)
			}
			user, _ := a.body["user"].(map[string]any)
			if user["id"] != SampleOwnerID || user["email"] != "ada@example.com" || user["name"] != "Ada" || user["orgId"] != SampleOrgID {
				t.Errorf("user = %v", user)
			}
			// The token works, and then expires.
			token, _ := a.body["accessToken"].(string)
			o.call(token, http.MethodGet, "/user/profile", "").expect(t, http.StatusOK, "")
			o.fake.ExpireTokens()
			o.call(token, http.MethodGet, "/organization/users", "").expect(t, http.StatusUnauthorized, "Invalid or expired token")
			o.call(ownerToken, http.MethodGet, "/organization/users", "").expect(t, http.StatusOK, "")
		})
	}
}

func TestLoginGivesFreshTokens(t *testing.T) {
	o := newOrg(t)
	if err := o.fake.SetPassword("katherine@example.com", "pass-word"); err != nil {
		t.Fatal(err)
	}
	first := o.call("", http.MethodPost, "/user/login", `{"email":"katherine@example.com","password":"pass-word"}`)
	second := o.call("", http.MethodPost, "/user/login", `{"email":"katherine@example.com","password":"pass-word"}`)
	if first.body["accessToken"] == second.body["accessToken"] || first.body["refreshToken"] == second.body["refreshToken"] {
		t.Error("two sign-ins gave the same token")
	}
	if o.fake.Logins() != 2 {
		t.Errorf("Logins() = %d, want 2", o.fake.Logins())
	}
	// The token's caller is the user who signed in: a WORKSPACES user.
	secondToken, _ := second.body["accessToken"].(string)
	o.call(secondToken, http.MethodPost, "/organization/users",
		`{"email":"n@example.com","password":"s3cret-pass","firstName":"N","lastName":"N","orgRole":254}`).expect(t, http.StatusForbidden, "")
}

func TestLoginWithMFA(t *testing.T) {
	o := newOrg(t)
	org := o.fake.Organization()
	org.MFAEnforced = Ptr(true)
	o.fake.SetOrganization(org)
	if err := o.fake.SetPassword("ada@example.com", "pass-word"); err != nil {
		t.Fatal(err)
	}
	a := o.call("", http.MethodPost, "/user/login", `{"email":"ada@example.com","password":"pass-word"}`)
	a.expect(t, http.StatusOK, "")
	if a.body["mfaRequired"] != true || a.body["accessToken"] != nil {
		t.Errorf("answer = %s, want mfaRequired and no token", a.raw)
	}
	if p := o.as("OWNER", http.MethodGet, "/user/profile", ""); p.data(t)["mfaRequired"] != true {
		t.Errorf("profile = %s", p.raw)
	}
}

func TestCreatedUserCanSignIn(t *testing.T) {
	o := newOrg(t)
	o.as("OWNER", http.MethodPost, "/organization/users",
		`{"email":"new@example.com","password":"s3cret-pass","firstName":"N","lastName":"M"}`).expect(t, http.StatusCreated, "")
	o.call("", http.MethodPost, "/user/login", `{"email":"new@example.com","password":"s3cret-pass"}`).expect(t, http.StatusOK, "")
}

func TestProfile(t *testing.T) {
	o := newOrg(t)
	d := o.as("OWNER", http.MethodGet, "/user/profile", "").data(t)
	want := map[string]any{
		"id": SampleOwnerID, "name": "Ada", "lastName": "Lovelace", "email": "ada@example.com", "orgId": SampleOrgID,
		"orgRole": 255.0, "orgRoleDescription": "OWNER", "orgRoles": []any{0.0, 1.0, 2.0, 254.0, 255.0}, "validated": true, "mfaRequired": false,
	}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("profile =\n%v\nwant\n%v", d, want)
	}
	if d := o.as("BILLING", http.MethodGet, "/user/profile", "").data(t); d["id"] != SampleBillingID || d["orgRole"] != 1.0 {
		t.Errorf("billing profile = %v", d)
	}
	// A deleted caller's token stops working.
	if err := o.fake.DeleteUser(SampleUserID); err != nil {
		t.Fatal(err)
	}
	o.as("USER", http.MethodGet, "/user/profile", "").expect(t, http.StatusUnauthorized, "")
	o.call("", http.MethodGet, "/user/profile", "").expect(t, http.StatusUnauthorized, "Invalid or expired token")
	o.call("not-a-token", http.MethodGet, "/user/profile", "").expect(t, http.StatusUnauthorized, "")

	// With no OWNER among the users, the static token's caller is an unlisted OWNER.
	ref := &org{t: t, url: serve(t, New(ownerToken, ReferenceUsers()))}
	if d := ref.call(ownerToken, http.MethodGet, "/user/profile", "").data(t); d["id"] != TokenOwnerID || d["orgRole"] != 255.0 ||
		d["orgId"] != "123e4567-e89b-12d3-a456-426614174000" {
		t.Errorf("the unlisted owner = %v", d)
	}
}

func TestSetCaller(t *testing.T) {
	o := newOrg(t)
	if err := o.fake.SetCaller(SampleBillingID); err != nil {
		t.Fatal(err)
	}
	o.as("OWNER", http.MethodGet, "/organization/users", "").expect(t, http.StatusForbidden, "")
	if err := o.fake.SetCaller("no-such-id"); err == nil {
		t.Error("SetCaller accepted an unknown id")
	}
}

func TestOrganization(t *testing.T) {
	o := newOrg(t)
	a := o.as("USER", http.MethodGet, "/organization/"+SampleOrgID, "")
	a.expect(t, http.StatusOK, "")
	d := a.data(t)
	for _, k := range []string{"id", "name", "domain", "address1", "address2", "city", "zipcode", "phone", "state", "country",
		"deletedAt", "reposDisabled", "website", "is_business", "mfaEnforced"} {
		if _, ok := d[k]; !ok {
			t.Errorf("the organization has no %q", k)
		}
	}
	if d["id"] != SampleOrgID || d["mfaEnforced"] != false {
		t.Errorf("organization = %v", d)
	}
	denied := o.as("OWNER", http.MethodGet, "/organization/"+OtherOrgID, "")
	denied.expect(t, http.StatusForbidden, "Access denied: you can only view your own organization")
	if v, ok := denied.body["data"]; !ok || v != nil {
		t.Errorf("403 data = %v, want null", v)
	}
	o.as("OWNER", http.MethodGet, "/organization/no-such-org", "").expect(t, http.StatusNotFound, "")
	o.fake.AddOrganization("another")
	o.as("OWNER", http.MethodGet, "/organization/another", "").expect(t, http.StatusForbidden, "")
	o.call("", http.MethodGet, "/organization/"+SampleOrgID, "").expect(t, http.StatusUnauthorized, "")
}
