#!/usr/bin/env python3
"""Benchmark 3: callback round trip, SendTaskSuccess -> the next state entered and committed.

Each execution parks on First (events:putEvents.waitForTaskToken), then on Second (the same), then ends.
The client takes the token from the TaskScheduled event (GetExecutionHistory, reverseOrder), and times
SendTaskSuccess from just before the request to the end of its response on one persistent connection.

Why the response time is the round trip: the API's SendTaskSuccess awaits Engine.deliver, which
resumes the caller only from the driver's reply, called after `store.commit` returned for the write
that holds TaskSucceeded, First's exit and Second's TaskStateEntered/TaskScheduled
(Sources/CortadoEngine/Durable/Engine.swift, `apply`). The script checks that claim: for the first
200 callbacks it reads the newest history events right after the answer and requires Second's
TaskStateEntered to be there (outside the timed interval; server CPU per callback is measured after them).

Phase 1 answers First of every execution one at a time on an otherwise idle server (the latency goal).
Phase 2 answers Second with 8 concurrent clients (latency under load, and callbacks per second); those
answers close the executions, which are then checked.

  bench_callback.py [--executions 2000] [--threads 8] [--results DIR]
"""

import argparse
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
import threading

import lib

PARK = {
    "Type": "Task",
    "Resource": "arn:aws:states:::events:putEvents.waitForTaskToken",
    "Parameters": {"Entries": [{"Detail": {"TaskToken.$": "$$.Task.Token"}, "DetailType": "x", "Source": "y"}]},
}
DEFINITION = {
    "StartAt": "First",
    "States": {
        "First": dict(PARK, ResultPath="$.first", Next="Second"),
        "Second": dict(PARK, ResultPath="$.second", End=True),
    },
}


def token_of(client, arn, state):
    """The task token of `state`'s TaskScheduled event, waiting for it if needed."""
    for _ in range(2000):
        events = lib.history(client, arn, reverse=True, limit=4)
        entered = next((e for e in events if e["type"] == "TaskStateEntered"), None)
        sched = next((e for e in events if e["type"] == "TaskScheduled"), None)
        if entered and sched and entered["stateEnteredEventDetails"]["name"] == state:
            params = json.loads(sched["taskScheduledEventDetails"]["parameters"])
            return params["Entries"][0]["Detail"]["TaskToken"]
        time.sleep(0.001)
    raise RuntimeError(f"no token for {state} in {arn}")


def summarize(lat):
    s = sorted(lat)
    return {"n": len(s), "p50_ms": lib.percentile(s, 50) * 1e3, "p90_ms": lib.percentile(s, 90) * 1e3,
            "p99_ms": lib.percentile(s, 99) * 1e3, "p999_ms": lib.percentile(s, 99.9) * 1e3,
            "max_ms": s[-1] * 1e3, "mean_ms": sum(s) / len(s) * 1e3}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--executions", type=int, default=2000)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--results")
    args = ap.parse_args()

    server = lib.start_cortado()
    try:
        c = lib.Client(server.port)
        sm = lib.create_machine(c, "callback-rtt", DEFINITION)
        local = threading.local()

        def cl():
            if getattr(local, "c", None) is None:
                local.c = lib.Client(server.port)
            return local.c

        prefix = f"cb-{int(time.time())}"
        pool = ThreadPoolExecutor(args.threads)

        def start(i):
            arn = cl()("StartExecution", {"stateMachineArn": sm, "name": f"{prefix}-{i}", "input": "{}"})["executionArn"]
            return arn, token_of(cl(), arn, "First")

        parked = list(pool.map(start, range(args.executions)))
        time.sleep(0.5)  # let the outbox acknowledgements of the parked tasks settle

        # Phase 1: one callback at a time, one connection.
        lat1, verified, not_seen = [], 0, []
        verify_n = min(200, len(parked) // 5)  # the first ones are also checked; CPU is measured after them
        w1 = None
        for i, (arn, token) in enumerate(parked):
            if i == verify_n:
                counter = lib.FsyncCounter(server.pid)
                w1 = lib.Window(server)
            t0 = time.perf_counter()
            status, out = c.raw("SendTaskSuccess", {"taskToken": token, "output": json.dumps({"n": i})})
            t1 = time.perf_counter()
            if status != 200:
                raise RuntimeError(f"SendTaskSuccess: {status} {out}")
            lat1.append(t1 - t0)
            if i < verify_n:
                events = lib.history(c, arn, reverse=True, limit=6)  # TaskSubmitted, TaskStarted, TaskScheduled, TaskStateEntered, ...
                if any(e["type"] == "TaskStateEntered" and e["stateEnteredEventDetails"]["name"] == "Second" for e in events):
                    verified += 1
                else:
                    not_seen.append((arn, [e["type"] for e in events]))
        w1.stop()
        fsyncs = counter.stop()
        measured = len(lat1) - verify_n

        # Phase 2: the second callbacks, concurrently.
        tokens2 = list(pool.map(lambda a: (a[0], token_of(cl(), a[0], "Second")), parked))
        time.sleep(0.5)

        def answer(item):
            arn, token = item
            t0 = time.perf_counter()
            status, out = cl().raw("SendTaskSuccess", {"taskToken": token, "output": "{}"})
            t1 = time.perf_counter()
            if status != 200:
                raise RuntimeError(f"SendTaskSuccess: {status} {out}")
            return t1 - t0

        w2 = lib.Window(server)
        lat2 = list(pool.map(answer, tokens2))
        w2.stop()

        descs = list(pool.map(lambda a: cl()("DescribeExecution", {"executionArn": a[0]}), parked))
        bad = [d for d in descs if d["status"] != "SUCCEEDED"
               or json.loads(d["output"]) != {"first": {"n": int(d["name"].rsplit("-", 1)[1])}, "second": {}}]
        r = {
            "benchmark": "callback",
            "executions": args.executions,
            "sequential": summarize(lat1),
            "sequential_server_cpu_us_per_callback": w1.server_cpu / (len(lat1) - verify_n) * 1e6,
            "sequential_cpu": w1.summary(),
            # Each sequential callback waits for its own commit, so with synchronous=FULL there is at least one
            # WAL sync per callback; fewer means the writer connection does not sync its commits.
            "sequential_fsyncs_per_callback": fsyncs / measured if fsyncs is not None else None,
            "sequential_context_switches_per_callback":
                counter.context_switches / measured if counter.context_switches is not None else None,
            "commit_before_answer_checked": verified,
            "commit_before_answer_violations": len(not_seen),
            "concurrent": summarize(lat2),
            "concurrent_threads": args.threads,
            "concurrent_callbacks_per_s": len(lat2) / w2.wall,
            "concurrent_server_cpu_us_per_callback": w2.server_cpu / len(lat2) * 1e6,
            "concurrent_cpu": w2.summary(),
            "executions_wrong": len(bad),
        }
        lib.save(args.results, "callback", r)
        print(json.dumps(r, indent=1))
        if bad or not_seen:
            print(f"PROBLEMS: {len(bad)} executions wrong ({bad[:1]}); not committed at answer: {not_seen[:3]}", file=sys.stderr)
            return 1
        return 0
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
