package fakeapi

import (
	"fmt"
	"slices"
	"strings"
)

// AddWorkspace adds a workspace to the organization outside the API and
// returns its new id. members maps user ids to workspace roles; nobody is
// added implicitly. Neither the ids nor the roles are checked, so a test
// can serve a member the organization does not have (its user is then
// null) or a role the API would not send. A map has no order: the members
// join in descending order of user id, which is no order a reader should
// rely on.
func (s *Server) AddWorkspace(name string, members map[string]string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := Workspace{ID: newID(), Name: name, OrgID: s.org.ID}
	ids := make([]string, 0, len(members))
	for id := range members {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	slices.Reverse(ids)
	for _, id := range ids {
		w.Members = append(w.Members, WorkspaceMember{UserID: id, Role: members[id]})
	}
	s.workspaces = append(s.workspaces, w)
	return w.ID
}

// Workspace returns a copy of the workspace with that id, deleted or not.
func (s *Server) Workspace(id string) (Workspace, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if w := s.findWorkspace(id); w != nil {
		return w.clone(), true
	}
	return Workspace{}, false
}

// Workspaces returns a copy of every workspace, deleted ones included, in
// the order they were created.
func (s *Server) Workspaces() []Workspace {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Workspace, len(s.workspaces))
	for i, w := range s.workspaces {
		out[i] = w.clone()
	}
	return out
}

// SetWorkspaceContents gives a workspace buckets and repositories (the
// fake serves neither): DELETE /workspace/{id} is refused while either
// count is above zero.
func (s *Server) SetWorkspaceContents(id string, buckets, repos int) {
	s.editWorkspace(id, func(w *Workspace) { w.Buckets, w.Repos = buckets, repos })
}

// SetWorkspaceMember changes a membership outside the API, as drift: the
// user gets role (added last when not a member; the role is not checked),
// and role "" removes the user from the workspace.
func (s *Server) SetWorkspaceMember(id, userID, role string) {
	s.editWorkspace(id, func(w *Workspace) { w.setMember(userID, role) })
}

// RenameWorkspaceOutside renames a workspace outside the API, as drift.
func (s *Server) RenameWorkspaceOutside(id, name string) {
	s.editWorkspace(id, func(w *Workspace) { w.Name = name })
}

// editWorkspace changes the workspace with that id; an unknown id is a
// mistake in the test, and panics with the ids the fake has.
func (s *Server) editWorkspace(id string, change func(*Workspace)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.findWorkspace(id)
	if w == nil {
		ids := make([]string, len(s.workspaces))
		for i := range s.workspaces {
			ids[i] = s.workspaces[i].ID
		}
		panic(fmt.Sprintf("fakeapi: no workspace has the id %q (it has: %s)", id, strings.Join(ids, ", ")))
	}
	change(w)
}
