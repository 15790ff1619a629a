package organization

import (
	"bytes"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
)

// The state of flashback_organization_users is written straight from the
// API users in msgpack, the encoding Terraform's protocol carries. Building
// framework values (types.List, or reflection on a struct) for a large
// organization costs many times more; BenchmarkStateBuilding measures it.
// TestStateDecodesWithTerraformsDecoder shows that Terraform's own decoder
// (go-cty's msgpack) reads the encoding back as the same value.

// usersState is what flashback_organization_users computes.
type usersState struct {
	users []client.User
	total int64
	// noTotal says that the API reported no total: total is then null.
	noTotal bool
	orgID   *string
}

// usersComputed writes each computed attribute of the data source, given
// its type in the schema.
var usersComputed = map[string]func(e *msgpack.Encoder, typ tftypes.Type, s *usersState) error{
	"users": func(e *msgpack.Encoder, typ tftypes.Type, s *usersState) error {
		list, ok := typ.(tftypes.List)
		if !ok {
			return fmt.Errorf("users is a %s, not a list", typ)
		}
		enc, err := newUserEncoder(list.ElementType)
		if err != nil {
			return err
		}
		if err := e.EncodeArrayLen(len(s.users)); err != nil {
			return err
		}
		for i := range s.users {
			if err := enc.encode(e, &s.users[i]); err != nil {
				return err
			}
		}
		return nil
	},
	"emails": func(e *msgpack.Encoder, _ tftypes.Type, s *usersState) error {
		if err := e.EncodeArrayLen(len(s.users)); err != nil {
			return err
		}
		for i := range s.users {
			if err := encodeString(e, s.users[i].Email); err != nil {
				return err
			}
		}
		return nil
	},
	"total": func(e *msgpack.Encoder, _ tftypes.Type, s *usersState) error {
		if s.noTotal {
			return e.EncodeNil()
		}
		return e.EncodeInt(s.total)
	},
	"org_id": func(e *msgpack.Encoder, _ tftypes.Type, s *usersState) error { return encodeString(e, s.orgID) },
}

// encodeUsersState writes the data source's state: each argument as
// configured, and each computed attribute from s. A computed attribute with
// no writer in usersComputed is an error, never a silent null.
func encodeUsersState(config tfsdk.Config, s usersState) ([]byte, error) {
	typ, ok := config.Raw.Type().(tftypes.Object)
	if !ok {
		return nil, fmt.Errorf("the configuration is a %s, not an object", config.Raw.Type())
	}
	var args map[string]tftypes.Value
	if err := config.Raw.As(&args); err != nil {
		return nil, err
	}
	schemaAttrs := config.Schema.GetAttributes()
	var buf bytes.Buffer
	buf.Grow(64 + len(s.users)*320)
	e := msgpack.NewEncoder(&buf) // bytes.Buffer is an io.ByteWriter: the encoder writes straight to buf
	if err := e.EncodeMapLen(len(typ.AttributeTypes)); err != nil {
		return nil, err
	}
	for _, name := range sortedKeys(typ.AttributeTypes) {
		if err := e.EncodeString(name); err != nil {
			return nil, err
		}
		var err error
		a, inSchema := schemaAttrs[name]
		switch {
		case !inSchema:
			err = fmt.Errorf("the attribute is not in the schema")
		case !a.IsComputed(): // an argument: its value as configured
			var dv tfprotov6.DynamicValue
			if dv, err = tfprotov6.NewDynamicValue(typ.AttributeTypes[name], args[name]); err == nil {
				_, err = buf.Write(dv.MsgPack)
			}
		default:
			write, known := usersComputed[name]
			if !known {
				err = fmt.Errorf("the computed attribute has no writer in usersComputed")
			} else {
				err = write(e, typ.AttributeTypes[name], &s)
			}
		}
		if err != nil {
			return nil, fmt.Errorf("encoding %s: %w", name, err)
		}
	}
	return buf.Bytes(), nil
}

func encodeString(e *msgpack.Encoder, s *string) error {
	if s == nil {
		return e.EncodeNil()
	}
	return e.EncodeString(*s)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
