# Shared by demo.sh and bench.sh: builds the provider and the fake API,
# starts the fake API, and points the CLI at the local provider build.
# Source it after setting `root`; it sets `bin` and `work` and cleans up on exit.

bin="$root/bin"
work=$(mktemp -d)
server_pid=""
cleanup() {
  stop_fake_api
  rm -rf "$work"
}
trap cleanup EXIT

# build_binaries builds the provider and the fake API into $bin.
build_binaries() {
  mkdir -p "$bin"
  (cd "$root" && go build -o "$bin/terraform-provider-flashback" . && go build -o "$bin/fakeflashback" ./internal/fakeapi/fakeflashback)
}

# start_fake_api ARGS...: starts the fake API with ARGS and sets $api_url.
start_fake_api() {
  rm -f "$work/url"
  "$bin/fakeflashback" -addr 127.0.0.1:0 -url-file "$work/url" "$@" 2>/dev/null &
  server_pid=$!
  for _ in $(seq 600); do [ -s "$work/url" ] && break; sleep 0.1; done
  [ -s "$work/url" ] || { echo "the fake Flashback API did not start" >&2; exit 1; }
  api_url=$(cat "$work/url")
}

stop_fake_api() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}

# use_local_provider writes a CLI config whose dev_overrides point
# flashbacknetwork/flashback at $bin, and exports it.
use_local_provider() {
  cat > "$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "flashbacknetwork/flashback" = "$bin"
  }
  direct {}
}
RC
  export TF_CLI_CONFIG_FILE="$work/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
}
