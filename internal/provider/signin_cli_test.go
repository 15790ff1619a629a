package provider_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/provider"
)

// savedPlanConfig reads two data sources while planning, and a third, held
// back by depends_on on a resource that the plan creates, while applying.
func savedPlanConfig(baseURL string) string {
	return acctest.CLIProvider(acctest.FastRetries+"\n  base_url = \""+baseURL+"\"") + `
resource "terraform_data" "gate" {
  input = "go"
}

data "flashback_organization_users" "owners" {
  roles = ["OWNER"]
}

data "flashback_organization_user" "me" {
  email = "ada@example.com"
}

data "flashback_organization_users" "admins" {
  min_role   = "ADMINISTRATOR"
  depends_on = [terraform_data.gate]
}

output "owners" {
  value = data.flashback_organization_users.owners.emails
}

output "admins" {
  value = data.flashback_organization_users.admins.emails
}
`
}

// TestAccCLI_signInSavedPlan runs what a pipeline runs: terraform plan
// -out, then, an hour later, terraform apply of the saved plan, with the
// credentials in the environment and the CLI logging at TRACE.
//
// Signing in, the plan signs in once for its reads, the apply signs in
// again for the read that waited for it, and neither the plan file, the
// state, the output nor the log holds the password or a token. With a
// one-hour access token instead, the saved plan's apply fails: the token
// expired in between.
func TestAccCLI_signInSavedPlan(t *testing.T) {
	cli := acctest.NewCLIRunner(t)
	files := map[string]string{"main.tf": ""}

	t.Run("sign-in", func(t *testing.T) {
		api := startSignInAPI(t)
		files["main.tf"] = savedPlanConfig(api.url)
		work := t.TempDir()
		logPath := filepath.Join(t.TempDir(), "trace.log")
		env := []string{provider.EnvEmail + "=" + signInEmail, provider.EnvPassword + "=" + signInPassword, "TF_LOG=TRACE", "TF_LOG_PATH=" + logPath}

		plan := cli.StartIn(t, work, files, env, "plan", "-out=tfplan", "-input=false", "-lock=false", "-no-color").Wait(t)
		if plan.Failed {
			t.Fatalf("plan failed:\n%s%s", plan.Stdout, plan.Stderr)
		}
		if n := api.fake.Logins(); n != 1 {
			t.Errorf("the plan signed in %d times for its two reads, want once", n)
		}
		show := cli.StartIn(t, work, nil, nil, "show", "-json", "tfplan").Wait(t)
		if show.Failed || !strings.Contains(show.Stdout, `"terraform_data.gate"`) {
			t.Fatalf("show -json tfplan failed:\n%s%s", show.Stdout, show.Stderr)
		}

		api.fake.ExpireTokens() // an hour passes
		apply := cli.StartIn(t, work, nil, env, "apply", "-input=false", "-lock=false", "-no-color", "tfplan").Wait(t)
		if apply.Failed || !strings.Contains(apply.Stdout, acctest.Email("alan", "example.com")) {
			t.Fatalf("the saved plan's apply failed or did not read the admins:\n%s%s", apply.Stdout, apply.Stderr)
		}
		if n := api.fake.Logins(); n != 2 {
			t.Errorf("%d sign-ins, want 2: the plan's, and the apply's own", n)
		}

		state, err := os.ReadFile(filepath.Join(work, "terraform.tfstate"))
		if err != nil {
			t.Fatal(err)
		}
		log, err := os.ReadFile(logPath)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(log), "Sending Flashback API request") {
			t.Error("the TRACE log does not show the provider's calls")
		}
		secrets := api.secrets()
		for what, text := range map[string]string{
			"the saved plan (show -json)": show.Stdout, "the state": string(state), "the TRACE log": string(log),
			"the plan's output": plan.Stdout + plan.Stderr, "the apply's output": apply.Stdout + apply.Stderr,
		} {
			assertNoSecrets(t, what, text, secrets)
		}
	})

	t.Run("one-hour access token", func(t *testing.T) {
		api := startSignInAPI(t)
		files["main.tf"] = savedPlanConfig(api.url)
		token, err := api.fake.IssueToken(fakeapi.SampleOwnerID)
		if err != nil {
			t.Fatal(err)
		}
		work := t.TempDir()
		env := []string{provider.EnvAccessToken + "=" + token}
		if plan := cli.StartIn(t, work, files, env, "plan", "-out=tfplan", "-input=false", "-lock=false", "-no-color").Wait(t); plan.Failed {
			t.Fatalf("plan failed:\n%s%s", plan.Stdout, plan.Stderr)
		}
		api.fake.ExpireTokens() // an hour passes
		apply := cli.StartIn(t, work, nil, env, "apply", "-input=false", "-lock=false", "-no-color", "tfplan").Wait(t)
		if !apply.Failed || !strings.Contains(acctest.Unwrapped(apply.Stderr), "Flashback rejected the access token") {
			t.Fatalf("the saved plan's apply with an expired token did not fail with the 401:\n%s%s", apply.Stdout, apply.Stderr)
		}
		if n := api.fake.Logins(); n != 0 {
			t.Errorf("%d sign-ins with an access token, want none", n)
		}
	})
}

// TestAccCLI_signInConflictValidate shows that terraform validate, which
// never configures the provider, refuses a provider block with both ways
// to authenticate.
func TestAccCLI_signInConflictValidate(t *testing.T) {
	cli := acctest.NewCLIRunner(t)
	files := map[string]string{"main.tf": acctest.CLIProvider(`access_token = "t"
  password     = "p"`) + `
data "flashback_organization_users" "all" {}
`}
	res := cli.Run(t, files, nil, "validate", "-no-color")
	if !res.Failed || !strings.Contains(acctest.Unwrapped(res.Stderr), "access_token and password are both set in the provider block") {
		t.Fatalf("validate did not refuse access_token with password:\n%s%s", res.Stdout, res.Stderr)
	}
}
