package framework

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
)

// What every list resource does with its results: at most the list
// block's limit of them, and its warnings streamed first.

// FirstResults keeps at most limit of items (0: no limit), warning when it
// cuts: what names the items ("users"), counted says how many there are
// ("6 users match"), and order how the ones kept were chosen (" by email",
// or "").
func FirstResults[T any](limit int64, items []T, what, counted, order string, diags *diag.Diagnostics) []T {
	if limit <= 0 || int64(len(items)) <= limit {
		return items
	}
	diags.AddWarning("More "+what+" than the list block's limit",
		fmt.Sprintf("%s, and the list block asks for at most %d: the results are the first %d%s. "+
			"Set limit in the list block to %d or more to get them all.", counted, limit, limit, order, len(items)))
	return items[:limit]
}

// StreamResults streams diags first, in a result of their own (Terraform
// stops reading the stream once it has as many results as it asked for),
// then the result that result makes of each item, as Terraform reads them.
func StreamResults[T any](diags diag.Diagnostics, items []T, result func(*T) list.ListResult) func(func(list.ListResult) bool) {
	return func(push func(list.ListResult) bool) {
		if len(diags) > 0 && !push(list.ListResult{Diagnostics: diags}) {
			return
		}
		for i := range items {
			if !push(result(&items[i])) {
				return
			}
		}
	}
}
