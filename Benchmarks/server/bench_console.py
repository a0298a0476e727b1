#!/usr/bin/env python3
"""Benchmark 7: the console with 100,000 executions (docs/architecture/console.md).

Starts N executions of one Pass machine (every 10,000th with "needle" in its input), then times what the
console's pages ask for: the page shell and a module, the first page of ListExecutions with and without a
status filter, ten pages deep, one SearchExecutions call (it reads at most 1,000 executions), a search
through all N executions in the calls the page makes as the user asks for more, DescribeExecution with its
history, and the callbacks inbox. Each figure is the median of `--repeat` runs, on an idle server.

  bench_console.py [--executions 100000] [--threads 8] [--repeat 15] [--results DIR]
"""

import argparse
import http.client
import json
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import lib

DEFINITION = {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}


def timed(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--executions", type=int, default=100_000)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--results")
    args = ap.parse_args()

    server = lib.start_cortado()
    try:
        c = lib.Client(server.port)
        sm = lib.create_machine(c, "console-scale", DEFINITION)
        local = threading.local()

        def start(i):
            if getattr(local, "c", None) is None:
                local.c = lib.Client(server.port)
            text = {"n": i, "tag": "needle"} if i % 10_000 == 5_000 else {"n": i}
            local.c("StartExecution", {"stateMachineArn": sm, "name": f"run-{i:06d}", "input": json.dumps(text)})

        began = time.perf_counter()
        with ThreadPoolExecutor(args.threads) as pool:
            list(pool.map(start, range(args.executions), chunksize=256))
        seeding = time.perf_counter() - began

        def page(path, accept="text/html"):
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
            conn.request("GET", path, headers={"Accept": accept})
            body = conn.getresponse().read()
            conn.close()
            assert body

        def first_page():
            assert len(c("ListExecutions", {"stateMachineArn": sm, "maxResults": 100})["executions"]) == 100

        def filtered():
            c("ListExecutions", {"stateMachineArn": sm, "maxResults": 100, "statusFilter": "SUCCEEDED"})

        def ten_deep():
            token = None
            for _ in range(10):
                body = {"stateMachineArn": sm, "maxResults": 100}
                if token:
                    body["nextToken"] = token
                token = c("ListExecutions", body)["nextToken"]

        def one_search():
            c("SearchExecutions", {"stateMachineArn": sm, "text": "needle"})

        found = []

        def whole_search():
            found.clear()
            token, calls = None, 0
            while True:
                body = {"stateMachineArn": sm, "text": "needle"}
                if token:
                    body["nextToken"] = token
                answer = c("SearchExecutions", body)
                calls += 1
                found.extend(e["name"] for e in answer["executions"])
                token = answer.get("nextToken")
                if not token:
                    return calls

        newest = c("ListExecutions", {"stateMachineArn": sm, "maxResults": 1})["executions"][0]["executionArn"]

        def one_execution():
            c("DescribeExecution", {"executionArn": newest})
            c("GetExecutionHistory", {"executionArn": newest, "maxResults": 100})

        figures = {
            "page shell (GET /executions/...)": timed(lambda: page("/executions/x"), args.repeat),
            "a module (GET /_console/pages/execution.js)": timed(lambda: page("/_console/pages/execution.js", "*/*"), args.repeat),
            "ListExecutions, first 100": timed(first_page, args.repeat),
            "ListExecutions SUCCEEDED, first 100": timed(filtered, args.repeat),
            "ListExecutions, ten pages of 100": timed(ten_deep, args.repeat),
            "SearchExecutions, one call (reads 1,000)": timed(one_search, args.repeat),
            f"SearchExecutions, all {args.executions:,} (every call)": timed(whole_search, max(3, args.repeat // 5)),
            "DescribeExecution + GetExecutionHistory": timed(one_execution, args.repeat),
            "ListWaitingCallbacks (none waiting)": timed(lambda: c("ListWaitingCallbacks", {}), args.repeat),
        }
        calls = whole_search()
        assert len(found) == args.executions // 10_000, found
        result = {"machine": lib.machine_info(), "executions": args.executions, "seeding_s": seeding,
                  "starts_per_s": args.executions / seeding, "search_calls": calls, "median_ms": figures}
        lib.save(args.results, "console", result)
        m = result["machine"]
        print(f"console with {args.executions:,} executions ({m['nproc']} cores, {m['cpu']}); seeded in {seeding:.0f} s "
              f"({result['starts_per_s']:.0f} starts/s); medians of {args.repeat} runs")
        for name, ms in figures.items():
            print(f"  {name:<48} {ms:8.1f} ms")
        print(f"  a whole search takes {calls} calls and finds {len(found)}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
