package organization

import "github.com/hashicorp/terraform-plugin-go/tftypes"

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
