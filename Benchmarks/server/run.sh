#!/usr/bin/env bash
# Cortado's server benchmarks: StartExecution over HTTP (wrk), durable transitions per second, callback
# round trip, and the shared workloads against moto. Prints one table per benchmark with the machine.
#
#   Benchmarks/server/run.sh [all|start|durable|callback|moto|events|functions|console ...]
#
# Builds nothing: it runs CORTADO_BIN, or the release binary at .build-release/release/cortado, made by
#   swift build -c release --scratch-path .build-release --product cortado
# Installs what it lacks: wrk (apt-get install -y wrk) and moto[server]>=5.2.5 in its own venv
# (Benchmarks/server/.venv-moto, or MOTO_VENV). Results (JSON) go to RESULTS (default: a temporary folder).
# About 7 minutes on a 2-core machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export CORTADO_BIN="${CORTADO_BIN:-$root/.build-release/release/cortado}"
export MOTO_VENV="${MOTO_VENV:-$here/.venv-moto}"
py="${PYTHON:-python3}"
what=("$@")
[[ ${#what[@]} -eq 0 ]] && what=(all)
want() { local w; for w in "${what[@]}"; do [[ "$w" == all || "$w" == "$1" ]] && return 0; done; return 1; }

if [[ ! -x "$CORTADO_BIN" ]]; then
  echo "no cortado binary at $CORTADO_BIN; build it (release) with:" >&2
  echo "  swift build -c release --scratch-path .build-release --product cortado" >&2
  exit 1
fi
if [[ "$("$CORTADO_BIN" --help 2>&1 || true)" != *serve* ]]; then
  echo "$CORTADO_BIN has no serve command" >&2
  exit 1
fi

if (want start || want durable) && ! command -v wrk >/dev/null; then
  echo "installing wrk (apt-get)" >&2
  sudo_=""; [[ $(id -u) -ne 0 ]] && sudo_=sudo
  $sudo_ apt-get install -y wrk >/dev/null 2>&1 || { $sudo_ apt-get update >/dev/null && $sudo_ apt-get install -y wrk >/dev/null; }
fi
if want moto && ! "$MOTO_VENV/bin/python" -c 'import moto, sys; from importlib.metadata import version; v = tuple(int(x) for x in version("moto").split(".")[:3]); sys.exit(0 if v >= (5, 2, 5) else 1)' 2>/dev/null; then
  echo "installing moto[server]>=5.2.5 into $MOTO_VENV" >&2
  "$py" -m venv "$MOTO_VENV"
  "$MOTO_VENV/bin/pip" install -q 'moto[server]>=5.2.5'
fi

results="${RESULTS:-$(mktemp -d -t cortado-server-bench-XXXXXX)}"
mkdir -p "$results"
echo "results: $results" >&2
# Run a private copy, so a rebuild during the run neither fails the start ("text file busy") nor mixes binaries.
export CORTADO_BIN_SOURCE="$CORTADO_BIN"
export BENCH_SOURCES="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" status --porcelain -- Sources Package.swift 2>/dev/null | grep -q . && echo ' + uncommitted changes')"
export BENCH_LOADAVG="$(cut -d' ' -f1-3 /proc/loadavg)"
cp -p "$CORTADO_BIN" "$results/cortado"
# The function bootstraps are a resource bundle beside the binary.
cp -rp "$(dirname "$CORTADO_BIN_SOURCE")"/*.resources "$results/" 2>/dev/null || true
export CORTADO_BIN="$results/cortado"
status=0
run() {
  local log="$results/$(echo "$*" | tr -cs 'a-zA-Z0-9_' '_').log"
  echo "== $*" >&2
  if ! "$py" "$here/$1" "${@:2}" --results "$results" >"$log" 2>&1; then
    status=1
    echo "FAILED: $* (see $log)" >&2
    tail -5 "$log" >&2
  fi
}
cd "$here"

run disk_probe.py

# 1. StartExecution throughput (and benchmark 2's synchronous case: a 20-state Pass chain per request).
if want start; then
  run bench_start.py --workload single_pass --seconds "${START_SECONDS:-15}"
fi
# 2. Durable transitions: engine-driven loops, one write per round.
if want durable; then
  run bench_start.py --workload pass_chain --seconds "${START_SECONDS:-10}"
  run bench_durable.py --executions "${DURABLE_EXECUTIONS:-2000}" --rounds "${DURABLE_ROUNDS:-20}"
fi
# 3. Callback round trip.
if want callback; then
  run bench_callback.py --executions "${CALLBACKS:-2000}"
fi
# 4. Versus moto.
if want moto; then
  run bench_vs_moto.py --servers cortado,moto --seconds-cortado "${VS_SECONDS_CORTADO:-5}" --seconds-moto "${VS_SECONDS_MOTO:-8}"
fi
# 5. The event bus: PutEvents to delivered, to a state machine and to a log group.
if want events; then
  run bench_events.py --target state-machine --seconds "${EVENTS_SECONDS:-10}"
  run bench_events.py --target log-group --seconds "${EVENTS_SECONDS:-10}"
fi
# 6. Functions: cold start, warm invoke latency, invocations/s (Node.js and Python echo functions).
if want functions; then
  run bench_functions.py --warm "${FUNCTION_INVOKES:-2000}" --seconds "${FUNCTION_SECONDS:-10}"
fi
# 7. The console's calls with 100,000 executions stored.
if want console; then
  run bench_console.py --executions "${CONSOLE_EXECUTIONS:-100000}"
fi

"$py" "$here/report.py" "$results"
exit $status
