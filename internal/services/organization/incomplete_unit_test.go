package organization

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
)

func TestCheckComplete(t *testing.T) {
	list := func(total string) *client.UserList {
		l, err := listOf(t, []byte(`{"data": [{"id": "a"}, {"id": "b"}]`+total+`}`))
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	complete, incomplete, noTotal := list(`, "total": 2`), list(`, "total": 5`), list(``)
	for _, allow := range []bool{false, true} {
		var diags diag.Diagnostics
		checkComplete(&diags, complete, allow)
		if len(diags) != 0 {
			t.Errorf("allow=%v: a complete list got diagnostics %v", allow, diags)
		}
	}

	var diags diag.Diagnostics
	checkComplete(&diags, incomplete, false)
	if len(diags) != 1 || len(diags.Errors()) != 1 {
		t.Fatalf("an incomplete list: want one error, got %v", diags)
	}
	if d := diags[0].Detail(); !strings.Contains(d, "total of 5 users but returned 2") || !strings.Contains(d, "allow_incomplete = true") {
		t.Errorf("error detail %q does not give both counts and the way out", d)
	}

	diags = nil
	checkComplete(&diags, incomplete, true)
	if len(diags) != 1 || len(diags.Warnings()) != 1 {
		t.Fatalf("an incomplete list allowed: want one warning, got %v", diags)
	}

	diags = nil
	checkComplete(&diags, noTotal, false)
	if len(diags.Errors()) != 1 || diags[0].Summary() != "Flashback reported no total of users" ||
		!strings.Contains(diags[0].Detail(), "reported no total with the 2 users") {
		t.Fatalf("a list without a total: want the error that says so, got %v", diags)
	}
}
