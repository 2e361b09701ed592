#!/usr/bin/env bash
# Sourced by .ci/run: starts a throwaway PostgreSQL cluster on a loopback port, exports CREATIVEGEN_PG,
# and stops and deletes the cluster when the calling shell exits.
pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
pg_port=${CREATIVEGEN_PG_PORT:-55432}
pg_dir=$(mktemp -d /tmp/creativegen-pg.XXXXXX)
chown postgres "$pg_dir" 2>/dev/null || true
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
trap 'as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1; rm -rf "$pg_dir"' EXIT

as_postgres "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres creativegen_test
export CREATIVEGEN_PG="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=creativegen_test"
echo "== PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port =="
