#!/usr/bin/env bash
# Runs a private PostgreSQL server in the foreground: initialises DATA_DIR on first use, then runs the
# server until this script is told to stop. TERM or INT here means a *fast* shutdown (PostgreSQL's own
# TERM would wait for every client to disconnect), and the server also gets INT if this script is
# killed outright, so no postmaster outlives whoever started it (Aspire, the test command). As root the
# server runs as the `postgres` OS user, because PostgreSQL refuses to run as root.
#   usage: postgres.sh DATA_DIR PORT      (password for the `postgres` role in PARTYGRID_PG_PASSWORD,
#          set again at every start; PARTYGRID_PG_SERVICES="name:password …" gives each service a login
#          role of its own owning only its database of the same name, which no other role may connect to;
#          PARTYGRID_PG_DURABLE=0 trades crash safety for speed, for throw-away test servers only)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/parent-watch.sh"
data_dir=$1
port=$2
password=${PARTYGRID_PG_PASSWORD:?PARTYGRID_PG_PASSWORD is required}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

as_owner=(setpriv --pdeathsig INT --)
[ "$(id -u)" = 0 ] && as_owner=(setpriv --pdeathsig INT --reuid=postgres --regid=postgres --init-groups --)

# Never follow a link someone else prepared: the data directory must be a real one.
if [ -L "$data_dir" ]; then echo "refusing $data_dir: it is a symbolic link" >&2; exit 1; fi

if [ ! -s "$data_dir/PG_VERSION" ]; then
  mkdir -p "$data_dir"
  chmod 700 "$data_dir"
  [ "$(id -u)" = 0 ] && chown -h postgres:postgres "$data_dir"
  pwfile=$(mktemp)
  trap 'rm -f "$pwfile"' EXIT
  printf '%s\n' "$password" > "$pwfile"
  [ "$(id -u)" = 0 ] && chown -h postgres "$pwfile"
  "${as_owner[@]}" "$bin/initdb" -D "$data_dir" -U postgres --pwfile="$pwfile" --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  trap - EXIT
fi

# A stale pid file from a killed run would stop the server from starting.
if [ -f "$data_dir/postmaster.pid" ]; then
  pid=$(head -n 1 "$data_dir/postmaster.pid")
  kill -0 "$pid" 2>/dev/null || rm -f "$data_dir/postmaster.pid"
fi

durability=()
[ "${PARTYGRID_PG_DURABLE:-1}" = 0 ] && durability=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)

# Its own session: a stop signal sent to this script's whole process group (as Aspire's orchestrator
# does) would reach the postmaster as TERM, a *smart* shutdown that waits for every pooled connection
# and outlasted the orchestrator's patience; only the trap below decides how the server stops.
# pg_stat_statements: what every statement costs, for operators and for the bench harness's report.
setsid "${as_owner[@]}" "$bin/postgres" -D "$data_dir" -p "$port" "${durability[@]}" \
  -c listen_addresses=127.0.0.1 -c unix_socket_directories="$data_dir" \
  -c max_connections=400 -c shared_buffers=256MB -c logging_collector=off \
  -c log_min_messages=warning -c shared_preload_libraries=pg_stat_statements &
server_pid=$!
trap 'echo "stopping PostgreSQL (fast shutdown)"; kill -INT "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; kill "$watcher_pid" 2>/dev/null; exit 0' TERM INT HUP

# Over the server's own socket (trusted for local users only): the superuser's password, then one role
# per service. Roles and databases are created once and brought back into shape at every start, so a
# data directory from before the roles existed is converted in place.
provision() {
  local psql=("${as_owner[@]}" "$bin/psql" -h "$data_dir" -p "$port" -U postgres -X -q -v ON_ERROR_STOP=1)
  until "${as_owner[@]}" "$bin/pg_isready" -h "$data_dir" -p "$port" -q; do
    kill -0 "$server_pid" 2>/dev/null || return 1
    sleep 0.2
  done
  "${psql[@]}" -d postgres -v pw="$password" <<'SQL' || return 1
ALTER ROLE postgres PASSWORD :'pw';
SQL
  local entry role role_password
  for entry in ${PARTYGRID_PG_SERVICES:-}; do
    role=${entry%%:*}
    role_password=${entry#*:}
    "${psql[@]}" -d postgres -v role="$role" -v pw="$role_password" <<'SQL' || return 1
SELECT format('CREATE ROLE %I LOGIN', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'pw';
SELECT format('CREATE DATABASE %I OWNER %I', :'role', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'role') \gexec
ALTER DATABASE :"role" OWNER TO :"role";
REVOKE ALL ON DATABASE :"role" FROM PUBLIC;
SQL
    "${psql[@]}" -d "$role" -v role="$role" <<'SQL' || return 1
ALTER SCHEMA public OWNER TO :"role";
SELECT format('ALTER TABLE public.%I OWNER TO %I', tablename, :'role') FROM pg_tables WHERE schemaname = 'public' AND tableowner <> :'role' \gexec
SELECT format('ALTER SEQUENCE public.%I OWNER TO %I', sequencename, :'role') FROM pg_sequences WHERE schemaname = 'public' AND sequenceowner <> :'role' \gexec
SQL
  done
}
if ! provision; then
  echo "PostgreSQL could not be provisioned" >&2
  kill -INT "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  exit 1
fi
watch_parent
status=0
wait "$server_pid" || status=$?
kill "$watcher_pid" 2>/dev/null || true
exit "$status"
