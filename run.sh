#!/usr/bin/env bash
# Runs the whole of PartyGrid, built Release: PostgreSQL, RabbitMQ, the services and the gateway (serving the staff
# console, built first when its sources changed) under the Aspire AppHost, with the dashboard. Ctrl+C stops everything it started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
infra/install-prerequisites.sh
web/console/build.sh
exec dotnet run -c Release --project aspire-host --launch-profile local "$@"
