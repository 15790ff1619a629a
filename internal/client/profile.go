package client

import (
	"context"
	"net/http"
)

// ProfilePath is the API path of the caller's own profile.
const ProfilePath = "/user/profile"

// Profile is the caller: the user the access token belongs to, with its
// organization and role, as GET /user/profile returns it.
type Profile struct {
	User
	// MFARequired says whether the caller's organization enforces MFA.
	MFARequired *bool `json:"mfaRequired"`
}

// GetProfile reads the caller's profile (GET /user/profile), which any
// signed-in user may read: who the token belongs to, its role and its
// organization.
func (c *Client) GetProfile(ctx context.Context) (*Profile, error) {
	req := Request{Method: http.MethodGet, Path: ProfilePath, Action: "read the caller's profile",
		Permission: "Any signed-in user may read its own profile"}
	answer := envelope[Profile]{what: "profile"}
	if err := c.Do(ctx, req, &answer); err != nil {
		return nil, err
	}
	return answer.Data, nil
}
