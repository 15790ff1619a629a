package provider

import (
	"context"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
)

// The provider functions' logic, called as the framework calls it. The
// same functions through the CLI are in functions_test.go.

// callFunction runs f with args; result is the zero value of f's return
// type, for the function to fill.
func callFunction(t *testing.T, f function.Function, result attr.Value, args ...attr.Value) (attr.Value, *function.FuncError) {
	t.Helper()
	resp := function.RunResponse{Result: function.NewResultData(result)}
	f.Run(context.Background(), function.RunRequest{Arguments: function.NewArgumentsData(args)}, &resp)
	return resp.Result.Value(), resp.Error
}

// expectArgumentError fails unless err is about argument position and says each of want.
func expectArgumentError(t *testing.T, err *function.FuncError, position int64, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want one about argument %d saying %q", position, want)
	}
	if err.FunctionArgument == nil || *err.FunctionArgument != position {
		t.Errorf("the error %q names argument %v, want %d", err.Text, err.FunctionArgument, position)
	}
	// The CLIs end the message with a period of their own.
	if strings.HasSuffix(err.Text, ".") {
		t.Errorf("the error %q ends with a period; the CLI adds one", err.Text)
	}
	for _, w := range want {
		if !strings.Contains(err.Text, w) {
			t.Errorf("the error %q does not say %q", err.Text, w)
		}
	}
}

// allRoleNames is how the errors list the valid names.
var allRoleNames = strings.Join(client.RoleNames(), ", ")

func TestRoleCodeFunction(t *testing.T) {
	// The codes as the API digest documents them.
	for name, want := range map[string]int64{"USER": 0, "BILLING": 1, "WORKSPACES": 2, "ADMINISTRATOR": 0xfe, "OWNER": 0xff} {
		got, err := callFunction(t, newRoleCodeFunction(), types.Int64Null(), types.StringValue(name))
		if err != nil {
			t.Fatalf("role_code(%q): %v", name, err)
		}
		if !got.Equal(types.Int64Value(want)) {
			t.Errorf("role_code(%q) = %v, want %d", name, got, want)
		}
	}
	for _, name := range []string{"owner", "Owner", "ADMINISTRATORS", " OWNER", "", "UNKNOWN", "255"} {
		_, err := callFunction(t, newRoleCodeFunction(), types.Int64Null(), types.StringValue(name))
		expectArgumentError(t, err, 0, "is not a Flashback organization role", allRoleNames)
	}
}

func TestRoleNameFunction(t *testing.T) {
	huge, _ := new(big.Float).SetString("1e40")
	tests := []struct {
		code *big.Float
		want string
	}{
		{big.NewFloat(0), "USER"},
		{big.NewFloat(1), "BILLING"},
		{big.NewFloat(2), "WORKSPACES"},
		{big.NewFloat(254), "ADMINISTRATOR"},
		{big.NewFloat(255), "OWNER"},
		// Reserved codes, and numbers that are no code at all.
		{big.NewFloat(3), "UNKNOWN"},
		{big.NewFloat(253), "UNKNOWN"},
		{big.NewFloat(256), "UNKNOWN"},
		{big.NewFloat(-1), "UNKNOWN"},
		{huge, "UNKNOWN"},
	}
	for _, tc := range tests {
		got, err := callFunction(t, newRoleNameFunction(), types.StringNull(), types.NumberValue(tc.code))
		if err != nil {
			t.Fatalf("role_name(%s): %v", tc.code, err)
		}
		if !got.Equal(types.StringValue(tc.want)) {
			t.Errorf("role_name(%s) = %v, want %q", tc.code, got, tc.want)
		}
	}
	for _, code := range []*big.Float{big.NewFloat(254.5), big.NewFloat(-0.25), new(big.Float).SetInf(false)} {
		_, err := callFunction(t, newRoleNameFunction(), types.StringNull(), types.NumberValue(code))
		expectArgumentError(t, err, 0, "is not a whole number")
	}
}

