package organization_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// The organization holds a deleted account whose email starts with U+212A
// KELVIN SIGN, which Unicode normalization (NFC, NFKC) makes a "K"; the
// configuration names ken@example.com. The two are different accounts to
// the API, and the provider never merges them: the account used to be
// reactivated and made ADMINISTRATOR.

const kelvinID = "kelvin-account"

// kelvinEmail is the look-alike account's email, spelled out.
var kelvinEmail = "\u212aen@example.com"

// withKelvin is the sample organization and the deleted look-alike.
func withKelvin() []fakeapi.User {
	return append(fakeapi.SampleUsers(), fakeapi.User{ID: fakeapi.Ptr(kelvinID), Email: fakeapi.Ptr(kelvinEmail),
		Name: fakeapi.Ptr("Ken"), LastName: fakeapi.Ptr("Thompson"), OrgID: fakeapi.Ptr(fakeapi.SampleOrgID),
		OrgRole: fakeapi.Ptr(client.RoleUser), Validated: fakeapi.Ptr(true), DeletedAt: fakeapi.Ptr("2026-01-01T00:00:00.000Z")})
}

// lookAlikeError names both emails, spelled out, and the account's id.
var lookAlikeError = acctest.ErrorLike("Flashback user email only looks alike", `"ken@example.com"`, `"\u212aen@example.com" (id "`+kelvinID+`", deleted)`)

// kelvinUntouched checks that the look-alike account is still deleted, a
// USER, and was never written to.
func kelvinUntouched(fake *fakeapi.Server) error {
	u, _ := fake.User(kelvinID)
	if u.DeletedAt == nil || *u.OrgRole != client.RoleUser {
		return fmt.Errorf("the look-alike account changed: %+v", u)
	}
	for _, c := range fake.Calls() {
		if c.Method != http.MethodGet && (c.Path == "/organization/users/"+kelvinID || c.Path == "/organization/users/"+kelvinID+"/activate") {
			return fmt.Errorf("a write reached the look-alike account: %s %s", c.Method, c.Path)
		}
	}
	return nil
}

var kenConfig = `
resource "flashback_organization_user" "member" {
  email     = "ken@example.com"
  name      = "Ken"
  last_name = "Thompson"
  role      = "ADMINISTRATOR"
}
`

// TestAccLookAlike_lookup: the lookup data source refuses the look-alike.
func TestAccLookAlike_lookup(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, withKelvin())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      acctest.ProviderBlock(url) + `data "flashback_organization_user" "ken" { email = "ken@example.com" }`,
			ExpectError: lookAlikeError,
		}},
	})
}

// TestAccLookAlike_create: a create makes a new user and leaves the
// look-alike deleted; against an API that says the email is taken (as
// one that normalizes would), the create is refused as a look-alike, and
// nothing is reactivated.
func TestAccLookAlike_create(t *testing.T) {
	t.Run("a new user", func(t *testing.T) {
		fake, url := acctest.StartFakeAPI(t, withKelvin())
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: acctest.ProviderBlock(url) + kenConfig,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(memberAddr, tfjsonpath.New("id"), knownvalue.StringFunc(func(id string) error {
						if id == kelvinID {
							return fmt.Errorf("the resource took the look-alike account")
						}
						return nil
					})),
					statecheck.ExpectKnownValue(memberAddr, tfjsonpath.New("email"), knownvalue.StringExact("ken@example.com")),
					acctest.FakeCheck(func() error { return kelvinUntouched(fake) }),
				},
			}},
		})
	})
	t.Run("the API says the email is taken", func(t *testing.T) {
		fake, url := acctest.StartFakeAPI(t, withKelvin())
		fake.Always(fakeapi.Reply{Method: http.MethodPost, Path: "/organization/users", Status: http.StatusConflict,
			Body: `{"success": false, "message": "A user with this email already exists"}`})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps:                    []resource.TestStep{{Config: acctest.ProviderBlock(url) + kenConfig, ExpectError: lookAlikeError}},
		})
		if err := kelvinUntouched(fake); err != nil {
			t.Error(err)
		}
	})
}

// TestAccLookAlike_import: an import by the email refuses the look-alike.
func TestAccLookAlike_import(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, withKelvin())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			ResourceName: memberAddr, Config: acctest.Importable + acctest.ProviderBlock(url) + kenConfig, ImportState: true,
			ImportStateId: "ken@example.com", ExpectError: lookAlikeError,
		}},
	})
	if err := kelvinUntouched(fake); err != nil {
		t.Error(err)
	}
}
