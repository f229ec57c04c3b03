#!/usr/bin/env bash
# Starts a PostgreSQL server of its own for the tests (or `build.ps1 up`), on a free loopback port, with its data under
# $1 (created), and prints the variables that point to it; `postgres.sh stop DIR` stops exactly that server.
# Needs the Debian package postgresql (its binaries; no cluster of the package's own is used). Run as root, the server
# runs as the user postgres, which must be able to reach DIR (initdb refuses root); run as any other user, the server
# runs as that user, who must be able to create DIR.
set -euo pipefail

pg_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}
bin=$(pg_bin) || { echo "PostgreSQL's binaries are not installed (apt-get install postgresql)" >&2; exit 1; }
if [ "$(id -u)" = 0 ]; then
  as_postgres() { su postgres -s /bin/sh -c "$1"; }
else
  as_postgres() { sh -c "$1"; }
fi

# Says which: stopped it (exit 0), it was not running (exit 0), no server's data there (exit 1: a wrong folder, or
# nothing was ever started there), or it is still running after pg_ctl's fast shutdown (exit 1, with pg_ctl's words).
if [ "${1:-}" = "stop" ]; then
  dir="${2:?usage: postgres.sh stop DIR}"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    echo "No PostgreSQL server's data under $dir (no $dir/data/PG_VERSION): nothing to stop there. Is it the folder postgres.sh was started with?" >&2
    exit 1
  fi
  if [ ! -f "$dir/data/postmaster.pid" ]; then
    echo "PostgreSQL under $dir was already stopped."
    exit 0
  fi
  if out=$(as_postgres "'$bin/pg_ctl' -D '$dir/data' -m fast -w -t 60 stop" 2>&1); then
    echo "Stopped PostgreSQL under $dir."
    exit 0
  fi
  # A pid file left by a server that died (killed, machine restarted) is no running server.
  status=0
  as_postgres "'$bin/pg_ctl' -D '$dir/data' status" >/dev/null 2>&1 || status=$?
  if [ "$status" = 3 ]; then
    echo "PostgreSQL under $dir was already stopped (its pid file was left behind by a server that ended)."
    exit 0
  fi
  echo "PostgreSQL under $dir did not stop: $out" >&2
  exit 1
fi

dir="$1"
mkdir -p "$dir"
[ "$(id -u)" != 0 ] || chown postgres "$dir"
chmod 700 "$dir"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
# A folder used before (build.ps1 up after down) keeps its data and its role's password.
fresh=1
if [ -f "$dir/data/PG_VERSION" ] && [ -f "$dir/env" ]; then
  fresh=0
  password=$(sed -n 's/.*Password=\([^;]*\);.*/\1/p' "$dir/env")
else
  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  as_postgres "cd '$dir' && '$bin/initdb' -D '$dir/data' -E UTF8 --no-locale -U postgres --auth-local=peer --auth-host=scram-sha-256" \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
fi

port=
for _ in $(seq 1 10); do
  candidate=$(free_port)
  if as_postgres "cd '$dir' && '$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -t 60 \
      -o '-p $candidate -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c max_connections=300' start" >/dev/null; then
    port=$candidate
    break
  fi
done
[ -n "$port" ] || { echo "PostgreSQL did not start:" >&2; cat "$dir/server.log" >&2 || true; exit 1; }

# The tests' own role: it logs in with a password over TCP and creates a database per test, and is no superuser.
# pg_signal_backend lets its DROP DATABASE … WITH (FORCE) end an autovacuum worker that happens to be in the test's
# database (owned by no role, so the drop failed with "must be a member of the role whose process is being terminated").
if [ "$fresh" = 1 ]; then
  printf "CREATE ROLE wfe LOGIN CREATEDB PASSWORD '%s';\nGRANT pg_signal_backend TO wfe;\n" "$password" | \
    as_postgres "'$bin/psql' -X -q -v ON_ERROR_STOP=1 -h '$dir' -p $port -d postgres"
fi
cat > "$dir/env" <<ENV
WFE_POSTGRES_VERSION=$("$bin/postgres" --version | awk '{print $3}')
WFE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=wfe;Password=$password;Database=postgres"
ENV
cat "$dir/env"
