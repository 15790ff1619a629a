package client

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestFindWorkspace(t *testing.T) {
	list := []Workspace{{ID: "w1", Name: "Ops"}, {ID: "w2", Name: "Research"}, {ID: "w3", Name: "Research"}, {ID: "w4", Name: "ops"}}
	for _, tc := range []struct {
		field LookupField
		value string
		want  string
	}{{ByID, "w3", "w3"}, {ByName, "Ops", "w1"}, {ByName, "ops", "w4"}} {
		w, err := FindWorkspace(list, tc.field, tc.value)
		if err != nil || w.ID != tc.want {
			t.Errorf("FindWorkspace(%s %q) = %q, %v; want %q", tc.field, tc.value, w.ID, err, tc.want)
		}
	}

	_, err := FindWorkspace(list, ByName, "Research")
	var le *LookupError
	if !errors.As(err, &le) || le.Kind != LookupAmbiguous || le.Field != ByName ||
		!strings.Contains(le.Detail, `2 workspaces are named "Research": ids "w2", "w3".`) {
		t.Errorf("a shared name: %v", err)
	}
	for _, tc := range []struct {
		field LookupField
		value string
	}{{ByName, "OPS "}, {ByID, "W1"}} {
		_, err := FindWorkspace(list, tc.field, tc.value)
		if !errors.As(err, &le) || le.Kind != LookupNotFound || le.Field != tc.field ||
			!strings.Contains(le.Detail, "None of the 4 workspaces the token's user is a member of has the "+string(tc.field)) ||
			!strings.Contains(le.Detail, WorkspaceVisibility) {
			t.Errorf("%s %q not found: %v", tc.field, tc.value, err)
		}
	}
}

func TestMembersByEmail(t *testing.T) {
	s := func(v string) *string { return &v }
	in := []WorkspaceMember{
		{UserID: "u1", Email: s("zed@example.com")}, {UserID: "u2", Email: s("Ada@example.com")},
		{UserID: "u3"}, {UserID: "u0", Email: s("ada@example.com")}, {UserID: "u4", Email: s("bob@example.com")},
	}
	got := MembersByEmail(in)
	var ids []string
	for _, m := range got {
		ids = append(ids, m.UserID)
	}
	// No email sorts as "", first; emails ignoring case, then user id.
	if want := []string{"u3", "u0", "u2", "u4", "u1"}; !slices.Equal(ids, want) {
		t.Errorf("order = %v, want %v", ids, want)
	}
	if in[0].UserID != "u1" {
		t.Error("MembersByEmail sorted its argument in place")
	}
}

func TestMembersWithEmail(t *testing.T) {
	w := &Workspace{ID: "ws", Members: []WorkspaceMember{
		{UserID: "u1", Email: ptr("Ada@Example.com")}, {UserID: "u2"}, {UserID: "u3", Email: ptr("ada@example.com")},
		{UserID: "u4", Email: ptr("\u212Aen@example.com")}, {UserID: "u5", Email: ptr("bob@example.com")},
	}}
	for email, want := range map[string][]string{
		"ADA@example.COM": {"u1", "u3"}, // ASCII case aside
		"bob@example.com": {"u5"},
		"ken@example.com": nil, // the KELVIN SIGN is not a K
		"":                nil, // a member without an email matches nothing
	} {
		if got := w.MembersWithEmail(email); !slices.Equal(got, want) {
			t.Errorf("MembersWithEmail(%q) = %v, want %v", email, got, want)
		}
	}
}
