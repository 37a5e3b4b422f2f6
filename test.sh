#!/usr/bin/env bash
# Runs every test: builds the solution, starts one private PostgreSQL and one private RabbitMQ node for
# the whole run (free ports, temp directories), hands them to the test projects, and stops them again
# however the tests end. The end-to-end tests start the real AppHost with servers of its own.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
infra/install-prerequisites.sh

dotnet build PartyGrid.sln -nologo -v quiet

work=$(mktemp -d /tmp/partygrid-test-XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_block() {  # a random port with the next $1-1 ports free too
  local n=$1 port i busy
  while true; do
    port=$((20000 + RANDOM % 30000)); busy=0
    for ((i = 0; i < n; i++)); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$((port + i))") 2>/dev/null; then busy=1; break; fi
    done
    [ $busy = 0 ] && { echo "$port"; return; }
  done
}

pg_port=$(free_block 1)
rabbit_port=$(free_block 3)
pg_password="partygrid-test-$RANDOM$RANDOM"
PARTYGRID_PG_PASSWORD=$pg_password PARTYGRID_PG_DURABLE=0 infra/postgres.sh "$work/postgres" "$pg_port" > "$work/postgres.log" 2>&1 &
pids+=($!)
infra/rabbitmq.sh "$work/rabbitmq" "$rabbit_port" > "$work/rabbitmq.log" 2>&1 &
pids+=($!)

wait_for() {  # name port log
  for _ in $(seq 1 600); do
    (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null && return 0
    sleep 0.2
  done
  echo "$1 did not start; its log:" >&2; cat "$3" >&2; exit 1
}
wait_for PostgreSQL "$pg_port" "$work/postgres.log"
wait_for RabbitMQ "$rabbit_port" "$work/rabbitmq.log"

export PARTYGRID_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$pg_password"
export PARTYGRID_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$rabbit_port/"

# One test project at a time, end-to-end last: the end-to-end run starts the whole app on two cores,
# and running other suites beside it made both several times slower (seen in CI).
status=0
# The console first: its type check against the committed OpenAPI documents, its unit tests, and the
# built files the end-to-end tests drive in Chromium.
NO_COLOR=1 web/console/build.sh --test 2>&1 | tee -a "$work/test.log" || status=$?
# The Standard Webhooks reference library, which the end-to-end tests check webhook signatures with.
npm ci --prefix tests/webhook-verifier --no-audit --no-fund --loglevel=error 2>&1 | tee -a "$work/test.log" || status=$?
# The Kubernetes manifests, validated offline (schemas, operators' CRDs, the app model): deploy/README.md.
npm ci --prefix deploy/kubernetes/validation --no-audit --no-fund --loglevel=error 2>&1 | tee -a "$work/test.log" || status=$?
(cd deploy/kubernetes/validation && node --test --test-reporter=spec) 2>&1 | tee -a "$work/test.log" || status=$?
mapfile -t projects < <(ls tests/*/*.Tests.csproj | grep -v EndToEnd; ls tests/*/*EndToEnd*.Tests.csproj)
for project in "${projects[@]}"; do
  dotnet test "$project" --no-build -nologo --logger "console;verbosity=minimal" 2>&1 | tee -a "$work/test.log" || status=$?
done

# One closing line for the whole run, summed over the test projects.
awk '/^(Passed|Failed)! +- Failed: /{ gsub(",", ""); f += $4; p += $6 }
     /^ℹ (pass|fail) [0-9]+$/{ if ($2 == "pass") p += $3; else f += $3 }
     /^ +Tests +[0-9]+ (passed|failed)/{ for (i = 2; i < NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     END { printf "%d passed, %d failed\n", p, f }' "$work/test.log"
exit "$status"
