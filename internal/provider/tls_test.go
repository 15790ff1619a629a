package provider_test

import (
	"crypto/tls"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// startTLSFakeAPI serves users over TLS on loopback, with cert, or with
// httptest's own self-signed certificate when cert is nil.
func startTLSFakeAPI(t *testing.T, users []fakeapi.User, cert *tls.Certificate) (*fakeapi.Server, *httptest.Server) {
	t.Helper()
	fake := fakeapi.New(acctest.TestToken, users)
	return fake, fakeapi.StartTLS(t, fake, cert)
}

// heredoc writes text as an HCL heredoc, as a user would paste a PEM.
func heredoc(text string) string {
	return "<<-EOT\n" + strings.TrimSuffix(text, "\n") + "\nEOT"
}

// TestAccProvider_caCertificate runs Terraform against an API whose
// certificate no CA of the system signed: it is refused, with an error
// that says to set ca_certificate, and accepted once ca_certificate holds
// the certificate, given inline or read from a file.
func TestAccProvider_caCertificate(t *testing.T) {
	fake, srv := startTLSFakeAPI(t, fakeapi.SampleUsers(), nil)
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, []byte(fakeapi.CertPEM(srv.Certificate())), 0o600); err != nil {
		t.Fatal(err)
	}
	ds := `data "flashback_organization_users" "test" { roles = ["OWNER"] }`

	t.Run("refused without it", func(t *testing.T) {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: acctest.ProviderBlock(srv.URL) + ds,
				ExpectError: acctest.ErrorLike("Cannot set up a secure connection to the Flashback API",
					"certificate signed by unknown authority", "set ca_certificate"),
			}},
		})
		if n := fake.RequestCount(); n != 0 {
			t.Errorf("the API got %d requests over a connection it could not verify", n)
		}
	})
	t.Run("accepted inline", func(t *testing.T) {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config:            acctest.ProviderBlock(srv.URL, "ca_certificate = "+heredoc(fakeapi.CertPEM(srv.Certificate()))) + ds,
				ConfigStateChecks: []statecheck.StateCheck{acctest.EmailsAre("ada", "grace")},
			}},
		})
	})
	t.Run("accepted from a file", func(t *testing.T) {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config:            acctest.ProviderBlock(srv.URL, `ca_certificate = file(`+quote(caFile)+`)`) + ds,
				ConfigStateChecks: []statecheck.StateCheck{acctest.EmailsAre("ada", "grace")},
			}},
		})
	})
}

// TestAccProvider_caCertificatePrivateCA shows a private CA's bundle,
// comments and another CA included, accepted; and a CA that did not sign
// the API's certificate refused.
func TestAccProvider_caCertificatePrivateCA(t *testing.T) {
	private, err := fakeapi.NewCA("Example Corp private CA")
	if err != nil {
		t.Fatal(err)
	}
	other, err := fakeapi.NewCA("Another CA")
	if err != nil {
		t.Fatal(err)
	}
	cert, err := private.Issue("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	_, srv := startTLSFakeAPI(t, fakeapi.SampleUsers(), &cert)
	ds := `data "flashback_organization_users" "test" { roles = ["OWNER"] }`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            acctest.ProviderBlock(srv.URL, "ca_certificate = "+heredoc("# Another CA\n"+other.PEM+"# Example Corp\n"+private.PEM)) + ds,
				ConfigStateChecks: []statecheck.StateCheck{acctest.EmailsAre("ada", "grace")},
			},
			{
				Config:      acctest.ProviderBlock(srv.URL, "ca_certificate = "+heredoc(other.PEM)) + ds,
				ExpectError: acctest.ErrorLike("certificate signed by unknown authority", "ca_certificate"),
			},
		},
	})
}

// TestAccProvider_caCertificateInvalid shows that a ca_certificate that is
// not PEM certificates fails at plan time, on the attribute, before any
// request.
func TestAccProvider_caCertificateInvalid(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	ca, err := fakeapi.NewCA("Cut short")
	if err != nil {
		t.Fatal(err)
	}
	ds := "\n" + `data "flashback_organization_users" "test" {}`
	tests := []struct {
		name, value string
		want        []string
	}{
		{"empty", `""`, []string{"empty"}},
		{"a file name", `"ca.pem"`, []string{"no PEM certificate", `file("ca.pem")`}},
		{"a private key", heredoc("-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n"), []string{"PRIVATE KEY, not a CERTIFICATE"}},
		{"cut short", heredoc(ca.PEM[:len(ca.PEM)/2]), []string{"damaged or cut short"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      acctest.ProviderBlock(url, "ca_certificate = "+tc.value) + ds,
					PlanOnly:    true,
					ExpectError: acctest.ErrorLike(append([]string{"Invalid CA certificate", "ca_certificate"}, tc.want...)...),
				}},
			})
		})
	}
	if n := fake.RequestCount(); n != 0 {
		t.Errorf("the fake API received %d requests; a bad ca_certificate must fail before any", n)
	}
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `\`, `\\`) + `"` }
