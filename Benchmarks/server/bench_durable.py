#!/usr/bin/env python3
"""Benchmark 2: durable state transitions per second with many concurrent executions.

Each execution loops N times through a state that must be committed before the loop can go on, so
every round is one durable write (SQLite, synchronous=FULL) made by the engine, not by the client:

  wait_loop   Init -> [Sleep (Wait 1 s) -> Incr (Pass, States.MathAdd) -> Check (Choice)] x N -> Done
              The server runs with --time-scale 1000, so the Wait is 1 ms of wall time; each round
              starts when the timer service fires the timer row (it polls every 10 ms).
  task_loop   Init -> [Call (Task events:putEvents, request-response) -> Incr -> Check] x N -> Done
              The task is an outbox row committed with the transition; after the commit the runner
              answers it and the answer is the next commit (which also marks the row delivered).

What is counted, per execution (checked on a sample with GetExecutionHistory, and every execution's
output is checked with DescribeExecution):
  transitions = *StateEntered events = 3N + 2 (Init, N x (loop state, Incr, Check), Done)
  writes      = N + 1 ExecutionWrites: the insert made by StartExecution (runs Init, enters the first
                loop state) and one per round (the timer firing / the task answer runs Incr and Check and
                enters the next loop state, or Done).
  fsyncs      = fdatasync/fsync calls of the server process during the run (perf stat). With
                synchronous=FULL every SQLite transaction (a group commit of many writes) syncs the WAL;
                with NORMAL only checkpoints sync, so fsyncs below the transaction rate show NORMAL.
The rate is over the server's own clock: first startDate to last stopDate (from DescribeExecution);
client wall time from the first StartExecution to the last execution closing is reported too.

  bench_durable.py [--executions 2000] [--rounds 20] [--workloads wait_loop,task_loop] [--results DIR]
"""

import argparse
import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import lib

TIME_SCALE = 1000


def loop_machine(kind):
    if kind == "wait_loop":
        step = {"Type": "Wait", "Seconds": 1, "Next": "Incr"}
    else:
        step = {"Type": "Task", "Resource": "arn:aws:states:::events:putEvents",
                "Parameters": {"Entries": [{"Detail": {"i.$": "$.i"}, "DetailType": "bench", "Source": "bench"}]},
                "ResultPath": None, "Next": "Incr"}
    return {
        "Comment": f"{kind}: a counter loop whose every round is one durable write",
        "StartAt": "Init",
        "States": {
            "Init": {"Type": "Pass", "Parameters": {"i": 0, "n.$": "$.n"}, "Next": "Step"},
            "Step": step,
            "Incr": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)", "n.$": "$.n"}, "Next": "Check"},
            "Check": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericLessThanPath": "$.n", "Next": "Step"}],
                      "Default": "Done"},
            "Done": {"Type": "Succeed"},
        },
    }


class Pool:
    """One persistent connection per worker thread."""

    def __init__(self, port, threads):
        self.port = port
        self.local = threading.local()
        self.executor = ThreadPoolExecutor(threads)

    def client(self):
        c = getattr(self.local, "c", None)
        if c is None:
            c = self.local.c = lib.Client(self.port)
        return c

    def map(self, fn, items):
        return list(self.executor.map(lambda x: fn(self.client(), x), items))


def run(kind, server, executions, rounds, threads, time_scale):
    c = lib.Client(server.port)
    sm = lib.create_machine(c, kind, loop_machine(kind))
    pool = Pool(server.port, threads)
    inp = json.dumps({"n": rounds})
    prefix = f"{kind}-{int(time.time())}"

    fsync = lib.FsyncCounter(server.pid)
    window = lib.Window(server)
    t0 = window.t0
    arns = pool.map(lambda cl, i: cl("StartExecution", {"stateMachineArn": sm, "name": f"{prefix}-{i}", "input": inp})["executionArn"],
                    range(executions))
    t_started = time.time()
    # Wait for the last one to close; one cheap query every 50 ms.
    while True:
        out = c("ListExecutions", {"stateMachineArn": sm, "statusFilter": "RUNNING", "maxResults": 1})
        if not out["executions"]:
            break
        if time.time() - t0 > 300:
            raise RuntimeError("executions still running after 300 s")
        time.sleep(0.05)
    window.stop()
    t1 = time.time()
    fsyncs = fsync.stop()

    # Checks (outside the measured window).
    descs = pool.map(lambda cl, a: cl("DescribeExecution", {"executionArn": a}), arns)
    expected = {"i": rounds, "n": rounds}
    bad = [d for d in descs if d["status"] != "SUCCEEDED" or json.loads(d["output"]) != expected]
    per_exec = 3 * rounds + 2
    entered_sample = [lib.state_entered(lib.history(c, a)) for a in arns[:: max(1, executions // 10)]]
    start = min(d["startDate"] for d in descs)
    stop = max(d["stopDate"] for d in descs if "stopDate" in d)
    server_window = stop - start
    transitions = executions * per_exec
    writes = executions * (rounds + 1)
    r = {
        "benchmark": "durable",
        "workload": kind,
        "executions": executions,
        "rounds": rounds,
        "client_threads": threads,
        "transitions_per_execution": per_exec,
        "writes_per_execution": rounds + 1,
        "failed_or_wrong": len(bad),
        "history_sample_ok": all(n == per_exec for n in entered_sample),
        "history_sample": entered_sample[:3],
        "start_phase_s": t_started - t0,
        "client_window_s": t1 - t0,
        "server_window_s": server_window,
        "transitions_per_s": transitions / server_window,
        "writes_per_s": writes / server_window,
        "fsyncs": fsyncs,
        "fsyncs_per_s": fsyncs / (t1 - t0) if fsyncs is not None else None,
        "writes_per_fsync": writes / fsyncs if fsyncs else None,
        "context_switches_per_write": fsync.context_switches / writes if fsync.context_switches is not None else None,
        "server_cpu_s": window.server_cpu,
        "server_cpu_cores": window.server_cpu / window.wall,
        "server_cpu_us_per_write": window.server_cpu / writes * 1e6,
        "server_cpu_us_per_transition": window.server_cpu / transitions * 1e6,
        "cpu": window.summary(),
    }
    if time_scale:
        # History timestamps run on the scaled clock: convert the server window back to wall time.
        r["server_window_s"] = server_window / time_scale
        r["transitions_per_s"] = transitions / r["server_window_s"]
        r["writes_per_s"] = writes / r["server_window_s"]
    if bad:
        r["first_bad"] = bad[0]
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--executions", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--workloads", default="wait_loop,task_loop")
    ap.add_argument("--results")
    args = ap.parse_args()
    rc = 0
    for kind in args.workloads.split(","):
        time_scale = TIME_SCALE if kind == "wait_loop" else None
        server = lib.start_cortado(time_scale=time_scale)
        try:
            r = run(kind, server, args.executions, args.rounds, args.threads, time_scale)
            r["server_rss_mib"] = server.rss_mib()
        finally:
            server.stop()
        lib.save(args.results, f"durable_{kind}", r)
        print(json.dumps(r, indent=1))
        if r["failed_or_wrong"] or not r["history_sample_ok"]:
            print(f"PROBLEMS: {kind}: {r['failed_or_wrong']} executions failed or wrong; history sample {r['history_sample']}",
                  file=sys.stderr)
            rc = 1
    return rc


if __name__ == "__main__":
    sys.exit(main())
