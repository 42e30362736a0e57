#!/usr/bin/env bash
# Builds FerretDB 1.24.2 once (from the Go module proxy) and starts it on a free
# loopback port with a fresh SQLite data folder (FERRETDB_HANDLER=postgresql: a fresh
# database on the local PostgreSQL instead, which pushes simple filters down;
# FERRETDB_HANDLER=auto: PostgreSQL when the local server accepts connections, else SQLite).
# On PostgreSQL it adds GIN indexes beside FerretDB's own (scripts/ferretdb-pg-gin.sql), so
# equality filters, even by _id, use an index; FERRETDB_PG_GIN=0 leaves them out.
#   scripts/ferretdb.sh start   → prints MONGODB_URI=… and FERRETDB_PID=… lines
#   scripts/ferretdb.sh start <data-dir>   → on that folder; shares the FerretDB already serving it
#   scripts/ferretdb.sh start <data-dir> <port>   → restarts on an earlier data folder and port
#     (fault tests stop the database and bring it back with its data)
#   scripts/ferretdb.sh stop <pid-file-or-pid>
#   scripts/ferretdb.sh discard <data-dir>   → deletes a stopped throw-away folder and its PostgreSQL database
set -euo pipefail

FERRETDB_VERSION=v1.24.2
# Go may live outside PATH on a fresh machine (e.g. /usr/local/go).
export PATH="$PATH:/usr/local/go/bin"
GOBIN_DIR="${FERRETDB_GOBIN:-$HOME/.cache/joint-supervision-bot/bin}"
FERRETDB="$GOBIN_DIR/ferretdb"

build() {
  # Not `--version | grep -q`: grep quitting early fails the pipe under pipefail and forced a rebuild.
  if [ -x "$FERRETDB" ] && [[ "$("$FERRETDB" --version 2>/dev/null)" == *"${FERRETDB_VERSION#v}"* ]]; then
    return
  fi
  command -v go >/dev/null || { echo "ferretdb.sh: Go is needed to build FerretDB (apt-get install golang, or install Go)" >&2; exit 1; }
  mkdir -p "$GOBIN_DIR"
  echo "ferretdb.sh: building FerretDB $FERRETDB_VERSION (first run only)…" >&2
  # A plain `go install …@v1.24.2` builds a binary that panics at start: the
  # module zip lacks build/version/version.txt, which FerretDB's release
  # tooling generates. So build from a copy of the module with that file added.
  local src work
  src="$(GOTOOLCHAIN=local GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
  [ -d "$src" ] || { echo "ferretdb.sh: could not download the FerretDB module" >&2; exit 1; }
  work="$(mktemp -d)"
  cp -r "$src/." "$work/"
  chmod -R u+w "$work"
  echo "$FERRETDB_VERSION" >"$work/build/version/version.txt"
  # -v names each package as it is compiled: shown as a running count (the first build takes minutes).
  if ! (cd "$work" && GOTOOLCHAIN=local go build -v -trimpath -o "$FERRETDB" ./cmd/ferretdb 2>&1) | tee "$work/build.log" |
    awk '{ n++ } n % 25 == 0 { printf "ferretdb.sh: building FerretDB… %d packages compiled\n", n; fflush() }' >&2; then
    tail -n 20 "$work/build.log" >&2
    echo "ferretdb.sh: the FerretDB build failed" >&2
    exit 1
  fi
  echo "ferretdb.sh: built $FERRETDB" >&2
  rm -rf "$work"
}

