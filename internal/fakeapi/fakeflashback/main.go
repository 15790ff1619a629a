// Command fakeflashback serves a sample Flashback organization on loopback,
// for `make demo`. It is a stand-in for the API, not a part of the provider.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "loopback address to listen on")
	token := flag.String("token", "demo-token", "the bearer token to accept")
	urlFile := flag.String("url-file", "", "write the server's base URL to this file once it listens")
	flag.Parse()

	host, _, err := net.SplitHostPort(*addr)
	if err != nil || !(host == "localhost" || net.ParseIP(host) != nil && net.ParseIP(host).IsLoopback()) {
		log.Fatalf("fakeflashback: -addr must be a loopback address, got %q", *addr)
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
	fmt.Fprintf(os.Stderr, "fakeflashback: serving a sample organization at %s\n", url)
	srv := &http.Server{Handler: fakeapi.New(*token, fakeapi.SampleUsers()), ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.Serve(ln))
}
