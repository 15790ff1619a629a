package organization

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

func TestListProblem(t *testing.T) {
	str := func(s string) *string { return &s }
	code := func(c int64) *int64 { return &c }
	whole := func() client.User {
		return client.User{ID: str("u1"), Email: str("ada@example.com"), Name: str("Ada"), LastName: str("Lovelace"), OrgRole: code(client.RoleOwner)}
	}
	for _, tc := range []struct {
		name            string
		change          func(*client.User)
		withoutResource string // the problem when the resource is not asked for
		withResource    string
	}{
		{"whole", func(*client.User) {}, "", ""},
		{"no id", func(u *client.User) { u.ID = nil }, "the API gave no id for it", "the API gave no id for it"},
		{"deleted", func(u *client.User) { u.DeletedAt = str("2026-01-01T00:00:00Z") }, "",
			"it is deleted, and a deleted user cannot be imported: declare it, and apply to reactivate it"},
		{"no email", func(u *client.User) { u.Email = nil }, "", "the API gave no email for it"},
		{"no name", func(u *client.User) { u.Name = nil }, "", "it has no first name (name) in Flashback"},
		{"no last name", func(u *client.User) { u.LastName = nil }, "", "it has no last name (last_name) in Flashback"},
		{"no role", func(u *client.User) { u.OrgRole = nil }, "", "the API gave no role for it"},
		{"reserved role", func(u *client.User) { u.OrgRole = code(3) }, "",
			"its role code 3 is none of USER, BILLING, WORKSPACES, ADMINISTRATOR, OWNER"},
		// The resource's own checks, on what the configuration would hold.
		{"blank name", func(u *client.User) { u.Name = str("  ") }, "",
			"its name fails the resource's check: Attribute name must not be blank, got:   "},
		{"email without @", func(u *client.User) { u.Email = str("[email\u00a0protected]") }, "",
			"its email fails the resource's check: Attribute email must be an email address, such as name@example.com, got: [email\u00a0protected]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := whole()
			tc.change(&u)
			if got := listProblem(t.Context(), &u, false); got != tc.withoutResource {
				t.Errorf("without the resource: %q, want %q", got, tc.withoutResource)
			}
			if got := listProblem(t.Context(), &u, true); got != tc.withResource {
				t.Errorf("with the resource: %q, want %q", got, tc.withResource)
			}
		})
	}
}

// TestLeftOutWarningIsBounded names at most maxLeftOutNamed users, and
// counts the rest.
func TestLeftOutWarningIsBounded(t *testing.T) {
	var left []leftOut
	for i := range maxLeftOutNamed + 3 {
		id := fmt.Sprintf("u%02d", i)
		left = append(left, leftOut{user: &client.User{ID: &id}, problem: "a reason"})
	}
	var diags diag.Diagnostics
	addLeftOutWarning(&diags, left)
	if len(diags) != 1 {
		t.Fatalf("got %d diagnostics, want 1 warning", len(diags))
	}
	detail := diags[0].Detail()
	if n := strings.Count(detail, ": a reason"); n != maxLeftOutNamed {
		t.Errorf("the warning names %d users, want %d:\n%s", n, maxLeftOutNamed, detail)
	}
	if !strings.Contains(detail, "\n  - and 3 more\n") || !strings.HasPrefix(detail, "23 users match") {
		t.Errorf("the warning does not count the others:\n%s", detail)
	}
}

// TestListWithoutClient says why a query cannot run: the provider's
// settings are not known, or the provider is not configured.
func TestListWithoutClient(t *testing.T) {
	for _, tc := range []struct {
		name     string
		provider framework.ProviderClient
		summary  string
		detail   string
	}{
		{"settings not known", framework.ProviderClient{Pending: framework.PendingSettings{"access_token"}}, "Flashback provider settings not known",
			"terraform query needs the provider's access_token, which is only known after an apply, and a query makes none. " +
				"Set access_token to a value known without an apply: a variable, or the provider's environment variable."},
		{"not configured", framework.ProviderClient{}, "Flashback provider not configured",
			"The query ran before the provider was configured. Check the provider block for errors, and run again."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &OrganizationUserListResource{provider: tc.provider}
			var stream list.ListResultsStream
			r.List(t.Context(), list.ListRequest{}, &stream)
			var diags diag.Diagnostics
			for result := range stream.Results {
				diags.Append(result.Diagnostics...)
			}
			if len(diags) != 1 || diags[0].Severity() != diag.SeverityError || diags[0].Summary() != tc.summary || diags[0].Detail() != tc.detail {
				t.Errorf("got %v, want the error %q: %q", diags, tc.summary, tc.detail)
			}
		})
	}
}
