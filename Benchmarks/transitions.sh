#!/usr/bin/env bash
# Prints transitions/s and allocations/transition for every workload (or the ones named), in release mode.
#   Benchmarks/transitions.sh [--seconds S] [WORKLOAD ...]
# Allocations are counted by ordo-one/malloc-interposer, preloaded so its malloc is the one in use.
set -euo pipefail
cd "$(dirname "$0")"
swift build -c release --product transitions >&2
bin="$(swift build -c release --show-bin-path)"
lib="$bin/libMallocInterposerSwift.so"
[[ -f "$lib" ]] || lib="$bin/libMallocInterposerSwift.dylib"
if [[ "$(uname)" == Darwin ]]; then
  DYLD_INSERT_LIBRARIES="$lib" "$bin/transitions" "$@"
else
  LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}" "$bin/transitions" "$@"
fi
