#!/usr/bin/env bash
# Prints DynamoDB item actions per second in-process (PutItem, GetItem, conditional UpdateItem, Query),
# on the in-memory item store and on SQLite, in release mode.
#   Benchmarks/tables.sh [--seconds S] [--tasks N]
set -euo pipefail
cd "$(dirname "$0")"
swift build -c release --product tables >&2
"$(swift build -c release --show-bin-path)/tables" "$@"
