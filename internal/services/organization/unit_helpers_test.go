package organization

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
)

// Helpers of the unit tests and benchmarks that need the package's
// internals. Those tests are in package organization, which cannot import
// internal/acctest (acctest imports the provider, which imports this
// package), so they have these few helpers of their own.

// testToken is the access token the fake API accepts in these tests.
const testToken = "fb-test-token-9f8e7d6c5b4a"

// email builds an address; the sources never spell one out literally.
func email(local, domain string) string { return local + "@" + domain }

// nullAttributes returns a null value for each attribute of an object type.
func nullAttributes(typ tftypes.Type) map[string]tftypes.Value {
	obj, _ := typ.(tftypes.Object) // not an object: no attributes
	vals := make(map[string]tftypes.Value, len(obj.AttributeTypes))
	for name, t := range obj.AttributeTypes {
		vals[name] = tftypes.NewValue(t, nil)
	}
	return vals
}

// nullObject is an object of type typ whose attributes are all null.
func nullObject(typ tftypes.Type) tftypes.Value {
	return tftypes.NewValue(typ, nullAttributes(typ))
}

// codes makes an orgRoles list of role codes, none of them null.
func codes(list ...int64) []*int64 {
	out := make([]*int64, len(list))
	for i := range list {
		out[i] = &list[i]
	}
	return out
}

// listOf returns the users list that the client reads from body, a users
// answer, or the client's error: the list as the provider gets it.
func listOf(tb testing.TB, body []byte) (*client.UserList, error) {
	tb.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	c, err := client.New(client.Config{BaseURL: srv.URL, Token: testToken})
	if err != nil {
		tb.Fatal(err)
	}
	return c.ListOrganizationUsers(context.Background())
}
