package client

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// WorkspacesPath is the API path of the caller's workspaces; one is at
// WorkspacesPath + "/" + its id.
const WorkspacesPath = "/workspace"

// The workspace roles, as the API spells them. A member holds exactly one.
const (
	WorkspaceRead  = "READ"
	WorkspaceWrite = "WRITE"
	WorkspaceAdmin = "ADMIN"
)

// workspaceRoles lists the workspace roles from the lowest to the highest.
var workspaceRoles = []string{WorkspaceRead, WorkspaceWrite, WorkspaceAdmin}

// WorkspaceRoles returns the workspace roles, from the lowest to the highest.
func WorkspaceRoles() []string { return slices.Clone(workspaceRoles) }

// CheckWorkspaceRole returns an error when role is not a workspace role.
// Names are exact: "ADMIN", not "admin".
func CheckWorkspaceRole(role string) error {
	if slices.Contains(workspaceRoles, role) {
		return nil
	}
	return fmt.Errorf("%q is not a Flashback workspace role; use one of %s", role, strings.Join(workspaceRoles, ", "))
}

// Workspace is a Flashback workspace: a group of members and of resources
// (buckets, repositories, AI models) inside an organization.
type Workspace struct {
	ID    string
	Name  string
	OrgID *string
	// Members is sorted by user id; nil when the answer carried no members
	// (the answers of a create and of a rename).
	Members []WorkspaceMember
}

// Member returns the member with the user id, and whether there is one.
func (w *Workspace) Member(userID string) (WorkspaceMember, bool) {
	i, found := slices.BinarySearchFunc(w.Members, userID, func(m WorkspaceMember, id string) int { return cmp.Compare(m.UserID, id) })
	if !found {
		return WorkspaceMember{}, false
	}
	return w.Members[i], true
}

// Admins returns the user ids of the members whose role is ADMIN, sorted.
func (w *Workspace) Admins() []string {
	var ids []string
	for _, m := range w.Members {
		if m.Role == WorkspaceAdmin {
			ids = append(ids, m.UserID)
		}
	}
	return ids
}

// WorkspaceMember is one member of a workspace, with its workspace role and
// what the answer said of the user. A field is nil when the API sent null
// or left it out.
type WorkspaceMember struct {
	UserID   string
	Role     string // READ, WRITE or ADMIN
	Email    *string
	Name     *string
	LastName *string
	OrgRole  *int64
}

// workspaceJSON is a workspace as the API sends it.
type workspaceJSON struct {
	ID    *string       `json:"id"`
	Name  *string       `json:"name"`
	OrgID *string       `json:"orgId"`
	Users *[]memberJSON `json:"users"`
}

// memberJSON is a member as the API sends it: {userId, role, user:{…}}.
type memberJSON struct {
	UserID *string `json:"userId"`
	Role   *string `json:"role"`
	User   *struct {
		ID       *string `json:"id"`
		Email    *string `json:"email"`
		Name     *string `json:"name"`
		LastName *string `json:"lastName"`
		OrgRole  *int64  `json:"orgRole"`
	} `json:"user"`
}

// workspace checks one workspace of an answer and returns it. want is the
// id asked for, or "" for a list; members says whether the answer must
// list the members (GET) or may leave them out (POST, PUT).
func (w *workspaceJSON) workspace(want string, members bool) (Workspace, error) {
	var out Workspace
	switch {
	case w.ID == nil || *w.ID == "":
		if want == "" {
			return out, errors.New(`a workspace has no "id"`)
		}
		// The call was about this id; the answer only left it out.
		out.ID = want
	case want != "" && *w.ID != want:
		return out, fmt.Errorf("it answers with the workspace %q, where the call asked for %q", *w.ID, want)
	default:
		out.ID = *w.ID
	}
	out.Name, out.OrgID = deref(w.Name), w.OrgID
	if w.Users == nil {
		if members {
			return out, fmt.Errorf(`the workspace %q has no "users" list`, out.ID)
		}
		return out, nil
	}
	out.Members = make([]WorkspaceMember, 0, len(*w.Users))
	for _, m := range *w.Users {
		member, err := m.member(out.ID)
		if err != nil {
			return out, err
		}
		out.Members = append(out.Members, member)
	}
	slices.SortFunc(out.Members, func(a, b WorkspaceMember) int { return cmp.Compare(a.UserID, b.UserID) })
	for i := 1; i < len(out.Members); i++ {
		if out.Members[i].UserID == out.Members[i-1].UserID {
			return out, fmt.Errorf("the workspace %q lists the user %q twice", out.ID, out.Members[i].UserID)
		}
	}
	return out, nil
}

