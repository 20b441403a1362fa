#!/usr/bin/env bash
# Start a throw-away PostgreSQL for the knowledge-base tests and print, on stdout, the line
#   export WARTA_TEST_POSTGRES=postgresql+psycopg://warta@127.0.0.1:PORT/warta_test
# Usage: eval "$(scripts/postgres.sh)". Installs Debian's postgresql when missing (needs root),
# runs a private cluster on 127.0.0.1 on a free port, and is idempotent: a second run reuses the
# running cluster. All chatter goes to stderr. Stop it with: scripts/postgres.sh stop
set -euo pipefail
exec 3>&1 1>&2  # stdout is for the export line only

DIR="${WARTA_PG_DIR:-/tmp/warta-postgres}"
DB=warta_test
ROLE=warta

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

if ! BIN="$(find_bin)"; then
  echo "postgresql not found: installing it with apt-get" >&2
  if [ "$(id -u)" != 0 ]; then echo "need root to install postgresql" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends postgresql
  BIN="$(find_bin)"
fi

# the server refuses to run as root: run it as the postgres user when we are root
RUN=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir "$DIR" --shell /bin/bash postgres
  RUN=(runuser -u postgres --)
fi

if [ "${1:-}" = stop ]; then
  [ -f "$DIR/data/postmaster.pid" ] && "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m fast stop
  exit 0
fi

mkdir -p "$DIR"
[ "$(id -u)" = 0 ] && chown postgres: "$DIR"
if [ ! -f "$DIR/data/PG_VERSION" ]; then
  "${RUN[@]}" "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi

if "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  PORT="$(cat "$DIR/port")"
  echo "PostgreSQL already running on 127.0.0.1:$PORT" >&2
else
  PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  echo "$PORT" > "$DIR/port"
  # 3>&- : the server must not inherit fd 3 (the caller's $(...) pipe), or the caller never sees EOF
  "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c max_connections=50" start >/dev/null </dev/null 3>&-
  echo "PostgreSQL started on 127.0.0.1:$PORT (data in $DIR/data, log $DIR/server.log)" >&2
fi

PSQL=("${RUN[@]}" "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
if [ -z "$("${PSQL[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" ]; then
  "${PSQL[@]}" -c "CREATE ROLE $ROLE LOGIN CREATEDB"
fi
if [ -z "$("${PSQL[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
  "${PSQL[@]}" -c "CREATE DATABASE $DB OWNER $ROLE"
fi

echo "export WARTA_TEST_POSTGRES=postgresql+psycopg://$ROLE@127.0.0.1:$PORT/$DB" >&3
