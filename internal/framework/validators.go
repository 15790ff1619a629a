package framework

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
)

// NotBlank refuses a value of white space only, which the API refuses.
var NotBlank = stringvalidator.RegexMatches(regexp.MustCompile(`\S`), "must not be blank")
