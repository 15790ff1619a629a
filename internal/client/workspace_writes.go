package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// The calls that change a workspace and its members. Each write forgets
// the workspaces list cached for the run, whatever came of it (a write
// that failed may still have taken effect), and is logged at INFO with the
// workspace's id, the member's and the call when it succeeded. A write is
// retried only when the request surely did nothing (mayRetry).

const (
	createWorkspacePermission = "Creating workspaces needs the organization role WORKSPACES or higher"
	workspaceAdminPermission  = "Renaming or deleting a workspace, and managing its members, needs the workspace's ADMIN role " +
		"(an organization role, even OWNER, does not give it)"
)

// CreateWorkspace creates a workspace in the caller's organization (POST
// /workspace); the API makes the caller its ADMIN. It returns the
// workspace as the API answered, without members.
func (c *Client) CreateWorkspace(ctx context.Context, name string) (*Workspace, error) {
	req := Request{Method: http.MethodPost, Path: WorkspacesPath, Body: map[string]string{"name": name},
		Action: "create a workspace", Permission: createWorkspacePermission}
	answer := workspaceAnswer{required: true}
	if err := c.workspaceWrite(ctx, &req, &answer); err != nil {
		return nil, c.workspaceError(&req, "", "", err)
	}
	w := answer.result
	if w.Name == "" {
		w.Name = name
	}
	c.createdWorkspaces.Store(w.ID, true)
	logWorkspaceWrite(ctx, "Created Flashback workspace", &req, w.ID, "", "")
	return w, nil
}

// RecoverWorkspace looks, after a CreateWorkspace whose outcome is unknown
// (OutcomeUnknown: its answer was lost), for the workspace it may have
// made: it reads the caller's workspaces afresh and returns those named
// name that were not there before (before holds the ids of the workspaces
// the caller could see before the create) and that no other create of
// this client made. One workspace is the create's; none says that it did
// not take effect; several cannot be told apart. Workspace names need not
// be unique, so the name alone never decides.
func (c *Client) RecoverWorkspace(ctx context.Context, name string, before map[string]bool) ([]Workspace, error) {
	c.workspaces.forget()
	list, err := c.ListWorkspaces(ctx)
	if err != nil {
		return nil, err
	}
	var found []Workspace
	for _, w := range list {
		if _, mine := c.createdWorkspaces.Load(w.ID); w.Name == name && !before[w.ID] && !mine {
			found = append(found, w)
		}
	}
	if len(found) == 1 {
		c.createdWorkspaces.Store(found[0].ID, true)
	}
	return found, nil
}

// RenameWorkspace renames a workspace (PUT /workspace/{id}) and returns it
// as the API answered: without members, unless the answer left the
// workspace out and it was read again.
func (c *Client) RenameWorkspace(ctx context.Context, id, name string) (*Workspace, error) {
	req := Request{Method: http.MethodPut, Path: workspacePath(id), Body: map[string]string{"name": name},
		Action: "rename a workspace", Permission: workspaceAdminPermission}
	answer := workspaceAnswer{want: id}
	if err := c.workspaceWrite(ctx, &req, &answer); err != nil {
		return nil, c.workspaceError(&req, id, "", err)
	}
	logWorkspaceWrite(ctx, "Renamed Flashback workspace", &req, id, "", "")
	if answer.result == nil {
		// The API documents the workspace in its answer; without it, read it.
		return c.GetWorkspace(ctx, id)
	}
	return answer.result, nil
}

// DeleteWorkspace deletes a workspace (DELETE /workspace/{id}), which the
// API keeps as deleted (a soft delete). A workspace that still holds
// buckets or repositories is refused: an *Error of KindNotEmpty.
func (c *Client) DeleteWorkspace(ctx context.Context, id string) error {
	req := Request{Method: http.MethodDelete, Path: workspacePath(id), Action: "delete a workspace", Permission: workspaceAdminPermission}
	if err := c.workspaceWrite(ctx, &req, nil); err != nil {
		return c.workspaceError(&req, id, "", err)
	}
	logWorkspaceWrite(ctx, "Deleted Flashback workspace", &req, id, "", "")
	return nil
}

