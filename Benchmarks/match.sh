#!/usr/bin/env bash
# Prints events matched per second on one core, per operator type and rule count, in release mode.
#   Benchmarks/match.sh [--seconds S] [--events N] [--rules 1,100,10000] [NAME ...]
# See Benchmarks/README.md ("Event matching") for what the rows are.
set -euo pipefail
cd "$(dirname "$0")"
swift build -c release --product match >&2
"$(swift build -c release --show-bin-path)/match" "$@"
