#!/usr/bin/env bash
# CI for the federated layout (issue 16, docs/federation.md): the committed subgraph SDL and supergraph
# are current, and the federation suite passes (the monolith and the gateway with its seven subgraph
# processes on one fresh PostgreSQL database: same data, same audit record set, one request id, direct
# subgraph calls refused). About 70 s on this machine.
#
# Needs node_modules (npm ci) and PostgreSQL on 127.0.0.1:5432 (started here if it is not running).
# Environment: DATABASE_URL (admin connection the suite makes its database with; default the local
# `test` database), FEDERATION_PORT_BASE (first of seven subgraph ports, default 5151).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "federation: FAIL: $*" >&2; exit 1; }
[[ -d node_modules ]] || fail "node_modules is missing: run npm ci first"

if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432 -q || fail "PostgreSQL is not answering on 127.0.0.1:5432"

t0=${SECONDS}
echo "== federation: schema:check (schema.graphql, schema/subgraphs/*.graphql, supergraph.graphql)"
npm run -s schema:check

echo "== federation: npm run test:federation"
DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}" npm run -s test:federation

echo "== federation: passed in $((SECONDS - t0)) s"
