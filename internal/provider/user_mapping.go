package provider

import (
	"bytes"
	"context"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
)

// userAttrTypes is the Terraform type of one user object.
var userAttrTypes = map[string]attr.Type{
	"id":                   types.StringType,
	"email":                types.StringType,
	"name":                 types.StringType,
	"last_name":            types.StringType,
	"org_id":               types.StringType,
	"org_role":             types.Int64Type,
	"org_role_name":        types.StringType,
	"org_role_description": types.StringType,
	"org_roles":            types.ListType{ElemType: types.Int64Type},
	"validated":            types.BoolType,
	"deleted_at":           types.StringType,
}

var (
	userObjectType = types.ObjectType{AttrTypes: userAttrTypes}
	userTFType     = userObjectType.TerraformType(context.Background())
)

// userSchemaAttributes describes the fields of one user, all computed.
func userSchemaAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":        schema.StringAttribute{Computed: true, MarkdownDescription: "Unique identifier of the user."},
		"email":     schema.StringAttribute{Computed: true, MarkdownDescription: "The user's email address."},
		"name":      schema.StringAttribute{Computed: true, MarkdownDescription: "The user's first name."},
		"last_name": schema.StringAttribute{Computed: true, MarkdownDescription: "The user's last name."},
		"org_id":    schema.StringAttribute{Computed: true, MarkdownDescription: "Identifier of the user's organization."},
		"org_role":  schema.Int64Attribute{Computed: true, MarkdownDescription: "The user's organization role as the API's number: `0` USER, `1` BILLING, `2` WORKSPACES, `254` ADMINISTRATOR, `255` OWNER."},
		"org_role_name": schema.StringAttribute{Computed: true, MarkdownDescription: "The name of `org_role`: one of `USER`, `BILLING`, `WORKSPACES`, " +
			"`ADMINISTRATOR` and `OWNER`, or `UNKNOWN` for any other code."},
		"org_role_description": schema.StringAttribute{Computed: true, MarkdownDescription: "The role's description, exactly as the API sent it."},
		"org_roles": schema.ListAttribute{Computed: true, ElementType: types.Int64Type,
			MarkdownDescription: "The role numbers available to the user; empty when the API sends none."},
		"validated":  schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the user's email address is validated."},
		"deleted_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the user was deleted, as the API sent it; null while the user is active."},
	}
}

// The mapping from an API user to a user object is written once, as the
// msgpack encoding Terraform's protocol carries: userFieldEncoders. Building
// framework values (types.List, or reflection on a struct) for a large
// organization costs many times more; BenchmarkStateBuilding measures it.

// userFieldEncoders writes each attribute of a user object. A field the API
// left out or sent as null becomes null; org_roles is never null, but an
// element the API sent as null is.
var userFieldEncoders = map[string]func(*msgpack.Encoder, *client.User) error{
	"id":                   func(e *msgpack.Encoder, u *client.User) error { return encodeString(e, u.ID) },
	"email":                func(e *msgpack.Encoder, u *client.User) error { return encodeString(e, u.Email) },
	"name":                 func(e *msgpack.Encoder, u *client.User) error { return encodeString(e, u.Name) },
	"last_name":            func(e *msgpack.Encoder, u *client.User) error { return encodeString(e, u.LastName) },
	"org_id":               func(e *msgpack.Encoder, u *client.User) error { return encodeString(e, u.OrgID) },
	"org_role":             func(e *msgpack.Encoder, u *client.User) error { return encodeInt(e, u.OrgRole) },
	"org_role_description": func(e *msgpack.Encoder, u *client.User) error { return encodeString(e, u.OrgRoleDescription) },
	"validated":            func(e *msgpack.Encoder, u *client.User) error { return encodeBool(e, u.Validated) },
	"deleted_at":           func(e *msgpack.Encoder, u *client.User) error { return encodeString(e, u.DeletedAt) },
	"org_role_name": func(e *msgpack.Encoder, u *client.User) error {
		if u.OrgRole == nil {
			return e.EncodeNil()
		}
		return e.EncodeString(client.RoleName(*u.OrgRole))
	},
	"org_roles": func(e *msgpack.Encoder, u *client.User) error {
		if err := e.EncodeArrayLen(len(u.OrgRoles)); err != nil {
			return err
		}
		for _, r := range u.OrgRoles {
			if err := encodeInt(e, r); err != nil { // a null element stays null
				return err
			}
		}
		return nil
	},
}

