package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// OrganizationPath is the API path of the organizations; one is at
// OrganizationPath + "/" + its id.
const OrganizationPath = "/organization"

// Organization is a Flashback organization, as GET /organization/{orgId}
// returns it. Every field is nil when the API leaves it out or sends null.
type Organization struct {
	ID            *string `json:"id"`
	Name          *string `json:"name"`
	Domain        *string `json:"domain"`
	Address1      *string `json:"address1"`
	Address2      *string `json:"address2"`
	City          *string `json:"city"`
	Zipcode       *string `json:"zipcode"`
	Phone         *string `json:"phone"`
	State         *string `json:"state"`
	Country       *string `json:"country"`
	Website       *string `json:"website"`
	IsBusiness    *bool   `json:"is_business"`
	MFAEnforced   *bool   `json:"mfaEnforced"`
	ReposDisabled *bool   `json:"reposDisabled"`
	DeletedAt     *string `json:"deletedAt"`
}

// GetOrganization reads an organization by id (GET /organization/{orgId}).
// Any member may read its own organization; another organization's id is
// an *Error of KindForbidden, and one that does not exist an *Error of
// KindNotFound, each saying what to do instead.
func (c *Client) GetOrganization(ctx context.Context, id string) (*Organization, error) {
	req := Request{Method: http.MethodGet, Path: OrganizationPath + "/" + url.PathEscape(id), Action: "read the organization"}
	answer := envelope[Organization]{what: "organization"}
	if err := c.Do(ctx, req, &answer); err != nil {
		return nil, c.organizationError(&req, id, err)
	}
	org := answer.Data
	if org.ID == nil {
		// The call was about this id; the answer only left it out.
		org.ID = &id
	}
	return org, nil
}

// GetOwnOrganization reads the organization of the user the access token
// belongs to: its id from GET /user/profile, then the organization.
func (c *Client) GetOwnOrganization(ctx context.Context) (*Organization, error) {
	p, err := c.GetProfile(ctx)
	if err != nil {
		return nil, err
	}
	if p.OrgID == nil || *p.OrgID == "" {
		req := Request{Method: http.MethodGet, Path: ProfilePath}
		return nil, &Error{Kind: KindNotFound, StatusCode: http.StatusOK,
			Summary: "The token's user belongs to no organization",
			Detail: c.secrets.redact(fmt.Sprintf("%s says that the user the access token belongs to (id %s) is in no organization, "+
				"so there is no organization of its own to read. Use an access token of a member of the organization.",
				c.requestLine(&req), quoteExcerpt(deref(p.ID))))}
	}
	return c.GetOrganization(ctx, *p.OrgID)
}

// organizationError says, for the statuses that mean the id is wrong, why
// and what to do; every other error is returned as it is.
func (c *Client) organizationError(req *Request, id string, err error) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	said := apiSaid(e.APIMessage)
	out := *e
	switch e.Kind {
	case KindForbidden:
		out.Summary = "Not allowed to read another organization"
		out.Detail = fmt.Sprintf("%s returned %s: an access token may read only the organization its user belongs to, "+
			"and %s is not that one.%s No role changes this. Leave id out to read the token's own organization, "+
			"or use an access token of a member of organization %s.", c.requestLine(req), statusText(e.StatusCode), quoteExcerpt(id), said, quoteExcerpt(id))
	case KindNotFound:
		out.Summary = "Flashback organization not found"
		out.Detail = fmt.Sprintf("%s returned %s: no organization has the id %s.%s Check the id, or leave it out to read "+
			"the token's own organization. If every call fails this way, check that base_url points at the Flashback API root, such as %s.",
			c.requestLine(req), statusText(e.StatusCode), quoteExcerpt(id), said, DefaultBaseURL)
	default:
		return err
	}
	out.Detail = c.secrets.redact(out.Detail)
	return &out
}
