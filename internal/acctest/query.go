package acctest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// QueryTest is a query test of one step: the provider block and list
// blocks, run with `terraform query` (Terraform 1.14 and later; it skips
// below), whose results the checks judge.
func QueryTest(t *testing.T, url, lists string, checks ...querycheck.QueryResultCheck) resource.TestCase {
	t.Helper()
	return resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Query:             true,
			Config:            ProviderBlock(url) + lists,
			QueryResultChecks: checks,
		}},
	}
}

// ExpectDisplayNames checks every result of one list block, in order, by
// its display name: querycheck's own checks find results in any order.
func ExpectDisplayNames(list string, names ...string) querycheck.QueryResultCheck {
	return displayNamesCheck{list: list, names: names}
}

type displayNamesCheck struct {
	list  string
	names []string
}

func (c displayNamesCheck) CheckQuery(_ context.Context, req querycheck.CheckQueryRequest, resp *querycheck.CheckQueryResponse) {
	var got []string
	for _, r := range req.Query {
		if strings.TrimPrefix(r.Address, "list.") == c.list {
			got = append(got, r.DisplayName)
		}
	}
	if !slices.Equal(got, c.names) {
		resp.Error = fmt.Errorf("%s: display names %q, want %q", c.list, got, c.names)
	}
}
