package organization

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	rsschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

// The attributes of a Flashback user, as every type that shows a user holds
// them (the users list, the lookup data source, and next the resource and
// its list resource), are defined once, in userAttributeTable. Each entry
// names the attribute, describes it, gives its type, and says how it is read
// from a client.User. Everything else derives from the table: the object
// type, the schema attributes, the framework values and the msgpack
// encoding. A type that holds a user builds its schema from the table,
// marking which of these attributes it takes as arguments, and adds its own
// arguments beside them.

// attrKind is the Terraform type of a user attribute.
type attrKind int

const (
	kindString attrKind = iota
	kindInt64
	kindBool
	kindInt64List
)

// userAttribute is one attribute of a user. Exactly one of the readers is
// set, the one for its kind. A field the API left out or sent as null reads
// as nil, and becomes null; a list reads as nil when empty, and is never
// null, but an element the API sent as null is.
type userAttribute struct {
	name        string
	description string
	kind        attrKind

	str  func(*client.User) *string
	num  func(*client.User) *int64
	flag func(*client.User) *bool
	nums func(*client.User) []*int64
}

func stringAttr(name, description string, read func(*client.User) *string) userAttribute {
	return userAttribute{name: name, description: description, kind: kindString, str: read}
}

func int64Attr(name, description string, read func(*client.User) *int64) userAttribute {
	return userAttribute{name: name, description: description, kind: kindInt64, num: read}
}

func boolAttr(name, description string, read func(*client.User) *bool) userAttribute {
	return userAttribute{name: name, description: description, kind: kindBool, flag: read}
}

func int64ListAttr(name, description string, read func(*client.User) []*int64) userAttribute {
	return userAttribute{name: name, description: description, kind: kindInt64List, nums: read}
}

// userAttributeTable is the one definition of a user's attributes.
var userAttributeTable = []userAttribute{
	stringAttr("id", "The user's id.", func(u *client.User) *string { return u.ID }),
	stringAttr("email", "The user's email address.", func(u *client.User) *string { return u.Email }),
	stringAttr("name", "The user's first name.", func(u *client.User) *string { return u.Name }),
	stringAttr("last_name", "The user's last name.", func(u *client.User) *string { return u.LastName }),
	stringAttr("org_id", "The id of the user's organization.", func(u *client.User) *string { return u.OrgID }),
	int64Attr("org_role", "The user's organization role, as the API's code: "+framework.RolesWithCodes()+".",
		func(u *client.User) *int64 { return u.OrgRole }),
	stringAttr("org_role_name", "The name of `org_role`, one of "+framework.RoleNames()+", or `"+client.UnknownRoleName+
		"` for any other code.", roleNameOf),
	stringAttr("org_role_description", "The role's description, exactly as the API sent it.",
		func(u *client.User) *string { return u.OrgRoleDescription }),
	int64ListAttr("org_roles", "The role codes available to the user; empty when the API sends none.",
		func(u *client.User) []*int64 { return u.OrgRoles }),
	boolAttr("validated", "Whether the user's email address is validated.", func(u *client.User) *bool { return u.Validated }),
	stringAttr("deleted_at", "When the user was deleted, as the API sent it; null while the user is active.",
		func(u *client.User) *string { return u.DeletedAt }),
}

// roleNameOf reads org_role_name: the name of the user's role code.
func roleNameOf(u *client.User) *string {
	if u.OrgRole == nil {
		return nil
	}
	name := client.RoleName(*u.OrgRole)
	if p, ok := roleNamePointers[name]; ok {
		return p
	}
	return newString(name)
}

// newString returns a pointer to a copy of s. Taking &name in roleNameOf
// itself would move name to the heap on every call, not only this one.
func newString(s string) *string { return &s }

// roleNamePointers holds each role name once, so that reading org_role_name
// for each of a million users allocates nothing.
var roleNamePointers = func() map[string]*string {
	m := map[string]*string{}
	for _, name := range append(client.RoleNames(), client.UnknownRoleName) {
		m[name] = &name
	}
	return m
}()

// userAttributesByName indexes the table.
var userAttributesByName = func() map[string]*userAttribute {
	m := make(map[string]*userAttribute, len(userAttributeTable))
	for i := range userAttributeTable {
		m[userAttributeTable[i].name] = &userAttributeTable[i]
	}
	return m
}()

// attrType is the attribute's framework type.
func (a *userAttribute) attrType() attr.Type {
	switch a.kind {
	case kindInt64:
		return types.Int64Type
	case kindBool:
		return types.BoolType
	case kindInt64List:
		return types.ListType{ElemType: types.Int64Type}
	default:
		return types.StringType
	}
}

// value reads the attribute of u as a framework value.
func (a *userAttribute) value(u *client.User) attr.Value {
	switch a.kind {
	case kindInt64:
		return types.Int64PointerValue(a.num(u))
	case kindBool:
		return types.BoolPointerValue(a.flag(u))
	case kindInt64List:
		nums := a.nums(u)
		elems := make([]attr.Value, len(nums))
		for i, n := range nums {
			elems[i] = types.Int64PointerValue(n)
		}
		return types.ListValueMust(types.Int64Type, elems)
	default:
		return types.StringPointerValue(a.str(u))
	}
}

