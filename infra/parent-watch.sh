# Sourced by the server scripts. If whoever started the script dies without stopping it (a test host
# killed by its runner, a terminal closed), the script receives TERM and stops its server in order.
# Process-level on purpose: PR_SET_PDEATHSIG follows the forking *thread*, which in .NET is a pool
# thread that may retire long before the process ends.
watch_parent() {
  local parent=$PPID self=$$
  ( while kill -0 "$parent" 2>/dev/null; do sleep 2; done; kill -TERM "$self" 2>/dev/null ) &
  watcher_pid=$!
}
