package framework

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// LookupArgument is an argument a data source looks one object up by (its
// id, an email, a name): not empty, and computed, as a lookup by the other
// argument of its pair (LookupOneOf) sets it from the object found.
func LookupArgument(description string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: description,
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
}

// LookupOneOf asks for exactly one of a data source's lookup arguments.
func LookupOneOf(names ...string) []datasource.ConfigValidator {
	paths := make([]path.Expression, len(names))
	for i, name := range names {
		paths[i] = path.MatchRoot(name)
	}
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(paths...)}
}
