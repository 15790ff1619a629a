package client

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

func TestSignInAnswerIsNeverQuoted(t *testing.T) {
	const refresh = "refresh/+=Token-Never-Shown"
	for _, body := range []string{
		`{"success": true, "accessToken": 42, "refreshToken": "` + refresh + `"}`,
		`{"success": true, "refreshToken": "` + refresh + `", "accessToken": "cut-sh`,
		`{"success": true, "refreshToken": "` + refresh + `"}`,
	} {
		fake, base := signInFake(t)
		fake.Always(fakeapi.Reply{Status: http.StatusOK, Method: http.MethodPost, Path: LoginPath, Body: body})
		e := wantError(t, doCall(t, newTestClient(t, base, signedIn), profileRequest, nil), KindMalformed)
		wantContains(t, "detail", e.Detail, "POST "+base+LoginPath, "The body is not quoted")
		assertNoSecret(t, e.Error(), "Token-Never-Shown")
	}
}

// The secrets of TestSignInSecretsNeverShown, and each form the API could
// echo them in, written out by hand as an oracle independent of
// secretForms: raw, JSON-escaped (with "\/", and with HTML escaping),
// percent-encoded in upper- and lower-case hex, with "/" left as Python's
// quote leaves it, mixed, and base64 (standard and URL-safe).
const (
	echoedAccess  = `acc/+=Access&Token<1>`
	echoedRefresh = `ref/+=Refresh&Token<2>`
)

var echoedForms = map[string][]string{
	signInPassword: {
		`pw/+=&<"Sign-In-Secret">?%`, `pw/+=&<\"Sign-In-Secret\">?%`, `pw\/+=&<\"Sign-In-Secret\">?%`,
		`pw/+=\u0026\u003c\"Sign-In-Secret\"\u003e?%`,
		`pw%2F%2B%3D%26%3C%22Sign-In-Secret%22%3E%3F%25`, `pw%2f%2b%3d%26%3c%22Sign-In-Secret%22%3e%3f%25`,
		`cHcvKz0mPCJTaWduLUluLVNlY3JldCI+PyU=`, `cHcvKz0mPCJTaWduLUluLVNlY3JldCI-PyU=`,
		`pw/%2B%3D%26%3C%22Sign-In-Secret%22%3E%3F%25`, `pw%2f+%3D&<"Sign-In-Secret">?%25`,
	},
	echoedAccess: {
		`acc/+=Access&Token<1>`, `acc\/+=Access&Token<1>`, `acc/+=Access\u0026Token\u003c1\u003e`,
		`acc%2F%2B%3DAccess%26Token%3C1%3E`, `acc%2f%2b%3dAccess%26Token%3c1%3e`,
		`YWNjLys9QWNjZXNzJlRva2VuPDE+`, `YWNjLys9QWNjZXNzJlRva2VuPDE-`,
		`acc/%2B%3DAccess%26Token%3C1%3E`,
	},
	echoedRefresh: {
		`ref/+=Refresh&Token<2>`, `ref\/+=Refresh&Token<2>`, `ref/+=Refresh\u0026Token\u003c2\u003e`,
		`ref%2F%2B%3DRefresh%26Token%3C2%3E`, `ref%2f%2b%3dRefresh%26Token%3c2%3e`,
		`cmVmLys9UmVmcmVzaCZUb2tlbjwyPg==`, `ref/%2B%3DRefresh%26Token%3C2%3E`,
	},
}

// TestSignInSecretsNeverShown signs in to an API that gives tokens holding
// characters every encoding changes, then echoes one form of the password
// or a token in a 500's message and header, then in a malformed 200's body.
// Neither the error nor the log holds any form of any of them.
func TestSignInSecretsNeverShown(t *testing.T) {
	for _, forms := range echoedForms {
		for _, form := range forms {
			t.Run(form, func(t *testing.T) {
				var gets atomic.Int32
				base, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("X-Echo", form)
					switch {
					case r.URL.Path == LoginPath:
						_, _ = w.Write([]byte(`{"success": true, "accessToken": "acc/+=Access\u0026Token\u003c1\u003e", ` +
							`"refreshToken": "ref/+=Refresh\u0026Token\u003c2\u003e"}`))
					case r.Header.Get("Authorization") != "Bearer "+echoedAccess:
						w.WriteHeader(http.StatusUnauthorized)
					case gets.Add(1) == 1:
						msg, _ := json.Marshal("rejected " + form)
						w.WriteHeader(http.StatusInternalServerError)
						_, _ = w.Write([]byte(`{"success": false, "message": ` + string(msg) + `}`))
					default:
						_, _ = w.Write([]byte("echo " + form))
					}
				}))
				c := newTestClient(t, base, signedIn, retries(1))
				raw, entries, err := logEntries(t, c)
				e := wantError(t, err, KindMalformed)
				if n := len(findEntries(entries, "Sending Flashback API request")); n != 3 {
					t.Errorf("the log shows %d requests, want the sign-in and two attempts:\n%s", n, raw)
				}
				wantContains(t, "log", raw, "rejected [REDACTED]", `"X-Echo":"[REDACTED]"`)
				wantContains(t, "error", e.Detail, "echo [REDACTED]")
				for _, shown := range []string{e.Error(), raw} {
					for secret, fs := range echoedForms {
						for _, f := range fs {
							if strings.Contains(shown, f) {
								t.Errorf("%q shows as %q in:\n%s", secret, f, shown)
							}
						}
					}
				}
			})
		}
	}
}
