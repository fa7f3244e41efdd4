# Starts a private Postgres cluster on 127.0.0.1 for tests and exports OKR_TEST_DATABASE_URL.
# Sourced by .ci/run (and usable by hand: `source .ci/postgres.sh && start_test_postgres`).
PG_TEST_DIR="${PG_TEST_DIR:-/tmp/okr-ci-pg}"
PG_TEST_PORT="${PG_TEST_PORT:-55432}"

start_test_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ]; then echo "ci: postgres binaries not found" >&2; return 1; fi
  local run_as=()
  if [ "$(id -u)" = "0" ]; then run_as=(runuser -u postgres --); fi
  rm -rf "$PG_TEST_DIR"; mkdir -p "$PG_TEST_DIR"
  [ "$(id -u)" = "0" ] && chown postgres "$PG_TEST_DIR"
  "${run_as[@]}" "$bin/initdb" -D "$PG_TEST_DIR/data" -U okr --auth=trust >/dev/null
  "${run_as[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_TEST_PORT -k $PG_TEST_DIR -c fsync=off" start >/dev/null
  "${run_as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$PG_TEST_PORT" -U okr okr_test
  export OKR_TEST_DATABASE_URL="postgres://okr@127.0.0.1:$PG_TEST_PORT/okr_test"
  echo "ci: postgres up at $OKR_TEST_DATABASE_URL"
}

stop_test_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  local run_as=()
  if [ "$(id -u)" = "0" ]; then run_as=(runuser -u postgres --); fi
  [ -n "$bin" ] && "${run_as[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate stop >/dev/null 2>&1 || true
}
