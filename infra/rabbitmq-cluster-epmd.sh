#!/usr/bin/env bash
# The Erlang port mapper a local RabbitMQ cluster's nodes share (rabbitmq.sh with
# PARTYGRID_RABBITMQ_EPMD_PORT): nodes find each other through it, so it must outlive any one node
# that is stopped or killed. In the foreground, on loopback, as the rabbitmq user.
#   usage: rabbitmq-cluster-epmd.sh PORT
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/parent-watch.sh"
port=$1
as_owner=(setpriv --pdeathsig TERM --)
[ "$(id -u)" = 0 ] && as_owner=(setpriv --pdeathsig TERM --reuid=rabbitmq --regid=rabbitmq --init-groups --)
"${as_owner[@]}" epmd -port "$port" -address 127.0.0.1 &
epmd_pid=$!
trap 'kill -TERM "$epmd_pid" 2>/dev/null; wait "$epmd_pid" 2>/dev/null; kill "$watcher_pid" 2>/dev/null; exit 0' TERM INT HUP
watch_parent
wait "$epmd_pid" || status=$?
kill "$watcher_pid" 2>/dev/null || true
exit "${status:-0}"
