#!/usr/bin/env bash
# CI for the federated layout (issue 16, docs/federation.md): the committed subgraph SDL and supergraph
# are current, and the federation suite passes (the monolith and the gateway with its nine subgraph
# processes on one fresh PostgreSQL database: same data, same audit record set, one request id, direct
# subgraph calls refused), then `npm run start:federated` itself on a fresh database with the demo data:
# /health, one authenticated query through the gateway, a 2 MB body answered 413, a direct subgraph
# call refused 403, and every process gone after SIGTERM. About 70 s on this machine.
#
# Needs node_modules (npm ci) and PostgreSQL on 127.0.0.1:5432 (started here if it is not running).
# Environment: DATABASE_URL (admin connection the suite makes its database with; default the local
# `test` database), FEDERATION_PORT_BASE (first of nine subgraph ports for the suite, default 5151),
# FEDERATION_SMOKE_PORT (the smoke run's gateway; its subgraphs on the next nine ports; default 5160).
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

admin_url="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
port="${FEDERATION_SMOKE_PORT:-5160}"
db="ehc_fed_smoke_$(date +%s)_$$"
work="$(mktemp -d -t ehc-federation.XXXXXX)"
server_pid=""
group_alive() { ps -o stat= -g "$1" 2>/dev/null | grep -qv '^Z'; }
cleanup() {
  if [[ -n "${server_pid}" ]]; then kill -KILL -- "-${server_pid}" 2>/dev/null || true; fi
  psql "${admin_url}" -qc "drop database if exists ${db} with (force)" >/dev/null 2>&1 || true
  rm -rf "${work}"
}
trap cleanup EXIT
for p in $(seq "${port}" $((port + 9))); do
  if (exec 3<>"/dev/tcp/127.0.0.1/${p}") 2>/dev/null; then fail "port ${p} is already in use: set FEDERATION_SMOKE_PORT"; fi
done
psql "${admin_url}" -qc "create database ${db}"
db_url="${admin_url%/*}/${db}"
secret="$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"
env_smoke=(env -u NODE_ENV -u AUTH_JWKS_URL -u GATEWAY_HS256_SECRET DATABASE_URL="${db_url}" PORT="${port}" SUBGRAPH_PORT_BASE="$((port + 1))"
  SEED=demo LOG_LEVEL=warn AUTH_HS256_SECRET="${secret}")

echo "== federation: npm run start:federated (gateway :${port}, subgraphs :$((port + 1))-$((port + 9)))"
"${env_smoke[@]}" setsid npm run -s start:federated >"${work}/server.log" 2>&1 &
server_pid=$!
smoke_fail() { echo "--- start:federated log" >&2; cat "${work}/server.log" >&2 || true; fail "$*"; }
base="http://127.0.0.1:${port}"
health=""
for _ in $(seq 1 180); do
  kill -0 "${server_pid}" 2>/dev/null || smoke_fail "start:federated exited before it was healthy"
  health="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "${base}/health" || true)"
  [[ "${health}" == "200" ]] && break
  sleep 1
done
[[ "${health}" == "200" ]] || smoke_fail "GET /health did not answer 200 within 180 s"

token="$("${env_smoke[@]}" npm run -s token -- --role CASE_COORDINATOR --agency EDUCATION --org LA213 --areas E09000033)" || smoke_fail "npm run token failed"
query='{"query":"{ me { role } children(first: 3) { edges { node { id givenName plan { status } sections { code } consents { id } } } } }"}'
status="$(curl -s -o "${work}/answer.json" -w '%{http_code}' --max-time 60 "${base}/graphql" -H "authorization: Bearer ${token}" \
  -H 'content-type: application/json' --data-binary "${query}")" || smoke_fail "the query through the gateway failed"
[[ "${status}" == "200" ]] || smoke_fail "the gateway answered ${status}: $(cat "${work}/answer.json")"
node -e '
  const a = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
  const edges = a.data?.children?.edges ?? [];
  if (a.errors || a.data?.me?.role !== "CASE_COORDINATOR" || edges.length === 0 || !edges.every((e) => e.node.givenName && Array.isArray(e.node.sections))) {
    console.error(JSON.stringify(a)); process.exit(1);
  }
  console.log(`federation: a query over four subgraphs answered ${edges.length} children`);
' "${work}/answer.json" || smoke_fail "the answer through the gateway has no data"

head -c $((2 * 1024 * 1024)) /dev/zero | tr '\0' 'x' >"${work}/big.txt"
status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "${base}/graphql" -H 'Expect:' -H "authorization: Bearer ${token}" \
  -H 'content-type: application/json' --data-binary "@${work}/big.txt")" || smoke_fail "the oversize request failed instead of being answered 413"
[[ "${status}" == "413" ]] || smoke_fail "a 2 MB body answered ${status}, expected 413"
status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$((port + 1))/graphql" -H "authorization: Bearer ${token}" \
  -H 'content-type: application/json' --data-binary "${query}")"
[[ "${status}" == "403" ]] || smoke_fail "a direct call to the children subgraph answered ${status}, expected 403"
echo "federation: 413 at the gateway, 403 at a subgraph called directly"

kill -TERM -- "-${server_pid}" 2>/dev/null || true
for _ in $(seq 1 30); do group_alive "${server_pid}" || break; sleep 1; done
group_alive "${server_pid}" && smoke_fail "start:federated did not stop within 30 s of SIGTERM"
wait "${server_pid}" 2>/dev/null || true
server_pid=""
for p in $(seq "${port}" $((port + 9))); do
  if (exec 3<>"/dev/tcp/127.0.0.1/${p}") 2>/dev/null; then fail "port ${p} still answers after SIGTERM"; fi
done

echo "== federation: passed in $((SECONDS - t0)) s"
