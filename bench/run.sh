#!/usr/bin/env bash
# The benchmark harness, one command: installs what the servers need, builds Release, starts PartyGrid
# itself (Aspire AppHost, local mode, data in /var/lib/partygrid/bench so the generated province is
# kept between runs), runs every scenario with its baseline and writes bench/results/<date>-<machine>.md.
# The first run also generates the province (about 10 minutes); later runs reuse it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
infra/install-prerequisites.sh
dotnet run -c Release --project bench/PartyGrid.Bench -- all
