package framework

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// NotBlank refuses a value of white space only, which the API refuses.
var NotBlank = stringvalidator.RegexMatches(regexp.MustCompile(`\S`), "must not be blank")

var (
	_ validator.Set  = NoNullElements{}
	_ validator.List = NoNullElements{}
)

// NoNullElements refuses a set or a list that holds a null, such as
// roles = ["OWNER", var.extra] with var.extra left null: reading it would
// otherwise fail in a conversion that Terraform reports as a provider bug.
type NoNullElements struct{}

func (NoNullElements) Description(context.Context) string { return "must not hold a null" }

func (v NoNullElements) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (NoNullElements) ValidateSet(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	checkNoNullElements(req.Path, req.ConfigValue.Elements(), &resp.Diagnostics)
}

func (NoNullElements) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	checkNoNullElements(req.Path, req.ConfigValue.Elements(), &resp.Diagnostics)
}

func checkNoNullElements(p path.Path, elems []attr.Value, diags *diag.Diagnostics) {
	for _, e := range elems {
		if e.IsNull() {
			diags.AddAttributeError(p, "Null in "+p.String(),
				fmt.Sprintf("%s holds a null, where each element must be a value: a variable or an expression that is null puts it there. "+
					"Leave the null out, for example with compact([...]), or give the variable a value.", p))
			return
		}
	}
}
