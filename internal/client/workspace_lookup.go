package client

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// ByName is the field a workspace can be looked up by besides ByID.
const ByName LookupField = "name"

// WorkspaceVisibility says, for people, which workspaces the API shows:
// every workspace answer of the provider is limited by it.
const WorkspaceVisibility = "The API shows a workspace only to its members, whatever their organization role: " +
	"an OWNER or ADMINISTRATOR who is not a member of a workspace does not see it"

// FindWorkspace picks the one workspace of list whose field (ByID or
// ByName) equals value exactly, case included. A name that several
// workspaces share is a LookupError that lists their ids, in the list's
// order; so is a value no workspace has, whose detail says that the
// caller sees only its own workspaces. (Ids are unique: the list's decoder
// refuses a workspace listed twice.)
func FindWorkspace(list []Workspace, field LookupField, value string) (Workspace, error) {
	var matches []Workspace
	for _, w := range list {
		if field == ByName && w.Name == value || field != ByName && w.ID == value {
			matches = append(matches, w)
		}
	}
	switch {
	case len(matches) == 1 || len(matches) > 1 && field != ByName:
		return matches[0], nil
	case len(matches) == 0:
		return Workspace{}, &LookupError{Kind: LookupNotFound, Field: field, Value: value, Summary: "Flashback workspace not found",
			Detail: fmt.Sprintf("None of the %d workspace%s the token's user is a member of has the %s %q (compared exactly, case included). "+
				WorkspaceVisibility+". If the workspace exists, add the token's user to it, or use the token of one of its members.",
				len(list), plural(len(list)), field, value)}
	}
	quoted := make([]string, 0, min(len(matches), maxListedIDs))
	for _, w := range matches[:min(len(matches), maxListedIDs)] {
		quoted = append(quoted, fmt.Sprintf("%q", w.ID))
	}
	ids := strings.Join(quoted, ", ")
	if more := len(matches) - len(quoted); more > 0 {
		ids += fmt.Sprintf(" and %d more", more)
	}
	return Workspace{}, &LookupError{Kind: LookupAmbiguous, Field: field, Value: value, Summary: "Several Flashback workspaces share this name",
		Detail: fmt.Sprintf("%d workspaces are named %q: ids %s. Workspace names need not be unique: "+
			"look the workspace up by id instead, with one of these ids.", len(matches), value, ids)}
}

// MembersWithEmail returns the user ids of the members of w whose email
// is email, matched as every email lookup matches (SameEmail), in w's
// order.
func (w *Workspace) MembersWithEmail(email string) []string {
	var ids []string
	for _, m := range w.Members {
		if m.Email != nil && SameEmail(*m.Email, email) {
			ids = append(ids, m.UserID)
		}
	}
	return ids
}

// MembersByEmail returns a copy of members in the order a users list has:
// by email compared ignoring case (a missing email as the empty string),
// then by user id, then by the exact email.
func MembersByEmail(members []WorkspaceMember) []WorkspaceMember {
	out := slices.Clone(members)
	slices.SortStableFunc(out, func(a, b WorkspaceMember) int {
		ea, eb := deref(a.Email), deref(b.Email)
		return cmp.Or(compareFolded(ea, eb), strings.Compare(a.UserID, b.UserID), strings.Compare(ea, eb))
	})
	return out
}
