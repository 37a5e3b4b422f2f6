#!/usr/bin/env bash
# Rewrites what is generated from the live OpenAPI documents (the app is started as the end-to-end
# tests start it): tests/PartyGrid.EndToEnd.Tests/Clients/TicketsClient.g.cs and the console's
# documents under web/console/openapi/. The tests report a failure either way: the point is the diff,
# which is reviewed and committed by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
PARTYGRID_REGENERATE_CLIENT=1 dotnet test tests/PartyGrid.EndToEnd.Tests \
  --filter "FullyQualifiedName~GeneratedClientTests.The_committed_client_is_what_the_live_document_generates|FullyQualifiedName~ConsoleContractTests" || true
git --no-pager diff --stat -- tests/PartyGrid.EndToEnd.Tests/Clients/ web/console/openapi/
