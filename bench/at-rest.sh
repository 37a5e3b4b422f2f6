#!/usr/bin/env bash
# What a whole local run holds in memory at rest: every process of the run command (the AppHost, DCP and
# what it starts: the services, the dashboard, PostgreSQL, RabbitMQ), grouped by kind, as RSS and PSS
# (PSS shares mapped files and the servers' shared memory fairly between processes, so its sum is the
# run's). DCP's API server leaves the AppHost's tree, so its processes are roots of their own.
#
#   bench/at-rest.sh        on a machine running one PartyGrid (./run.sh, after start)
set -euo pipefail
roots=$( { pgrep -f 'PartyGrid.AppHost|--project aspire-host' || true; pgrep -f 'aspire.hosting.orchestration' || true; } | tr '\n' ' ')
[ -n "${roots// /}" ] || { echo "no PartyGrid run found (start ./run.sh first)" >&2; exit 1; }

descendants() {
  echo "$1"
  for task in /proc/"$1"/task/*; do
    for child in $(cat "$task/children" 2>/dev/null); do descendants "$child"; done
  done
}

kind() {
  case "$1" in
    *"dotnet run"*|*dotnet\ exec\ *dotnet.dll*run*) echo "dotnet run launchers" ;;
    *PartyGrid.AppHost*|*aspire-host*) echo "AppHost" ;;
    *monitor-process*) echo "DCP process monitors" ;;
    */dcp\ *|*/dcpctrl*|*/dcpproc*) echo "DCP (API server, controllers, proxies)" ;;
    *Aspire.Dashboard*) echo "Aspire dashboard" ;;
    *PartyGrid.*) echo "services and gateway" ;;
    *postgres*) echo "PostgreSQL" ;;
    *beam.smp*|*epmd*|*erl_child*|*inet_gethost*) echo "RabbitMQ" ;;
    *) echo "other" ;;
  esac
}

for pid in $(for r in $roots; do descendants "$r"; done | sort -un); do
  [ -r /proc/"$pid"/smaps_rollup ] || continue
  cmd=$(tr '\0' ' ' < /proc/"$pid"/cmdline 2>/dev/null || true)
  rss=$(awk '/^Rss:/{print $2}' /proc/"$pid"/smaps_rollup 2>/dev/null || true)
  pss=$(awk '/^Pss:/{print $2}' /proc/"$pid"/smaps_rollup 2>/dev/null || true)
  [ -n "$rss" ] && [ -n "$pss" ] || continue
  printf '%s\t%s\t%s\n' "$(kind "$cmd")" "$rss" "$pss"
done | awk -F'\t' '
  { n[$1]++; r[$1]+=$2; p[$1]+=$3; R+=$2; P+=$3; N++ }
  END {
    print "| processes | count | RSS (MB) | PSS (MB) |"
    print "|---|---|---|---|"
    for (k in n) printf "| %s | %d | %d | %d |\n", k, n[k], r[k]/1024, p[k]/1024 | "sort"
    close("sort")
    printf "| **whole run** | %d | %d | **%d** |\n", N, R/1024, P/1024
  }'