// userFieldOrder is the user object's attributes in the order msgpack
// objects carry them: sorted by name.
var userFieldOrder = sortedKeys(userAttrTypes)

// encodeUser writes one user object.
func encodeUser(e *msgpack.Encoder, u *client.User) error {
	if err := e.EncodeMapLen(len(userFieldOrder)); err != nil {
		return err
	}
	for _, name := range userFieldOrder {
		encode, ok := userFieldEncoders[name]
		if !ok {
			return fmt.Errorf("no encoder for the user attribute %q", name)
		}
		if err := e.EncodeString(name); err != nil {
			return err
		}
		if err := encode(e, u); err != nil {
			return err
		}
	}
	return nil
}

// usersState is what flashback_organization_users computes.
type usersState struct {
	users []client.User
	total int64
	orgID *string
}

// encodeUsersState writes the data source's state: the configuration's own
// values for its arguments, and the computed attributes from s.
func encodeUsersState(config tftypes.Value, s usersState) ([]byte, error) {
	typ, ok := config.Type().(tftypes.Object)
	if !ok {
		return nil, fmt.Errorf("the configuration is a %s, not an object", config.Type())
	}
	var args map[string]tftypes.Value
	if err := config.As(&args); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(64 + len(s.users)*320)
	e := msgpack.NewEncoder(&buf)
	if err := e.EncodeMapLen(len(typ.AttributeTypes)); err != nil {
		return nil, err
	}
	for _, name := range sortedKeys(typ.AttributeTypes) {
		if err := e.EncodeString(name); err != nil {
			return nil, err
		}
		var err error
		switch name {
		case "users":
			err = e.EncodeArrayLen(len(s.users))
			for i := 0; err == nil && i < len(s.users); i++ {
				err = encodeUser(e, &s.users[i])
			}
		case "emails":
			err = e.EncodeArrayLen(len(s.users))
			for i := 0; err == nil && i < len(s.users); i++ {
				err = encodeString(e, s.users[i].Email)
			}
		case "total":
			err = e.EncodeInt(s.total)
		case "org_id":
			err = encodeString(e, s.orgID)
		default: // an argument: its value as configured
			var b []byte
			if b, err = args[name].MarshalMsgPack(typ.AttributeTypes[name]); err == nil { //nolint:staticcheck // the protocol's own encoding of a config value
				_, err = buf.Write(b) // the encoder writes straight to buf
			}
		}
		if err != nil {
			return nil, fmt.Errorf("encoding %s: %w", name, err)
		}
	}
	return buf.Bytes(), nil
}

// userAttributes maps one API user to the attribute values of a user
// object, through the same encoding, for flashback_organization_user.
func userAttributes(u *client.User) (map[string]attr.Value, error) {
	var buf bytes.Buffer
	if err := encodeUser(msgpack.NewEncoder(&buf), u); err != nil {
		return nil, err
	}
	raw, err := (&tfprotov6.DynamicValue{MsgPack: buf.Bytes()}).Unmarshal(userTFType)
	if err != nil {
		return nil, err
	}
	v, err := userObjectType.ValueFromTerraform(context.Background(), raw)
	if err != nil {
		return nil, err
	}
	obj, ok := v.(types.Object)
	if !ok {
		return nil, fmt.Errorf("a user decoded as %T, not an object", v)
	}
	return obj.Attributes(), nil
}

func encodeString(e *msgpack.Encoder, s *string) error {
	if s == nil {
		return e.EncodeNil()
	}
	return e.EncodeString(*s)
}

func encodeInt(e *msgpack.Encoder, n *int64) error {
	if n == nil {
		return e.EncodeNil()
	}
	return e.EncodeInt(*n)
}

func encodeBool(e *msgpack.Encoder, b *bool) error {
	if b == nil {
		return e.EncodeNil()
	}
	return e.EncodeBool(*b)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
