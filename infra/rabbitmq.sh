#!/usr/bin/env bash
# Runs a private RabbitMQ node in the foreground with its own name, ports, data and log directory, so
# several nodes can coexist (a dev run, the test run) and the node's log reaches stdout. The Erlang
# port mapper (epmd) is started by us on a private port and stopped with the node, so nothing is left
# running after the node stops.
#   usage: rabbitmq.sh BASE_DIR AMQP_PORT        (uses AMQP_PORT+1 for distribution, +2 for epmd, all on
#          loopback; PARTYGRID_RABBITMQ_USERS="name:password[:administrator] …" creates those users with
#          rights on the default vhost and removes `guest`)
#   A node of a cluster (see rabbitmq-cluster-epmd.sh) shares the cluster's epmd and Erlang cookie:
#   PARTYGRID_RABBITMQ_EPMD_PORT  the port of the epmd every node of the cluster registers with
#   PARTYGRID_RABBITMQ_HOME       the directory that holds the cluster's one cookie
#   PARTYGRID_RABBITMQ_JOIN       the node this one joins on its first start (e.g. partygrid-55672@localhost)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/parent-watch.sh"
base=$1
port=$2
name="partygrid-$port"
# Never follow a link someone else prepared: the node's directory must be a real one.
if [ -L "$base" ]; then echo "refusing $base: it is a symbolic link" >&2; exit 1; fi
mkdir -p "$base/mnesia" "$base/log" "$base/home"
: > "$base/enabled_plugins.erl"
printf '[].\n' > "$base/enabled_plugins.erl"
cat > "$base/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$port
loopback_users.guest = true
log.console = true
log.console.level = warning
log.file = false
CONF
[ "$(id -u)" = 0 ] && chown -R -h -P rabbitmq:rabbitmq "$base"

export HOME="${PARTYGRID_RABBITMQ_HOME:-$base/home}"
if [ -n "${PARTYGRID_RABBITMQ_HOME:-}" ]; then
  # One cookie for the whole cluster, made once by whichever node starts first.
  mkdir -p "$HOME"
  [ "$(id -u)" = 0 ] && chown rabbitmq:rabbitmq "$HOME"
  (
    flock 9
    if [ ! -s "$HOME/.erlang.cookie" ]; then
      (umask 077; head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$HOME/.erlang.cookie")
      chmod 400 "$HOME/.erlang.cookie"
      [ "$(id -u)" = 0 ] && chown rabbitmq:rabbitmq "$HOME/.erlang.cookie"
    fi
  ) 9>"$HOME/.cookie.lock"
fi
export RABBITMQ_NODENAME="$name@localhost"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT=$port
export RABBITMQ_DIST_PORT=$((port + 1))
export ERL_EPMD_PORT=${PARTYGRID_RABBITMQ_EPMD_PORT:-$((port + 2))}
export RABBITMQ_MNESIA_BASE="$base/mnesia"
export RABBITMQ_LOG_BASE="$base/log"
export RABBITMQ_CONFIG_FILE="$base/rabbitmq.conf"
export RABBITMQ_ENABLED_PLUGINS_FILE="$base/enabled_plugins.erl"
export RABBITMQ_CONF_ENV_FILE=/dev/null
# The distribution port listens on loopback only, like the AMQP listener.
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"

as_owner=(setpriv --pdeathsig TERM --)
[ "$(id -u)" = 0 ] && as_owner=(setpriv --pdeathsig TERM --reuid=rabbitmq --regid=rabbitmq --init-groups --)

# A node of a cluster registers with the cluster's epmd, which outlives any one node.
epmd_pid=
if [ -z "${PARTYGRID_RABBITMQ_EPMD_PORT:-}" ]; then
  "${as_owner[@]}" epmd -port "$ERL_EPMD_PORT" -address 127.0.0.1 &
  epmd_pid=$!
fi
"${as_owner[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server &
node_pid=$!

stop() {
  # rabbitmq-server turns TERM into an orderly `rabbitmqctl stop`.
  kill -TERM "$node_pid" 2>/dev/null || true
  wait "$node_pid" 2>/dev/null || true
  if [ -n "$epmd_pid" ]; then
    kill -TERM "$epmd_pid" 2>/dev/null || true
    wait "$epmd_pid" 2>/dev/null || true
  fi
  kill "$watcher_pid" 2>/dev/null || true
}
trap 'stop; exit 0' TERM INT HUP

provision() {
  local ctl=("${as_owner[@]}" /usr/lib/rabbitmq/bin/rabbitmqctl -q)
  # The node registers with epmd a moment after it starts; await_startup needs it registered.
  until "${ctl[@]}" await_startup >/dev/null 2>&1; do
    kill -0 "$node_pid" 2>/dev/null || return 1
    sleep 1
  done
  # Joining resets this node's own data, so only a node that is not yet a member joins; a member
  # restarting rejoins by itself.
  local join=${PARTYGRID_RABBITMQ_JOIN:-}
  if [ -n "$join" ] && ! "${ctl[@]}" cluster_status --formatter json | grep -q "\"$join\""; then
    "${ctl[@]}" stop_app >/dev/null || return 1
    "${ctl[@]}" join_cluster "$join" >/dev/null || return 1
    "${ctl[@]}" start_app >/dev/null || return 1
    "${ctl[@]}" await_startup >/dev/null || return 1
  fi
  local entry user user_password tag users
  for entry in ${PARTYGRID_RABBITMQ_USERS:-}; do
    IFS=: read -r user user_password tag <<<"$entry"
    users=$("${ctl[@]}" list_users) || return 1
    # Passwords go through stdin: a command line is visible to every local user.
    if awk '{print $1}' <<<"$users" | grep -qx "$user"; then
      printf '%s' "$user_password" | "${ctl[@]}" change_password "$user" >/dev/null || return 1
    else
      printf '%s' "$user_password" | "${ctl[@]}" add_user "$user" >/dev/null || return 1
    fi
    "${ctl[@]}" set_user_tags "$user" ${tag:-} >/dev/null || return 1
    "${ctl[@]}" set_permissions -p / "$user" ".*" ".*" ".*" >/dev/null || return 1
  done
  if [ -n "${PARTYGRID_RABBITMQ_USERS:-}" ]; then
    users=$("${ctl[@]}" list_users) || return 1
    if awk '{print $1}' <<<"$users" | grep -qx guest; then
      "${ctl[@]}" delete_user guest >/dev/null || return 1
    fi
  fi
}
if ! provision; then
  echo "RabbitMQ could not be provisioned" >&2
  stop
  exit 1
fi
watch_parent
wait "$node_pid" || status=$?
kill -TERM $epmd_pid "$watcher_pid" 2>/dev/null || true
exit "${status:-0}"
