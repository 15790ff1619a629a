// Command fakeflashback serves a sample Flashback organization on loopback,
// for `make demo` and `make bench`. It is a stand-in for the API, not a part
// of the provider.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "loopback address to listen on")
	token := flag.String("token", "demo-token", "the bearer token to accept")
	urlFile := flag.String("url-file", "", "write the server's base URL to this file once it is ready")
	generated := flag.Int("users", 0, "serve this many generated users instead of the sample organization")
	bodyFile := flag.String("body-file", "", "also write the body served to this file, for comparisons")
	flag.Parse()

	host, _, err := net.SplitHostPort(*addr)
	if err != nil || !client.IsLoopbackHost(host) {
		log.Fatalf("fakeflashback: -addr must be a loopback address, got %q", *addr)
	}

	fake := fakeapi.New(*token, fakeapi.SampleUsers())
	if *generated > 0 || *bodyFile != "" {
		users := fakeapi.SampleUsers()
		if *generated > 0 {
			users = fakeapi.GenerateUsers(*generated)
		}
		// Encode once, so that timing runs measure the provider, not this server.
		body := fakeapi.UsersBody(users)
		fake.SetUsers(users)
		fake.Always(fakeapi.Reply{Body: string(body)})
		if *bodyFile != "" {
			if err := os.WriteFile(*bodyFile, body, 0o600); err != nil {
				log.Fatalf("fakeflashback: %v", err)
			}
		}
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("fakeflashback: %v", err)
	}
	url := "http://" + ln.Addr().String()
	if *urlFile != "" {
		if err := os.WriteFile(*urlFile, []byte(url+"\n"), 0o600); err != nil {
			log.Fatalf("fakeflashback: %v", err)
		}
	}
	fmt.Fprintf(os.Stderr, "fakeflashback: serving an organization at %s\n", url)
	srv := &http.Server{Handler: fake, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.Serve(ln))
}