// AddWorkspaceMember adds a user of the organization to a workspace with
// a role (POST /workspace/{id}/users). A user already a member is an
// error that IsAlreadyMember recognizes.
func (c *Client) AddWorkspaceMember(ctx context.Context, workspaceID, userID, role string) error {
	req := Request{Method: http.MethodPost, Path: workspacePath(workspaceID) + "/users",
		Body:   map[string]string{"userId": userID, "role": role},
		Action: "add a member to a workspace", Permission: workspaceAdminPermission}
	return c.memberWrite(ctx, &req, workspaceID, userID, role, "Added Flashback workspace member")
}

// SetWorkspaceMemberRole changes a member's role (PUT
// /workspace/{id}/users/{userId}).
func (c *Client) SetWorkspaceMemberRole(ctx context.Context, workspaceID, userID, role string) error {
	req := Request{Method: http.MethodPut, Path: memberPath(workspaceID, userID), Body: map[string]string{"role": role},
		Action: "change a workspace member's role", Permission: workspaceAdminPermission}
	return c.memberWrite(ctx, &req, workspaceID, userID, role, "Changed Flashback workspace member's role")
}

// RemoveWorkspaceMember removes a member from a workspace (DELETE
// /workspace/{id}/users/{userId}). A member already gone is an *Error of
// KindNotFound.
func (c *Client) RemoveWorkspaceMember(ctx context.Context, workspaceID, userID string) error {
	req := Request{Method: http.MethodDelete, Path: memberPath(workspaceID, userID),
		Action: "remove a member from a workspace", Permission: workspaceAdminPermission}
	return c.memberWrite(ctx, &req, workspaceID, userID, "", "Removed Flashback workspace member")
}

// memberWrite checks the role (when the call sends one), sends a member
// call, words its error and logs it.
func (c *Client) memberWrite(ctx context.Context, req *Request, workspaceID, userID, role, logged string) error {
	if role != "" {
		if err := CheckWorkspaceRole(role); err != nil {
			return &Error{Kind: KindInvalidRequest, Summary: "Not a Flashback workspace role",
				Detail: fmt.Sprintf("%s was not sent: %s.", c.requestLine(req), err)}
		}
	}
	if err := c.workspaceWrite(ctx, req, nil); err != nil {
		return c.workspaceError(req, workspaceID, userID, err)
	}
	logWorkspaceWrite(ctx, logged, req, workspaceID, userID, role)
	return nil
}

// memberPath is the API path of one member of a workspace.
func memberPath(workspaceID, userID string) string {
	return workspacePath(workspaceID) + "/users/" + url.PathEscape(userID)
}

// workspaceWrite sends a write and forgets the cached workspaces list
// whatever came of it: a write that failed may still have taken effect.
func (c *Client) workspaceWrite(ctx context.Context, req *Request, out any) error {
	err := c.Do(ctx, *req, out)
	c.workspaces.forget()
	return err
}

// logWorkspaceWrite logs a write that succeeded, with the ids it was about.
func logWorkspaceWrite(ctx context.Context, msg string, req *Request, workspaceID, userID, role string) {
	fields := map[string]any{"workspace_id": workspaceID, "call": req.method() + " " + req.Path}
	if userID != "" {
		fields["user_id"] = userID
	}
	if role != "" {
		fields["role"] = role
	}
	tflog.Info(ctx, msg, fields)
}

// IsAlreadyMember reports whether err is the API's refusal to add a user
// who is already a member of the workspace: a 409, or a 400 that says so
// (the reference does not document which).
func IsAlreadyMember(err error) bool {
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	return e.StatusCode == http.StatusConflict ||
		e.StatusCode == http.StatusBadRequest && strings.Contains(strings.ToLower(e.APIMessage), "already")
}

