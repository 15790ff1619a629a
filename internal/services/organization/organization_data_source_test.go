package organization_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/services/organization"
)

// fullOrganizationChecks are the state checks for fakeapi.FullOrganization
// read at address: each attribute holds its field's value.
func fullOrganizationChecks(address, id string) []statecheck.StateCheck {
	org := fakeapi.FullOrganization(id)
	want := map[string]knownvalue.Check{"id": knownvalue.StringExact(id)}
	for name, v := range map[string]*string{
		"name": org.Name, "domain": org.Domain, "address1": org.Address1, "address2": org.Address2, "city": org.City,
		"zipcode": org.Zipcode, "phone": org.Phone, "state": org.State, "country": org.Country, "website": org.Website,
		"deleted_at": org.DeletedAt,
	} {
		want[name] = knownvalue.StringExact(*v)
	}
	for name, v := range map[string]*bool{"is_business": org.IsBusiness, "mfa_enforced": org.MFAEnforced, "repos_disabled": org.ReposDisabled} {
		want[name] = knownvalue.Bool(*v)
	}
	var checks []statecheck.StateCheck
	for name, check := range want {
		checks = append(checks, statecheck.ExpectKnownValue(address, tfjsonpath.New(name), check))
	}
	return checks
}

// TestOrganizationSchemaAttributes checks that the schema has exactly the
// attributes the issue names, each described.
func TestOrganizationSchemaAttributes(t *testing.T) {
	var resp datasource.SchemaResponse
	organization.NewOrganizationDataSource().Schema(t.Context(), datasource.SchemaRequest{}, &resp)
	want := []string{"id", "name", "domain", "address1", "address2", "city", "zipcode", "phone", "state", "country",
		"website", "is_business", "mfa_enforced", "repos_disabled", "deleted_at"}
	if len(resp.Schema.Attributes) != len(want) {
		t.Errorf("the schema has %d attributes, want %d: %v", len(resp.Schema.Attributes), len(want), want)
	}
	for _, name := range want {
		a, ok := resp.Schema.Attributes[name]
		if !ok {
			t.Errorf("no attribute %q", name)
			continue
		}
		if a.GetMarkdownDescription() == "" {
			t.Errorf("%s has no description", name)
		}
	}
}

// TestAccOrganization_own reads the caller's own organization: its id from
// the profile, then every attribute, which the schema walk shows all set.
func TestAccOrganization_own(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	fake.SetOrganization(fakeapi.FullOrganization(fakeapi.SampleOrgID))
	var schemaResp datasource.SchemaResponse
	organization.NewOrganizationDataSource().Schema(t.Context(), datasource.SchemaRequest{}, &schemaResp)
	var notNull []statecheck.StateCheck
	for name := range schemaResp.Schema.Attributes {
		notNull = append(notNull, statecheck.ExpectKnownValue("data.flashback_organization.own", tfjsonpath.New(name), knownvalue.NotNull()))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            acctest.ProviderBlock(url) + `data "flashback_organization" "own" {}`,
			ConfigStateChecks: append(fullOrganizationChecks("data.flashback_organization.own", fakeapi.SampleOrgID), notNull...),
		}},
	})
	if len(fake.CallsTo("GET", "/user/profile")) == 0 {
		t.Error("the profile was never read")
	}
	if n, m := len(fake.CallsTo("GET", "/organization/"+fakeapi.SampleOrgID)), len(fake.Calls()); 2*n != m {
		t.Errorf("%d of %d calls read the organization; want half, each after a profile read", n, m)
	}
}

// TestAccOrganization_byID reads an organization by its id, without the
// profile, and keeps the id as given.
func TestAccOrganization_byID(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	fake.SetOrganization(fakeapi.FullOrganization(fakeapi.SampleOrgID))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            acctest.ProviderBlock(url) + `data "flashback_organization" "org" { id = "` + fakeapi.SampleOrgID + `" }`,
			ConfigStateChecks: fullOrganizationChecks("data.flashback_organization.org", fakeapi.SampleOrgID),
		}},
	})
	if n := len(fake.CallsTo("GET", "/user/profile")); n != 0 {
		t.Errorf("the profile was read %d times; an id needs no profile", n)
	}
}

// TestAccOrganization_nulls shows that fields the API sends as null or
// leaves out are null in state, never invented.
func TestAccOrganization_nulls(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	fake.SetOrganization(fakeapi.Organization{ID: fakeapi.SampleOrgID, Name: fakeapi.Ptr("Sparse"), Address2: fakeapi.Ptr("")})
	const address = "data.flashback_organization.own"
	checks := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(address, tfjsonpath.New("name"), knownvalue.StringExact("Sparse")),
		statecheck.ExpectKnownValue(address, tfjsonpath.New("address2"), knownvalue.StringExact("")),
	}
	for _, name := range []string{"domain", "address1", "city", "zipcode", "phone", "state", "country", "website",
		"is_business", "mfa_enforced", "repos_disabled", "deleted_at"} {
		checks = append(checks, statecheck.ExpectKnownValue(address, tfjsonpath.New(name), knownvalue.Null()))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            acctest.ProviderBlock(url) + `data "flashback_organization" "own" {}`,
			ConfigStateChecks: checks,
		}},
	})
}

// TestAccOrganization_errors shows the errors for an id that the token may
// not read, an id that names nothing, and an empty id.
func TestAccOrganization_errors(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	// The id on a line of its own: an error about the id shows that line.
	config := func(id string) string {
		return acctest.ProviderBlock(url) + "data \"flashback_organization\" \"org\" {\n  id = \"" + id + "\"\n}\n"
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config(fakeapi.OtherOrgID),
				ExpectError: acctest.ErrorLike("Not allowed to read another organization", "with data.flashback_organization.org", `id = "`+fakeapi.OtherOrgID+`"`,
					"returned HTTP 403 Forbidden: an access token may read only the organization its user belongs to",
					"Access denied: you can only view your own organization", "No role changes this. Leave id out to read the token's own organization"),
			},
			{
				Config:      config("no-such-org"),
				ExpectError: acctest.ErrorLike("Flashback organization not found", `id = "no-such-org"`, "no organization has the id", "Check the id, or leave it out"),
			},
			{
				Config:      config(""),
				ExpectError: regexp.MustCompile(`(?s)Attribute id string length must be at least 1`),
			},
		},
	})
}

// TestAccOrganization_example runs the data source's example, read from
// its file, against the sample organization, whose id it names.
func TestAccOrganization_example(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(url) + acctest.ExampleFile(t, "data-sources/flashback_organization/data-source.tf"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("organization", knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id": knownvalue.StringExact(fakeapi.SampleOrgID), "name": knownvalue.StringExact("Example Org"),
					"domain": knownvalue.StringExact("example.com"), "mfa_enforced": knownvalue.Bool(false),
				})),
				statecheck.ExpectKnownValue("data.flashback_organization.by_id", tfjsonpath.New("id"), knownvalue.StringExact(fakeapi.SampleOrgID)),
			},
		}},
	})
}