// roleRank is the documented order of the roles, from the API digest:
// an oracle for role_at_least that does not compare codes.
var roleRank = map[string]int{"USER": 0, "BILLING": 1, "WORKSPACES": 2, "ADMINISTRATOR": 3, "OWNER": 4}

func TestRoleAtLeastFunction_documentedRoles(t *testing.T) {
	names := client.RoleNames()
	for _, role := range names {
		for _, minimum := range names {
			code, _ := client.ParseRole(role)
			want := types.BoolValue(roleRank[role] >= roleRank[minimum])
			// Each argument as a name and as a code, in every combination.
			for _, args := range [][2]attr.Value{
				{types.StringValue(role), types.StringValue(minimum)},
				{types.NumberValue(big.NewFloat(float64(code))), types.StringValue(minimum)},
				{types.StringValue(role), types.NumberValue(big.NewFloat(float64(roleCodeOf(t, minimum))))},
				{types.NumberValue(big.NewFloat(float64(code))), types.NumberValue(big.NewFloat(float64(roleCodeOf(t, minimum))))},
			} {
				got, err := callFunction(t, newRoleAtLeastFunction(), types.BoolNull(), types.DynamicValue(args[0]), types.DynamicValue(args[1]))
				if err != nil {
					t.Fatalf("role_at_least(%v, %v): %v", args[0], args[1], err)
				}
				if !got.Equal(want) {
					t.Errorf("role_at_least(%v, %v) = %v, want %v", args[0], args[1], got, want)
				}
			}
		}
	}
}

