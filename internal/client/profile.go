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

// profileRequest is the call that reads the caller's profile.
var profileRequest = Request{Method: http.MethodGet, Path: ProfilePath, Action: "read the caller's profile",
	Permission: "Any signed-in user may read its own profile"}

// GetProfile reads the caller's profile (GET /user/profile), which any
// signed-in user may read: who the token belongs to, its role and its
// organization. A Client reads it once, for every caller (see runCache); a
// failed read is not kept. The profile returned is shared: it must not be
// changed.
func (c *Client) GetProfile(ctx context.Context) (*Profile, error) {
	return c.profile.get(ctx, c, &profileRequest, func(ctx context.Context) (*Profile, error) {
		answer := envelope[Profile]{what: "profile"}
		if err := c.Do(ctx, profileRequest, &answer); err != nil {
			return nil, err
		}
		return answer.Data, nil
	})
}
