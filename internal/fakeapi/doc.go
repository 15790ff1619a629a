// Package fakeapi is a local stand-in for the Flashback platform API: one
// organization kept in memory and served over HTTP, for the tests and for
// `make demo` and `make bench`. It is an independent picture of the API,
// written from the API digest (shared/api/flashback-api.md): it has its own
// types and does not import the provider's client, so that a wire-format
// mistake is not made twice.
//
// # Calls and rules
//
// Every call but POST /user/login needs `Authorization: Bearer <token>`;
// each token belongs to a user, the caller, who has a role and the
// organization. A missing, unknown or expired token, or one whose user is
// deleted, gets 401 {success:false, message:"Invalid or expired token"}.
// Unknown paths get 404 and known paths with another method 405, both
// before the token is checked. Role codes: 0 USER, 1 BILLING,
// 2 WORKSPACES, 254 ADMINISTRATOR, 255 OWNER; a user's orgRoleDescription
// is the role's name and orgRoles the codes at or below its role.
//
//   - GET /organization/users: {success:true, data:[user…], total}, deleted
//     users included with deletedAt set. Needs WORKSPACES or higher, else
//     403 {success:false, data:[], total:0, message}.
//   - POST /organization/users {email, password, firstName, lastName,
//     orgRole (default 0), sendInvite (default true)}: 201 {success:true,
//     data:user, message}; the new user has a random id and validated
//     false. 400 for a missing or blank field, an email without a local
//     part or domain, a password shorter than MinPasswordLength (8)
//     characters, or a role code that is not one of the five ("Invalid
//     role combination"); 403 for a role above the caller's; 409
//     "A user with this email already exists" when the email is taken,
//     deleted users included. Emails compare ignoring ASCII case only.
//   - GET /organization/users/{id}: the bare user object, deleted or not;
//     404 "User not found"; 403 "Insufficient permissions to view users"
//     below WORKSPACES.
//   - PUT /organization/users/{id} with any of name, lastName (a string or
//     null) and orgRole: only the fields sent change; 200 {success:true,
//     data:user, message:"User updated successfully"}. 400 {success:false,
//     data:{}, message:"Invalid role combination"} for a role code not in
//     0,1,2,254,255; 400 "No valid fields to update" when none is sent;
//     403 when the target's role or the role to set is above the caller's;
//     400 "Cannot remove the last owner of the organization" when the only
//     active OWNER would lose the role (unless SetLastOwnerRule(false)).
//   - DELETE /organization/users/{id}: a soft delete (deletedAt set, the
//     user stays). 404; 400 "Cannot delete yourself"; 403 for a target
//     above the caller's role; 400 "User is already deleted" for a deleted
//     user (the fake's choice: the digest does not say); 400 "Cannot remove
//     the last owner of the organization" (unless SetLastOwnerRule(false)).
//   - POST /organization/users/{id}/activate: clears deletedAt; 404; 403
//     for a target above the caller's role; 400 "User is not deleted".
//   - User management (all the calls above but GET by id) needs WORKSPACES
//     or higher: 403 "Insufficient permissions to manage users".
//   - GET /organization/{orgId}: any member; {success:true, data:{id, name,
//     domain, address1, address2, city, zipcode, phone, state, country,
//     deletedAt, reposDisabled, website, is_business, mfaEnforced}}; 403
//     {success:false, data:null, message:"Access denied: you can only view
//     your own organization"} for another organization that exists
//     (OtherOrgID, AddOrganization); 404 for any other id.
//   - GET /user/profile: the caller, {success:true, data:{id, name,
//     lastName, email, orgId, orgRole, orgRoleDescription, orgRoles,
//     validated, mfaRequired}}; mfaRequired is the organization's
//     mfaEnforced.
//   - POST /user/login {email, password}: 200 {success:true, accessToken,
//     refreshToken, tokenId, expiresAt (Unix seconds, one hour on), user:{id,
//     email, name, orgId}} with fresh random tokens. 400 when email or
//     password is missing. 401 {success:false, error_code, message}, checked
//     in this order: USER_NOT_FOUND, NO_PASSWORD_SET, INVALID_PASSWORD,
//     USER_INACTIVE (a deleted user, told only with the right password).
//     When the organization enforces MFA, the answer is 200 {success:true,
//     mfaRequired:true, userId, message} with no accessToken: the second
//     step, POST /mfa/verify-login, is not served. A user has a password
//     when it was created through the API or given one with SetPassword.
//
// # Workspaces
//
// Workspaces belong to the organization; each member holds one workspace
// role, "READ", "WRITE" or "ADMIN" (exactly these strings). The reference
// leaves much open; the fake decides so:
//
//   - POST /workspace {name}: needs org role WORKSPACES or higher, else 403
//     "Insufficient permissions to create workspaces". 201 {success:true,
//     workspace:{id, name, orgId}}; the caller becomes the workspace's only
//     member, its ADMIN. A name must be non-blank after trimming and at most
//     100 characters (400 "Workspace name is required" / "Workspace name
//     must be at most 100 characters"); it is kept exactly as sent, and it
//     need not be unique: two workspaces may share one.
//   - GET /workspace: {success:true, workspaces:[{id, name, orgId,
//     users:[member…]}]}, only the workspaces the caller is a member of, not
//     deleted, in the order they were created. An OWNER or ADMINISTRATOR of
//     the organization sees no more than anyone else.
//   - A member is {userId, role, user:{id, name, lastName, email,
//     orgRole}}, members in the order they joined. user is the organization
//     user now (a deleted one too), and null for an id the organization
//     does not have (only AddWorkspace or SetWorkspaceMember make one).
//   - GET, PUT and DELETE /workspace/{id} and the member calls answer 404
//     "Workspace not found or access denied" to anyone who is not a member,
//     whatever their org role, and for a deleted or unknown workspace.
//   - PUT /workspace/{id} {name} (the same name rules): 200 {success:true,
//     workspace:{id, name, orgId}}, without users.
//   - DELETE /workspace/{id}: a soft delete; the workspace keeps its
//     members but answers 404 everywhere and is no longer listed. 400
//     "Cannot delete workspace with existing buckets or repos" while it
//     holds any (SetWorkspaceContents: the fake serves neither).
//   - POST /workspace/{id}/users {userId, role}: 200 {success:true}. 409
//     "User is already a member of this workspace" for a member (its role
//     is left as it was); 404 "Target user not found" unless the user is
//     an active (not deleted) user of the organization; validation is not
//     required. 400 "userId and role are required", 400 "Invalid role: must
//     be READ, WRITE or ADMIN".
//   - PUT /workspace/{id}/users/{userId} {role}: 200 {success:true}; 404
//     "User not found in workspace"; 400 for a role outside the three.
//   - DELETE /workspace/{id}/users/{userId}: 200 {success:true}; 404 "User
//     not found in workspace".
//   - PUT and DELETE /workspace/{id} and the three member calls need the
//     caller to be the workspace's ADMIN: a member who is not gets 403
//     ("Insufficient permissions to update workspace", "… to delete
//     workspace", "… to manage workspace users").
//   - Every write (POST /workspace, PUT, DELETE, the member calls) first
//     answers 400 "User not found or account is not validated" to a caller
//     whose validated is false (a missing validated is let through).
//   - The fake does not refuse demoting or removing a workspace's last
//     ADMIN, even the caller itself: the reference does not promise it, so
//     the provider's own guard is what protects a workspace.
//   - When an organization user is soft-deleted, its memberships stay (the
//     reference does not say otherwise); it can no longer be added.
//
// AddSampleWorkspaces seeds SampleUsers' organization with three
// workspaces for `make demo`: Research and Payments, which the caller ada
// belongs to (Payments keeps the deleted mallory as a READ member), and
// Archive, which she does not see.
//
// # Test helpers
//
// New builds a server from a list of users; the static Token belongs to
// the first active OWNER, or to an unlisted OWNER (TokenOwnerID). Script
// and Always replace answers (for every request, or only those a Reply's
// Method and Path match); a Reply with Act lets the organization act on
// the request before its answer is replaced (a write whose answer is lost),
// and one with Hangup closes the connection instead of answering; one with
// Omit answers as the organization would, less some of the user's fields.
// SetTotal changes the reported total. SetLastOwnerRule(false) makes the
// fake an API that does not refuse removing or demoting the last active
// OWNER (the reference does not say that the API refuses it; the fake
// refuses by default): the provider's own guard must then keep one. Calls
// records every request with its body; Logins counts sign-ins;
// ExpireTokens ends every signed-in token. SetRateLimit makes it an API
// that allows so many requests a minute and answers the requests past that
// 429 {success:false, message:"Too many requests"} with Retry-After, the
// seconds left in the minute (the reference documents no rate limit; this
// is the common gateway's). User, UserByEmail, Users,
// Password and Invitations show the organization's state; AddUser,
// EditUser, SetRole and DeleteUser change it outside the API, as drift.
// Workspaces: AddWorkspace (members by user id, nobody added implicitly),
// Workspace and Workspaces (deleted ones included) show them;
// SetWorkspaceContents gives one buckets or repositories, and
// SetWorkspaceMember (role "" removes) and RenameWorkspaceOutside change
// them outside the API, as drift.
package fakeapi