func roleCodeOf(t *testing.T, name string) int64 {
	t.Helper()
	code, err := client.ParseRole(name)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// TestRoleAtLeastFunction_agreesWithMinRole shows that role_at_least and
// the data sources' min_role filter agree on every code the API can send,
// reserved ones included: a policy may use either.
func TestRoleAtLeastFunction_agreesWithMinRole(t *testing.T) {
	// One user for each code, read by the client as from the API.
	var users []string
	for code := client.MinRoleCode; code <= client.MaxRoleCode; code++ {
		users = append(users, fmt.Sprintf(`{"id": "%d", "orgRole": %d}`, code, code))
	}
	body := `{"data": [` + strings.Join(users, ",") + fmt.Sprintf(`], "total": %d}`, len(users))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(body)) }))
	defer srv.Close()
	c, err := client.New(client.Config{BaseURL: srv.URL, Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	list, err := c.ListOrganizationUsers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, minimum := range client.RoleNames() {
		minCode := roleCodeOf(t, minimum)
		kept := map[string]bool{}
		for _, u := range list.Select(&client.Filter{MinRole: &minCode}) {
			kept[*u.ID] = true
		}
		for code := client.MinRoleCode; code <= client.MaxRoleCode; code++ {
			want := kept[fmt.Sprint(code)]
			got, err := callFunction(t, newRoleAtLeastFunction(), types.BoolNull(),
				types.DynamicValue(types.NumberValue(big.NewFloat(float64(code)))), types.DynamicValue(types.StringValue(minimum)))
			if err != nil {
				t.Fatalf("role_at_least(%d, %q): %v", code, minimum, err)
			}
			if !got.Equal(types.BoolValue(want)) {
				t.Errorf("role_at_least(%d, %q) = %v, but min_role = %q keeps that user: %v", code, minimum, got, minimum, want)
			}
		}
	}
	// A reserved code lies between the documented roles by its number.
	reserved := types.DynamicValue(types.NumberValue(big.NewFloat(100)))
	for minimum, want := range map[string]bool{"WORKSPACES": true, "ADMINISTRATOR": false} {
		got, err := callFunction(t, newRoleAtLeastFunction(), types.BoolNull(), reserved, types.DynamicValue(types.StringValue(minimum)))
		if err != nil || !got.Equal(types.BoolValue(want)) {
			t.Errorf("role_at_least(100, %q) = %v, %v; want %v", minimum, got, err, want)
		}
	}
}

func TestRoleAtLeastFunction_badInput(t *testing.T) {
	owner := types.DynamicValue(types.StringValue("OWNER"))
	number := func(f float64) types.Dynamic { return types.DynamicValue(types.NumberValue(big.NewFloat(f))) }
	list := types.DynamicValue(types.ListValueMust(types.StringType, []attr.Value{types.StringValue("OWNER")}))
	tests := []struct {
		name          string
		role, minimum types.Dynamic
		position      int64
		want          []string
	}{
		{"name in lower case", types.DynamicValue(types.StringValue("owner")), owner, 0,
			[]string{`"owner" is not a Flashback organization role`, allRoleNames, "or a role code from 0 to 255"}},
		{"a number as a string", owner, types.DynamicValue(types.StringValue("254")), 1, []string{`"254" is not a Flashback organization role`}},
		{"code above a byte", owner, number(256), 1, []string{"256 is not a Flashback role code", "from 0 to 255"}},
		{"negative code", number(-1), owner, 0, []string{"-1 is not a Flashback role code"}},
		{"code beyond int64", types.DynamicValue(types.NumberValue(new(big.Float).SetFloat64(1e30))), owner, 0,
			[]string{"1e+30 is not a Flashback role code"}},
		{"fraction", number(254.5), owner, 0, []string{"254.5 is not a whole number"}},
		{"bool", types.DynamicValue(types.BoolValue(true)), owner, 0, []string{`a role is a name such as "ADMINISTRATOR" or a code such as 254, not a bool`}},
		{"list", owner, list, 1, []string{"not a list"}},
		{"null", types.DynamicNull(), owner, 0, []string{"not null or unknown"}},
		{"null string", types.DynamicValue(types.StringNull()), owner, 0, []string{"not null or unknown"}},
		{"both wrong: the first is named", number(-1), number(-2), 0, []string{"-1 is not"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := callFunction(t, newRoleAtLeastFunction(), types.BoolNull(), tc.role, tc.minimum)
			expectArgumentError(t, err, tc.position, tc.want...)
			if !got.IsNull() {
				t.Errorf("got the result %v beside the error", got)
			}
		})
	}
}

// TestFunctionDefinitions checks what the docs and editors show: every
// function and parameter is described, and the provider offers exactly
// these functions.
func TestFunctionDefinitions(t *testing.T) {
	ctx := context.Background()
	var names []string
	for _, newFunction := range (&FlashbackProvider{}).Functions(ctx) {
		f := newFunction()
		var meta function.MetadataResponse
		f.Metadata(ctx, function.MetadataRequest{}, &meta)
		names = append(names, meta.Name)
		var def function.DefinitionResponse
		f.Definition(ctx, function.DefinitionRequest{}, &def)
		if def.Diagnostics.HasError() {
			t.Fatalf("%s: %v", meta.Name, def.Diagnostics)
		}
		var validation function.DefinitionValidateResponse
		def.Definition.ValidateImplementation(ctx, function.DefinitionValidateRequest{FuncName: meta.Name}, &validation)
		if validation.Diagnostics.HasError() {
			t.Errorf("%s: %v", meta.Name, validation.Diagnostics)
		}
		if def.Definition.Summary == "" || def.Definition.MarkdownDescription == "" {
			t.Errorf("%s has no summary or no description", meta.Name)
		}
		for _, p := range def.Definition.Parameters {
			if p.GetName() == "" || p.GetMarkdownDescription() == "" {
				t.Errorf("%s: a parameter (%q) has no name or no description", meta.Name, p.GetName())
			}
		}
	}
	if want := []string{"role_code", "role_name", "role_at_least"}; !slices.Equal(names, want) {
		t.Errorf("the provider's functions are %q, want %q", names, want)
	}
}
