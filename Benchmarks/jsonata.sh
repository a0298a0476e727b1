#!/usr/bin/env bash
# Prints JSONata evaluations per second (compile once, evaluate many) beside a JSONPath lookup, in release mode.
#   Benchmarks/jsonata.sh [--seconds S] [NAME ...]
# See Benchmarks/README.md ("JSONata") for what the rows are.
set -euo pipefail
cd "$(dirname "$0")"
swift build -c release --product jsonata >&2
"$(swift build -c release --show-bin-path)/jsonata" "$@"
