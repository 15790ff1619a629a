package organization

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
)

func TestCheckComplete(t *testing.T) {
	complete := client.NewUserList(make([]client.User, 2), 2)
	incomplete := client.NewUserList(make([]client.User, 2), 5)
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
}
