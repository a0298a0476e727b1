#!/usr/bin/env python3
"""How long one small durable write takes on the disk the servers' data directories live on:
pwrite 4 KiB + fdatasync, 200 times. A commit with synchronous=FULL costs at least one of these."""

import argparse
import os
import tempfile
import time

import lib


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--results")
    args = ap.parse_args()
    fd, path = tempfile.mkstemp(prefix="cortado-disk-probe-", dir=os.environ.get("BENCH_DATA_DIR") or tempfile.gettempdir())
    try:
        lat = []
        for i in range(args.count):
            t0 = time.perf_counter()
            os.pwrite(fd, b"x" * 4096, (i % 16) * 4096)
            os.fdatasync(fd)
            lat.append(time.perf_counter() - t0)
    finally:
        os.close(fd)
        os.unlink(path)
    lat.sort()
    r = {"fdatasync_p50_ms": lib.percentile(lat, 50) * 1e3, "fdatasync_p99_ms": lib.percentile(lat, 99) * 1e3, "n": len(lat)}
    lib.save(args.results, "disk", r)
    print(r)


if __name__ == "__main__":
    main()