// member checks one member of the workspace with id ws.
func (m *memberJSON) member(ws string) (WorkspaceMember, error) {
	var out WorkspaceMember
	id := deref(m.UserID)
	if m.User != nil && m.User.ID != nil && *m.User.ID != "" {
		if id != "" && id != *m.User.ID {
			return out, fmt.Errorf("a member of the workspace %q has the userId %q but its user the id %q", ws, id, *m.User.ID)
		}
		id = *m.User.ID
	}
	if id == "" {
		return out, fmt.Errorf(`a member of the workspace %q has no "userId"`, ws)
	}
	out.UserID = id
	if m.Role == nil {
		return out, fmt.Errorf(`the member %q of the workspace %q has no "role"`, id, ws)
	}
	if CheckWorkspaceRole(*m.Role) != nil {
		return out, fmt.Errorf("the member %q of the workspace %q has the role %q, which is not one of %s",
			id, ws, *m.Role, strings.Join(workspaceRoles, ", "))
	}
	out.Role = *m.Role
	if u := m.User; u != nil {
		out.Email, out.Name, out.LastName, out.OrgRole = u.Email, u.Name, u.LastName, u.OrgRole
	}
	return out, nil
}

// workspaceAnswer decodes {success, workspace:{…}} and checks it: the id
// asked for (want, or "" for a create, whose answer must hold the id),
// and, when members is set, a members list. required says that the
// answer must hold the workspace. A failed check makes the answer
// malformed, named in the error.
type workspaceAnswer struct {
	want     string
	members  bool
	required bool
	result   *Workspace // nil when the answer has no "workspace"
}

func (a *workspaceAnswer) UnmarshalJSON(b []byte) error {
	var plain struct {
		Workspace *workspaceJSON `json:"workspace"`
	}
	if err := json.Unmarshal(b, &plain); err != nil {
		return err
	}
	if plain.Workspace == nil {
		if a.required {
			return errors.New(`it has no "workspace" object`)
		}
		return nil
	}
	w, err := plain.Workspace.workspace(a.want, a.members)
	if err != nil {
		return err
	}
	a.result = &w
	return nil
}

// workspacesAnswer decodes {success, workspaces:[…]}, checks every
// workspace, refuses one listed twice, and sorts them by name, then id.
type workspacesAnswer struct {
	result []Workspace
}

func (a *workspacesAnswer) UnmarshalJSON(b []byte) error {
	var plain struct {
		Workspaces *[]workspaceJSON `json:"workspaces"`
	}
	if err := json.Unmarshal(b, &plain); err != nil {
		return err
	}
	if plain.Workspaces == nil {
		return errors.New(`it has no "workspaces" list`)
	}
	a.result = make([]Workspace, 0, len(*plain.Workspaces))
	for i := range *plain.Workspaces {
		w, err := (*plain.Workspaces)[i].workspace("", true)
		if err != nil {
			return err
		}
		a.result = append(a.result, w)
	}
	slices.SortFunc(a.result, func(x, y Workspace) int { return cmp.Or(cmp.Compare(x.Name, y.Name), cmp.Compare(x.ID, y.ID)) })
	seen := make(map[string]bool, len(a.result))
	for _, w := range a.result {
		if seen[w.ID] {
			return fmt.Errorf("it lists the workspace %q twice", w.ID)
		}
		seen[w.ID] = true
	}
	return nil
}

// workspacesRequest is the call that lists the caller's workspaces.
var workspacesRequest = Request{Method: http.MethodGet, Path: WorkspacesPath, Action: "list the caller's workspaces",
	Permission: "Any signed-in user may list its own workspaces"}

// ListWorkspaces returns the workspaces the caller is a member of (GET
// /workspace), deleted ones left out, each with its members, sorted by
// name, then id. The API lists only the caller's own workspaces: a
// workspace it does not belong to is not there, whatever its organization
// role.
//
// A Client makes the call once, shared by every caller as the users list
// is (runCache); a workspace write forgets it. The result is the caller's
// own copy.
func (c *Client) ListWorkspaces(ctx context.Context) ([]Workspace, error) {
	list, err := c.workspaces.get(ctx, c, &workspacesRequest, func(ctx context.Context) ([]Workspace, error) {
		var answer workspacesAnswer
		if err := c.Do(ctx, workspacesRequest, &answer); err != nil {
			return nil, c.workspaceError(&workspacesRequest, "", "", err)
		}
		return answer.result, nil
	})
	if err != nil {
		return nil, err
	}
	return cloneWorkspaces(list), nil
}

// GetWorkspace reads one workspace with its members (GET /workspace/{id}).
// The API answers 404 both for a workspace that does not exist (or was
// deleted) and for one the caller is not a member of: an *Error of
// KindNotFound (IsNotFound) that says both. It is never cached: a guard
// may rely on it to see the workspace as it is now.
func (c *Client) GetWorkspace(ctx context.Context, id string) (*Workspace, error) {
	req := Request{Method: http.MethodGet, Path: workspacePath(id), Action: "read a workspace",
		Permission: "Reading a workspace needs its membership"}
	answer := workspaceAnswer{want: id, members: true, required: true}
	if err := c.Do(ctx, req, &answer); err != nil {
		return nil, c.workspaceError(&req, id, "", err)
	}
	return answer.result, nil
}

// workspacePath is the API path of one workspace.
func workspacePath(id string) string { return WorkspacesPath + "/" + url.PathEscape(id) }

// cloneWorkspaces copies a list and its members, so that no caller can
// change what the cache shares.
func cloneWorkspaces(list []Workspace) []Workspace {
	out := slices.Clone(list)
	for i := range out {
		if out[i].Members != nil {
			out[i].Members = slices.Clone(out[i].Members)
		}
	}
	return out
}
