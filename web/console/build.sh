#!/usr/bin/env bash
# Builds the staff console into web/console/dist (served by the gateway at /) when its sources, its
# OpenAPI documents or its lock changed since the last build; `npm ci` only when the lock changed.
# --test also runs its unit tests (vitest).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
command -v npm >/dev/null || { echo "The console needs Node.js 20 and npm (the machine's Node)." >&2; exit 1; }

hash_of() { sha256sum "$@" | sha256sum | cut -c1-64; }
lock=$(hash_of package-lock.json)
if [ "$(cat node_modules/.partygrid-lock 2>/dev/null)" != "$lock" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock" > node_modules/.partygrid-lock
fi

mapfile -d '' sources < <(find src openapi public scripts tests index.html package.json package-lock.json tsconfig.json vite.config.ts \
  -type f -not -path 'src/api/schema/*' -print0 | sort -z)
stamp=$(hash_of "${sources[@]}")
if [ "$(cat dist/.partygrid-sources 2>/dev/null)" != "$stamp" ]; then
  npm run build --silent
  echo "$stamp" > dist/.partygrid-sources
fi

if [ "${1:-}" = "--test" ]; then
  [ -d src/api/schema ] || npm run api --silent
  npx vitest run
fi
