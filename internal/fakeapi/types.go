package fakeapi

// User is one organization user as the fake API serves it. Fields set to
// nil are sent as JSON null; to leave a field out, use a Reply's Body.
type User struct {
	ID                 *string `json:"id"`
	Email              *string `json:"email"`
	Name               *string `json:"name"`
	LastName           *string `json:"lastName"`
	OrgID              *string `json:"orgId"`
	OrgRole            *int64  `json:"orgRole"`
	Validated          *bool   `json:"validated"`
	DeletedAt          *string `json:"deletedAt"`
	OrgRoleDescription *string `json:"orgRoleDescription"`
	OrgRoles           []int64 `json:"orgRoles"`
}

// Organization is what GET /organization/{orgId} serves.
type Organization struct {
	ID            string  `json:"id"`
	Name          *string `json:"name"`
	Domain        *string `json:"domain"`
	Address1      *string `json:"address1"`
	Address2      *string `json:"address2"`
	City          *string `json:"city"`
	Zipcode       *string `json:"zipcode"`
	Phone         *string `json:"phone"`
	State         *string `json:"state"`
	Country       *string `json:"country"`
	DeletedAt     *string `json:"deletedAt"`
	ReposDisabled *bool   `json:"reposDisabled"`
	Website       *string `json:"website"`
	IsBusiness    *bool   `json:"is_business"`
	MFAEnforced   *bool   `json:"mfaEnforced"`
}

// Role codes, as the fake defines them (the API reference's table).
const (
	RoleUser          int64 = 0x00
	RoleBilling       int64 = 0x01
	RoleWorkspaces    int64 = 0x02
	RoleAdministrator int64 = 0xfe
	RoleOwner         int64 = 0xff
)

// roleNames lists every valid role code in ascending order with its name.
var roleNames = []struct {
	code int64
	name string
}{{RoleUser, "USER"}, {RoleBilling, "BILLING"}, {RoleWorkspaces, "WORKSPACES"}, {RoleAdministrator, "ADMINISTRATOR"}, {RoleOwner, "OWNER"}}

// RoleName is the name the fake sends as orgRoleDescription for a role
// code, and "" for a code that is not a role.
func RoleName(code int64) string {
	for _, r := range roleNames {
		if r.code == code {
			return r.name
		}
	}
	return ""
}

// validRole reports whether code is one of the five role codes.
func validRole(code int64) bool { return RoleName(code) != "" }

// RolesUpTo is what the fake sends as orgRoles: every role code at or below
// role, ascending.
func RolesUpTo(role int64) []int64 {
	var codes []int64
	for _, r := range roleNames {
		if r.code <= role {
			codes = append(codes, r.code)
		}
	}
	return codes
}

// WithRole sets a user's orgRole and, as the API would, its
// orgRoleDescription and orgRoles.
func WithRole(u *User, role int64) {
	u.OrgRole = Ptr(role)
	u.OrgRoleDescription = Ptr(RoleName(role))
	u.OrgRoles = RolesUpTo(role)
}

// Ptr returns a pointer to v, to fill User's fields.
func Ptr[T any](v T) *T { return &v }

// clone copies a user, so that what the server keeps and what a test holds
// never share memory.
func (u User) clone() User {
	c := u
	for _, p := range []**string{&c.ID, &c.Email, &c.Name, &c.LastName, &c.OrgID, &c.DeletedAt, &c.OrgRoleDescription} {
		if *p != nil {
			*p = Ptr(**p)
		}
	}
	if u.OrgRole != nil {
		c.OrgRole = Ptr(*u.OrgRole)
	}
	if u.Validated != nil {
		c.Validated = Ptr(*u.Validated)
	}
	if u.OrgRoles != nil {
		c.OrgRoles = append([]int64{}, u.OrgRoles...)
	}
	return c
}

// role is a user's role, with a missing role counted as USER.
func (u *User) role() int64 {
	if u.OrgRole == nil {
		return RoleUser
	}
	return *u.OrgRole
}

func (u *User) deleted() bool { return u.DeletedAt != nil }

func (u *User) id() string {
	if u.ID == nil {
		return ""
	}
	return *u.ID
}

func (o Organization) clone() Organization {
	c := o
	for _, p := range []**string{&c.Name, &c.Domain, &c.Address1, &c.Address2, &c.City, &c.Zipcode, &c.Phone, &c.State, &c.Country, &c.DeletedAt, &c.Website} {
		if *p != nil {
			*p = Ptr(**p)
		}
	}
	for _, p := range []**bool{&c.ReposDisabled, &c.IsBusiness, &c.MFAEnforced} {
		if *p != nil {
			*p = Ptr(**p)
		}
	}
	return c
}
