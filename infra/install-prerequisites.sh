#!/usr/bin/env bash
# Installs what PartyGrid needs from Debian's packages when it is missing: PostgreSQL (server and
# contrib for ltree), RabbitMQ and Chromium for the browser tests. The packages' own system services are not used; PartyGrid runs
# private servers on its own ports.
set -euo pipefail
missing=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql postgresql-contrib)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
# The browser the end-to-end tests drive through Playwright (never Playwright's own download).
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# Chinese text in that browser (the console's screenshots and what axe measures): without it, boxes.
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto/NotoSansCJK-* >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
# kustomize, to render deploy/kubernetes for its offline validation (the machine image has kubectl 1.32;
# Debian's package is an older kubectl, the fallback).
command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
[ "$(id -u)" = 0 ] || sudo=(sudo)
echo "Installing ${missing[*]} ..."
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
