package provider_test

import (
	"net/http"
	"regexp"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// TestAccSignIn_refused runs a sign-in the API refuses, for each reason:
// each error says what went wrong and what to do, no read is sent, and the
// refused sign-in is not tried again by the other reads of the run.
func TestAccSignIn_refused(t *testing.T) {
	tests := []struct {
		name, email, password string
		mfa                   bool
		want                  *regexp.Regexp
	}{
		{"USER_NOT_FOUND", acctest.Email("nobody", "example.com"), signInPassword, false,
			inOrder("Flashback sign-in failed: no such user", "(USER_NOT_FOUND): no Flashback user has the email", "Check email or FLASHBACK_EMAIL")},
		{"INVALID_PASSWORD", signInEmail, "not-" + signInPassword, false,
			inOrder("Flashback sign-in failed: wrong password", "(INVALID_PASSWORD): the password for", "is wrong. Check password or FLASHBACK_PASSWORD")},
		{"USER_INACTIVE", acctest.Email("mallory", "example.com"), signInPassword, false,
			inOrder("Flashback sign-in failed: user inactive", "(USER_INACTIVE): the user", "is deactivated", "reactivate it")},
		{"NO_PASSWORD_SET", acctest.Email("grace", "example.com"), signInPassword, false,
			inOrder("Flashback sign-in failed: no password set", "(NO_PASSWORD_SET): the user", "has no password", "use an access token instead")},
		{"MFA", signInEmail, signInPassword, true,
			inOrder("Flashback sign-in needs a second factor", "the organization enforces multi-factor authentication", "Use an access token instead")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			api := startSignInAPI(t)
			if tc.mfa {
				org := api.fake.Organization()
				org.MFAEnforced = fakeapi.Ptr(true)
				api.fake.SetOrganization(org)
			}
			signInFromEnvironment(t, tc.email, tc.password)
			traceLog(t, api)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      signInProvider(api.url) + severalReads,
					ExpectError: tc.want,
				}},
			})
			if n := api.fake.Logins(); n != 1 {
				t.Errorf("%d sign-ins, want 1: three reads share the refusal", n)
			}
			if n := len(api.listCalls()); n != 0 {
				t.Errorf("%d reads reached the API without a token", n)
			}
		})
	}
}

// TestAccSignIn_againAfterExpiry lets the token of the first sign-in
// expire just before the first read reaches the API, as an hour passing
// mid-run would: the provider signs in again once and the read succeeds.
func TestAccSignIn_againAfterExpiry(t *testing.T) {
	api := startSignInAPI(t)
	var once sync.Once
	api.before = func(r *http.Request) {
		if r.URL.Path == client.UsersPath {
			once.Do(api.fake.ExpireTokens)
		}
	}
	signInFromEnvironment(t, signInEmail, signInPassword)
	traceLog(t, api)
	readSignedIn(t, api)
	// The first read of the list, sent with the first token, got a 401;
	// a sign-in followed, then the read again with the new token.
	var lists, loginsBetween int
	var first, second string
	for _, c := range api.fake.Calls() {
		switch {
		case c.Path == client.UsersPath && lists < 2:
			lists++
			first, second = second, c.Header.Get("Authorization")
		case c.Path == client.LoginPath && lists == 1:
			loginsBetween++
		}
	}
	if lists < 2 || first == second || loginsBetween != 1 {
		t.Errorf("the read was not sent again after one new sign-in, with its token: %d sign-ins between the first two reads, same token: %v",
			loginsBetween, first == second)
	}
	if logins, lists := api.fake.Logins(), len(api.listCalls()); logins != lists {
		t.Errorf("%d sign-ins for %d list calls: want one per run, and one more for the expired token", logins, lists)
	}
}

// TestAccSignIn_expiredEveryTime makes every token expire before any read
// of the users list reaches the API: the provider signs in again once, then
// reports the second 401. Its reads are the list's alone: a read of
// another path whose token the second list call expired would rightly sign
// in a third time, or not, as the two requests happen to fall.
func TestAccSignIn_expiredEveryTime(t *testing.T) {
	api := startSignInAPI(t)
	api.before = func(r *http.Request) {
		if r.URL.Path == client.UsersPath {
			api.fake.ExpireTokens()
		}
	}
	signInFromEnvironment(t, signInEmail, signInPassword)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      signInProvider(api.url) + listReads,
			ExpectError: inOrder("Flashback rejected the access token", "to the access token of a new sign-in too"),
		}},
	})
	if logins, lists := api.fake.Logins(), len(api.listCalls()); logins != 2 || lists != 2 {
		t.Errorf("%d sign-ins and %d reads, want 2 and 2: one sign-in again, then the error", logins, lists)
	}
}
