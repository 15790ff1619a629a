package main

import (
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/provider"
)

// version is set by the release build through -ldflags "-X main.version=...".
var version = "dev"

// address is the provider's registry address.
const address = "registry.terraform.io/flashbacknetwork/flashback"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "start the provider with support for debuggers like delve")
	flag.Parse()

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	} else {
		// Under a debugger the logs go to the developer's terminal, and all of
		// them are wanted; under the CLI, only those it keeps.
		for name, level := range quietLogLevels(os.Getenv) {
			if err := os.Setenv(name, level); err != nil {
				log.Fatal(err.Error())
			}
		}
	}
	server, err := provider.NewServer(version)()
	if err != nil {
		log.Fatal(err.Error())
	}
	if err := tf6server.Serve(address, func() tfprotov6.ProviderServer { return server }, opts...); err != nil {
		log.Fatal(err.Error())
	}
}
