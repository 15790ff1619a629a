package provider

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// safetyTimeout is how long a test waits before failing instead of
// hanging. It is a guard, not an expectation of speed.
const safetyTimeout = 20 * time.Second

// protocolValue builds a value of a schema's type: every attribute null
// but those given.
func protocolValue(t *testing.T, typ tftypes.Type, set map[string]tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	obj, ok := typ.(tftypes.Object)
	if !ok {
		t.Fatalf("the schema's type is a %s, not an object", typ)
	}
	vals := make(map[string]tftypes.Value, len(obj.AttributeTypes))
	for name, at := range obj.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	for name, v := range set {
		vals[name] = v
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

// configuredServer is the provider's protocol server, as main.go serves
// it, configured for the API at url with the given string settings.
func configuredServer(t *testing.T, url string, settings map[string]string) tfprotov6.ProviderServer {
	t.Helper()
	ctx := t.Context()
	var sresp provider.SchemaResponse
	New("test")().Schema(ctx, provider.SchemaRequest{}, &sresp)
	set := map[string]tftypes.Value{
		"base_url":     tftypes.NewValue(tftypes.String, url),
		"access_token": tftypes.NewValue(tftypes.String, testToken),
	}
	for k, v := range settings {
		set[k] = tftypes.NewValue(tftypes.String, v)
	}
	srv := NewServer("test")()
	resp, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
		TerraformVersion: "1.16.4",
		Config:           protocolValue(t, sresp.Schema.Type().TerraformType(ctx), set),
	})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("ConfigureProvider: %v %v", err, resp.Diagnostics)
	}
	return srv
}

// readRequest is a read of the data source typeName with the given string arguments.
func readRequest(t *testing.T, typeName string, args map[string]string) *tfprotov6.ReadDataSourceRequest {
	t.Helper()
	ctx := t.Context()
	for _, newDS := range New("test")().DataSources(ctx) {
		ds := newDS()
		var meta datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "flashback"}, &meta)
		if meta.TypeName != typeName {
			continue
		}
		var sresp datasource.SchemaResponse
		ds.Schema(ctx, datasource.SchemaRequest{}, &sresp)
		set := map[string]tftypes.Value{}
		for k, v := range args {
			set[k] = tftypes.NewValue(tftypes.String, v)
		}
		return &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: protocolValue(t, sresp.Schema.Type().TerraformType(ctx), set)}
	}
	t.Fatalf("no data source %s", typeName)
	return nil
}

// readUntilCanceled reads with a context that cancel ends, and returns the
// read's error diagnostics, failing the test if the read does not return.
func readUntilCanceled(t *testing.T, ctx context.Context, srv tfprotov6.ProviderServer, req *tfprotov6.ReadDataSourceRequest) []*tfprotov6.Diagnostic {
	t.Helper()
	done := make(chan *tfprotov6.ReadDataSourceResponse, 1)
	go func() {
		resp, err := srv.ReadDataSource(ctx, req)
		if err != nil {
			t.Errorf("ReadDataSource: %v", err)
		}
		done <- resp
	}()
	select {
	case resp := <-done:
		if resp == nil {
			t.Fatal("no response")
		}
		return resp.Diagnostics
	case <-time.After(safetyTimeout):
		t.Fatalf("the read did not return within %s of its cancellation", safetyTimeout)
		return nil
	}
}

func wantCanceled(t *testing.T, diags []*tfprotov6.Diagnostic) {
	t.Helper()
	if len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityError || diags[0].Summary != "Flashback API request canceled" {
		for _, d := range diags {
			t.Logf("%s: %s: %s", d.Severity, d.Summary, d.Detail)
		}
		t.Fatalf("got %d diagnostics, want one error: Flashback API request canceled", len(diags))
	}
	if !strings.Contains(diags[0].Detail, "canceled while GET") {
		t.Errorf("detail = %q", diags[0].Detail)
	}
}

// readsToCancel are reads of both data sources: flashback_organization_users
// through the server's fast path, flashback_organization_user through the
// framework.
var readsToCancel = []struct {
	typeName string
	args     map[string]string
}{
	{"flashback_organization_users", nil},
	{"flashback_organization_user", map[string]string{"email": "ada" + "@" + "example.com"}},
}

// TestReadCanceledWhileRequestInFlight cancels a data source read, as
// Terraform does on Ctrl-C, while the API holds its answer back: the read
// returns at once with a cancellation error, and the request is abandoned.
func TestReadCanceledWhileRequestInFlight(t *testing.T) {
	for _, r := range readsToCancel {
		t.Run(r.typeName, func(t *testing.T) {
			arrived, abandoned := make(chan struct{}, 10), make(chan struct{}, 10)
			api := serveLoopback(t, http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
				arrived <- struct{}{}
				select {
				case <-req.Context().Done():
					abandoned <- struct{}{}
				case <-time.After(safetyTimeout):
				}
			}))
			// A long request_timeout and many retries: only the cancellation can end the read.
			srv := configuredServer(t, api, map[string]string{"request_timeout": "10m"})
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			go func() {
				<-arrived
				cancel()
			}()
			wantCanceled(t, readUntilCanceled(t, ctx, srv, readRequest(t, r.typeName, r.args)))
			select {
			case <-abandoned:
			case <-time.After(safetyTimeout):
				t.Error("the API never saw the request abandoned")
			}
		})
	}
}

// TestReadCanceledDuringBackoff cancels a read while it waits a minute
// before retrying a 503: the read returns at once with a cancellation
// error, and sends no other request.
func TestReadCanceledDuringBackoff(t *testing.T) {
	for _, r := range readsToCancel {
		t.Run(r.typeName, func(t *testing.T) {
			fake := fakeapi.New(testToken, nil)
			fake.Always(fakeapi.Reply{Status: http.StatusServiceUnavailable})
			api := serveLoopback(t, fake)
			srv := configuredServer(t, api, map[string]string{"retry_wait_min": "1m", "retry_wait_max": "1m"})

			// The client logs its retry just before it waits: cancel then.
			log := &syncBuffer{}
			ctx, cancel := context.WithCancel(tflogtest.RootLogger(t.Context(), log))
			defer cancel()
			go func() {
				deadline := time.Now().Add(safetyTimeout)
				for !strings.Contains(log.String(), "Flashback API request failed, retrying") && time.Now().Before(deadline) {
					time.Sleep(5 * time.Millisecond)
				}
				cancel()
			}()
			wantCanceled(t, readUntilCanceled(t, ctx, srv, readRequest(t, r.typeName, r.args)))
			if !strings.Contains(log.String(), `"wait":"1m0s"`) {
				t.Errorf("the read was not waiting a minute to retry when canceled:\n%s", log.String())
			}
			if n := fake.RequestCount(); n != 1 {
				t.Errorf("the API got %d requests, want 1", n)
			}
		})
	}
}

// serveLoopback serves h on loopback for the length of the test.
func serveLoopback(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// syncBuffer is a bytes.Buffer safe for a logger writing while a test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