// IsNotEmpty reports whether err is the API's refusal to delete a
// workspace that still holds buckets or repositories.
func IsNotEmpty(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == KindNotEmpty
}

// workspaceError words, for a workspace call, the errors whose generic
// wording would mislead: a 404, which also means "not a member"; a 403,
// which is about the workspace's role and not the organization's; and the
// API's 400s, about the caller or a workspace not empty. Every other error
// is returned as it is. workspaceID and userID are what the call was
// about, or "".
func (c *Client) workspaceError(req *Request, workspaceID, userID string, err error) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	said := apiSaid(e.APIMessage)
	message := strings.ToLower(e.APIMessage)
	line, status := c.requestLine(req), statusText(e.StatusCode)
	out := *e
	switch {
	case e.Kind == KindNotFound && strings.Contains(message, "target user"):
		out.Summary = "Flashback user not found"
		out.Detail = fmt.Sprintf("%s returned %s: the user %s is not an active user of the workspace's organization, so it cannot be "+
			"added.%s Check user_id: it is the id of an organization user (such as flashback_organization_user.NAME.id), "+
			"not its email, and the user must not be deleted.", line, status, quoteExcerpt(userID), said)
	case e.Kind == KindNotFound && strings.Contains(message, "not found in workspace"):
		out.Summary = "Not a member of the Flashback workspace"
		out.Detail = fmt.Sprintf("%s returned %s: the user %s is not a member of the workspace %s; it was removed outside this run.%s "+
			"Run terraform plan again: the refresh sees it gone.", line, status, quoteExcerpt(userID), quoteExcerpt(workspaceID), said)
	case e.Kind == KindNotFound && workspaceID != "":
		out.Summary = "Flashback workspace not found"
		out.Detail = fmt.Sprintf("%s returned %s: the access token's user is a member of no workspace with the id %s.%s "+
			"The API answers the same for a workspace that was deleted and for one that the user does not belong to, whatever "+
			"its organization role. Check the id, and that the token's user is a member of the workspace: an ADMIN of it can add it.",
			line, status, quoteExcerpt(workspaceID), said)
	case e.Kind == KindForbidden && workspaceID != "":
		out.Summary = "Not allowed to " + req.Action
		out.Detail = fmt.Sprintf("%s returned %s: the access token's user is a member of the workspace %s, but not its ADMIN.%s "+
			"%s. Ask an ADMIN of the workspace to make the user an ADMIN, or apply with the token of an ADMIN of it.",
			line, status, quoteExcerpt(workspaceID), said, workspaceAdminPermission)
	case e.StatusCode == http.StatusBadRequest && req.Method == http.MethodDelete && userID == "" &&
		(strings.Contains(message, "bucket") || strings.Contains(message, "repo")):
		out.Kind = KindNotEmpty
		out.Summary = "Flashback workspace is not empty"
		out.Detail = fmt.Sprintf("%s returned %s: the workspace %s still holds buckets or repositories.%s Flashback deletes only "+
			"an empty workspace. Delete the buckets, repositories and AI models in it first (in Flashback, or through the "+
			"configuration that manages them), then run again.", line, status, quoteExcerpt(workspaceID), said)
	case (e.StatusCode == http.StatusBadRequest || e.Kind == KindNotFound) && (strings.Contains(message, "not validated") || strings.Contains(message, "user not found")):
		out.Summary = "The access token's user is unknown or not validated"
		out.Detail = fmt.Sprintf("%s returned %s: the API did not find the access token's user, or its email address is not "+
			"validated yet.%s Validate the address (through the link of Flashback's verification email), or apply with the "+
			"token of another user.", line, status, said)
	default:
		return err
	}
	out.Detail = c.secrets.redact(out.Detail)
	return &out
}
