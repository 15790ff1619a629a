package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/provider"
)

// version is set by the release build through -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "start the provider with support for debuggers like delve")
	flag.Parse()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/flashbacknetwork/flashback",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