// encode writes the attribute of u in msgpack, as Terraform's protocol carries it.
func (a *userAttribute) encode(e *msgpack.Encoder, u *client.User) error {
	switch a.kind {
	case kindInt64:
		return encodeInt64(e, a.num(u))
	case kindBool:
		if b := a.flag(u); b != nil {
			return e.EncodeBool(*b)
		}
	case kindInt64List:
		nums := a.nums(u)
		if err := e.EncodeArrayLen(len(nums)); err != nil {
			return err
		}
		for _, n := range nums {
			if err := encodeInt64(e, n); err != nil {
				return err
			}
		}
		return nil
	default:
		if s := a.str(u); s != nil {
			return e.EncodeString(*s)
		}
	}
	return e.EncodeNil()
}

// encodeInt64 writes a number, or null for nil.
func encodeInt64(e *msgpack.Encoder, n *int64) error {
	if n == nil {
		return e.EncodeNil()
	}
	return e.EncodeInt(*n)
}

// dataSourceAttribute is the attribute in a data source's schema, computed.
func (a *userAttribute) dataSourceAttribute() dsschema.Attribute {
	switch a.kind {
	case kindInt64:
		return dsschema.Int64Attribute{Computed: true, MarkdownDescription: a.description}
	case kindBool:
		return dsschema.BoolAttribute{Computed: true, MarkdownDescription: a.description}
	case kindInt64List:
		return dsschema.ListAttribute{Computed: true, ElementType: types.Int64Type, MarkdownDescription: a.description}
	default:
		return dsschema.StringAttribute{Computed: true, MarkdownDescription: a.description}
	}
}

// resourceAttribute is the attribute in a resource's schema, computed;
// keep makes the plan keep the state's value, for a value that never
// changes after create.
func (a *userAttribute) resourceAttribute(keep bool) rsschema.Attribute {
	switch a.kind {
	case kindInt64:
		at := rsschema.Int64Attribute{Computed: true, MarkdownDescription: a.description}
		if keep {
			at.PlanModifiers = []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}
		}
		return at
	case kindBool:
		at := rsschema.BoolAttribute{Computed: true, MarkdownDescription: a.description}
		if keep {
			at.PlanModifiers = []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()}
		}
		return at
	case kindInt64List:
		at := rsschema.ListAttribute{Computed: true, ElementType: types.Int64Type, MarkdownDescription: a.description}
		if keep {
			at.PlanModifiers = []planmodifier.List{listplanmodifier.UseStateForUnknown()}
		}
		return at
	default:
		at := rsschema.StringAttribute{Computed: true, MarkdownDescription: a.description}
		if keep {
			at.PlanModifiers = []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
		}
		return at
	}
}

// userAttrTypes is the Terraform type of one user object, by attribute.
var userAttrTypes = func() map[string]attr.Type {
	m := make(map[string]attr.Type, len(userAttributeTable))
	for i := range userAttributeTable {
		m[userAttributeTable[i].name] = userAttributeTable[i].attrType()
	}
	return m
}()

var (
	userObjectType = types.ObjectType{AttrTypes: userAttrTypes}
	userTFType     = userObjectType.TerraformType(context.Background())
)

// userSchemaAttributes builds the schema attribute of each attribute of a
// user with build, for the schema package of the type that holds the user:
// a data source's (userDataSourceAttributes), a resource's or a list
// resource's. build decides what the type takes as arguments; the name,
// the type and the description come from the table.
func userSchemaAttributes[A any](build func(*userAttribute) A) map[string]A {
	m := make(map[string]A, len(userAttributeTable))
	for i := range userAttributeTable {
		m[userAttributeTable[i].name] = build(&userAttributeTable[i])
	}
	return m
}

// userDataSourceAttributes is every attribute of a user, computed, for a
// data source's schema.
func userDataSourceAttributes() map[string]dsschema.Attribute {
	return userSchemaAttributes((*userAttribute).dataSourceAttribute)
}

// userValues maps an API user to the framework value of each attribute.
func userValues(u *client.User) map[string]attr.Value {
	m := make(map[string]attr.Value, len(userAttributeTable))
	for i := range userAttributeTable {
		m[userAttributeTable[i].name] = userAttributeTable[i].value(u)
	}
	return m
}

// userEncoder writes user objects of one object type in msgpack. It knows
// the type's attributes from the table; an attribute the table does not
// define is an error when the encoder is made, never a silent null.
type userEncoder struct {
	names []string // the object's attribute names, in msgpack's order
	attrs []*userAttribute
}

func newUserEncoder(typ tftypes.Type) (*userEncoder, error) {
	obj, ok := typ.(tftypes.Object)
	if !ok {
		return nil, fmt.Errorf("a user is a %s, not an object", typ)
	}
	enc := &userEncoder{names: sortedKeys(obj.AttributeTypes)}
	for _, name := range enc.names {
		a, ok := userAttributesByName[name]
		if !ok {
			return nil, fmt.Errorf("the user attribute %q is not in the attribute table", name)
		}
		if want := a.attrType().TerraformType(context.Background()); !obj.AttributeTypes[name].Equal(want) {
			return nil, fmt.Errorf("the user attribute %q is a %s, the table makes it a %s", name, obj.AttributeTypes[name], want)
		}
		enc.attrs = append(enc.attrs, a)
	}
	return enc, nil
}

// encode writes one user object.
func (enc *userEncoder) encode(e *msgpack.Encoder, u *client.User) error {
	if err := e.EncodeMapLen(len(enc.names)); err != nil {
		return err
	}
	for i, name := range enc.names {
		if err := e.EncodeString(name); err != nil {
			return err
		}
		if err := enc.attrs[i].encode(e, u); err != nil {
			return fmt.Errorf("encoding %s: %w", name, err)
		}
	}
	return nil
}