pg_database_name() { echo "ferretdb_$(printf '%s' "$1" | cksum | cut -d' ' -f1)"; }

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start() {
  build
  local dir="${1:-}" port="${2:-}" pid
  [ -n "$dir" ] || dir="$(mktemp -d "${TMPDIR:-/tmp}/ferretdb.XXXXXX")"
  mkdir -p "$dir"
  # A FerretDB already serving this folder (the bot's, when the CLI runs beside it) is shared, not restarted.
  if [ -z "$port" ] && [ -f "$dir/pid" ] && [ -f "$dir/port" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null &&
    (exec 3<>"/dev/tcp/127.0.0.1/$(cat "$dir/port")") 2>/dev/null; then
    echo "MONGODB_URI=mongodb://127.0.0.1:$(cat "$dir/port")/jsbot"
    echo "FERRETDB_PID=$(cat "$dir/pid")"
    echo "FERRETDB_DIR=$dir"
    echo "FERRETDB_HANDLER=$(cat "$dir/handler" 2>/dev/null || echo sqlite)"
    echo "FERRETDB_SHARED=1"
    return
  fi
  [ -n "$port" ] || port="$(free_port)"
  local handler="${FERRETDB_HANDLER:-sqlite}"
  local pgurl="${FERRETDB_PG_SERVER:-postgres://postgres@127.0.0.1:5432}"
  if [ "$handler" = auto ]; then
    handler=sqlite
    command -v psql >/dev/null && psql "$pgurl/postgres" -qtAc 'select 1' >/dev/null 2>&1 && handler=postgresql
  fi
  local backend=(--handler=sqlite --sqlite-url="file:$dir/")
  if [ "$handler" = postgresql ]; then
    # One PostgreSQL database per data folder, on the local server (trust auth here).
    local pgdb
    pgdb="$(pg_database_name "$dir")"
    psql "$pgurl/postgres" -qc "CREATE DATABASE $pgdb" >/dev/null 2>&1 || true
    # Tuning of this stand-in only: GIN indexes so FerretDB's equality filters use an index
    # (scripts/ferretdb-pg-gin.sql says why). FERRETDB_PG_GIN=0 leaves them out (to measure without).
    if [ "${FERRETDB_PG_GIN:-1}" != 0 ]; then
      psql "$pgurl/$pgdb" -qX -v ON_ERROR_STOP=1 -f "$(dirname "$0")/ferretdb-pg-gin.sql" >/dev/null 2>&1 ||
        echo "ferretdb.sh: could not add the GIN indexes to $pgdb (reads will scan)" >&2
    fi
    backend=(--handler=postgresql --postgresql-url="$pgurl/$pgdb")
  fi
  "$FERRETDB" "${backend[@]}" --state-dir="$dir" \
    --listen-addr="127.0.0.1:$port" --debug-addr=- --telemetry=disable \
    --log-level=warn >"$dir/ferretdb.log" 2>&1 &
  pid=$!
  echo "$pid" >"$dir/pid"
  echo "$port" >"$dir/port"
  echo "$handler" >"$dir/handler"
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "MONGODB_URI=mongodb://127.0.0.1:$port/jsbot"
      echo "FERRETDB_PID=$pid"
      echo "FERRETDB_DIR=$dir"
      echo "FERRETDB_HANDLER=$handler"
      return
    fi
    kill -0 "$pid" 2>/dev/null || { cat "$dir/ferretdb.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "ferretdb.sh: FerretDB did not start listening on port $port" >&2
  kill "$pid" 2>/dev/null || true
  exit 1
}

stop() {
  local pid="${1:?usage: ferretdb.sh stop <pid>}"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

# Removes a throw-away folder's data: the folder and, when it ran on PostgreSQL, its database.
discard() {
  local dir="${1:?usage: ferretdb.sh discard <data-dir>}"
  if [ "$(cat "$dir/handler" 2>/dev/null)" = postgresql ]; then
    psql "${FERRETDB_PG_SERVER:-postgres://postgres@127.0.0.1:5432}/postgres" -qc "DROP DATABASE IF EXISTS $(pg_database_name "$dir")" >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-start}" in
  build) build ;;
  start) start "${2:-}" "${3:-}" ;;
  stop) stop "${2:-}" ;;
  discard) discard "${2:-}" ;;
  *) echo "usage: scripts/ferretdb.sh build|start [<data-dir> [<port>]]|stop <pid>|discard <data-dir>" >&2; exit 2 ;;
esac
