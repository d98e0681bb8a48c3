#!/usr/bin/env bash
# Schemathesis against /api/openapi.json of a running `chainfair serve
# --demo`, once for each kind of caller: nobody, a visitor, staff of two
# exhibitors and the organiser (each with a write API token, so no CSRF
# header is needed). Every operation gets generated requests, valid and
# invalid; a 5xx or an answer its schema does not allow fails the run.
#
# Usage: tests/api/schemathesis.sh [path/to/chainfair]
# Environment: SCHEMATHESIS_EXAMPLES (per operation and role, default 50),
# SCHEMATHESIS_SEED (default 2024), SCHEMATHESIS_DB (an empty database to
# serve from, default a new SQLite file). Needs python3; installs schemathesis 4
# into target/schemathesis-venv.
set -euo pipefail
cd "$(dirname "$0")/../.."

bin="${1:-target/debug/chainfair}"
examples="${SCHEMATHESIS_EXAMPLES:-50}"
seed="${SCHEMATHESIS_SEED:-2024}"
venv=target/schemathesis-venv

[ -x "$bin" ] || { echo "no chainfair binary at $bin (cargo build first)" >&2; exit 1; }
if [ ! -x "$venv/bin/schemathesis" ] || ! "$venv/bin/schemathesis" --version | grep -q 'version 4\.'; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'schemathesis>=4,<5'
fi
"$venv/bin/schemathesis" --version

work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
"$bin" --db "${SCHEMATHESIS_DB:-sqlite:$work/chainfair.db}" serve --demo --demo-scale small --addr "127.0.0.1:$port" \
  >"$work/serve.out" 2>"$work/serve.log" &
server=$!
for _ in $(seq 1 120); do
  curl -fs "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; echo "the server stopped" >&2; exit 1; }
  sleep 0.5
done
curl -fs "$base/healthz" >/dev/null || { echo "the server does not answer on $base" >&2; exit 1; }

# "organiser sign-in: EMAIL / PASSWORD (shown only now)"
read -r email password < <(sed -n 's|^organiser sign-in: \([^ ]*\) / \([^ ]*\) .*|\1 \2|p' "$work/serve.out")
[ -n "${password:-}" ] || { cat "$work/serve.out" >&2; echo "no organiser password printed" >&2; exit 1; }
python3 tests/api/accounts.py "$base" "$email" "$password" "$work/schemathesis.toml" >"$work/tokens"

# One worker: the server has the other core, and Hypothesis parsing its
# lambdas from two threads at once failed a run with an internal error
# ("AST constructor recursion depth mismatch") that was not the server's.
run() {
  local role="$1"; shift
  echo "== schemathesis as $role"
  "$venv/bin/schemathesis" --config-file "$work/schemathesis.toml" run "$base/api/openapi.json" \
    --checks not_a_server_error,response_schema_conformance \
    --max-examples "$examples" --seed "$seed" \
    --phases examples,coverage,fuzzing \
    --workers 1 --request-timeout 30 --no-color \
    --report junit --report-junit-path "target/schemathesis-$role.xml" \
    "$@"
}

failed=0
run anonymous || failed=1
while read -r role token; do
  run "$role" -H "Authorization: Bearer $token" || failed=1
done <"$work/tokens"

if grep -q -E ' (ERROR|panicked)' "$work/serve.log"; then
  grep -E ' (ERROR|panicked)' "$work/serve.log" | head -n 20 >&2
  echo "the server logged errors during the run" >&2
  failed=1
fi
exit "$failed"
