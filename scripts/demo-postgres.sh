# The demo's PostgreSQL server (sourced by scripts/demo --postgres): a cluster in
# ./.demo-postgres that stays up after the demo, listening on 127.0.0.1:$DEMO_PG_PORT and on
# a unix socket in that folder. Trust authentication for the role `clientele`: anyone on
# this machine can connect to it, which suits a demo and nothing else.

DEMO_PG_DIR="$PWD/.demo-postgres"
DEMO_PG_PORT=${DEMO_PG_PORT:-55432}
DEMO_PG_URL="postgres://clientele@127.0.0.1:$DEMO_PG_PORT/clientele_demo"
DEMO_PG_PSQL="psql postgres://clientele@127.0.0.1:$DEMO_PG_PORT/clientele_demo"

demo_pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

# The cluster's owner: ourselves, or (as root, which initdb refuses) `nobody`.
demo_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u nobody -- "$@"
  else
    "$@"
  fi
}

demo_pg_psql() {
  demo_pg_as_owner "$DEMO_PG_BIN/psql" -h "$DEMO_PG_DIR" -p "$DEMO_PG_PORT" -U clientele -d clientele_demo -v ON_ERROR_STOP=1 -q "$@"
}

demo_pg_start() {
  if ! DEMO_PG_BIN=$(demo_pg_bin); then
    echo "==> installing postgresql (Debian's packages)"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
    DEMO_PG_BIN=$(demo_pg_bin)
  fi
  local data="$DEMO_PG_DIR/data"
  if [ ! -f "$data/PG_VERSION" ]; then
    echo "==> creating a PostgreSQL cluster in $DEMO_PG_DIR"
    mkdir -p "$DEMO_PG_DIR"
    chmod 755 "$DEMO_PG_DIR"
    if [ "$(id -u)" -eq 0 ]; then
      chown nobody "$DEMO_PG_DIR"
      if ! runuser -u nobody -- test -w "$DEMO_PG_DIR"; then
        echo "demo: the server runs as 'nobody' (PostgreSQL refuses root), who cannot reach $DEMO_PG_DIR;" \
             "run the demo from a folder every user can enter, or as another user" >&2
        rm -rf "$DEMO_PG_DIR"
        exit 1
      fi
    fi
    demo_pg_as_owner "$DEMO_PG_BIN/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
      >"$DEMO_PG_DIR/initdb.log" 2>&1 || { cat "$DEMO_PG_DIR/initdb.log" >&2; exit 1; }
  fi
  if ! demo_pg_as_owner "$DEMO_PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    echo "==> starting PostgreSQL on 127.0.0.1:$DEMO_PG_PORT"
    demo_pg_as_owner "$DEMO_PG_BIN/pg_ctl" -D "$data" -l "$DEMO_PG_DIR/server.log" -w \
      -o "-k $DEMO_PG_DIR -p $DEMO_PG_PORT -c listen_addresses=127.0.0.1" start >/dev/null \
      || { tail -5 "$DEMO_PG_DIR/server.log" >&2; echo "demo: the server did not start (port $DEMO_PG_PORT taken? set DEMO_PG_PORT)" >&2; exit 1; }
  fi
  local admin=(demo_pg_as_owner "$DEMO_PG_BIN/psql" -h "$DEMO_PG_DIR" -p "$DEMO_PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q -tA)
  if [ "$("${admin[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'clientele'")" != 1 ]; then
    "${admin[@]}" -c "CREATE ROLE clientele LOGIN CREATEROLE" >/dev/null
  fi
  if [ "$("${admin[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'clientele_demo'")" != 1 ]; then
    "${admin[@]}" -c "CREATE DATABASE clientele_demo OWNER clientele" >/dev/null
  fi
}

demo_pg_stop() {
  if [ ! -d "$DEMO_PG_DIR" ]; then
    echo "demo: no demo server here ($DEMO_PG_DIR does not exist)"
    return 0
  fi
  if DEMO_PG_BIN=$(demo_pg_bin) && [ -f "$DEMO_PG_DIR/data/postmaster.pid" ]; then
    demo_pg_as_owner "$DEMO_PG_BIN/pg_ctl" -D "$DEMO_PG_DIR/data" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$DEMO_PG_DIR"
  echo "demo: stopped the demo server and removed $DEMO_PG_DIR"
}
