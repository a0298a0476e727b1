#!/usr/bin/env python3
"""Benchmark 1: StartExecution over HTTP with wrk (start_execution.lua), then a check that the
executions really ran: ListExecutions counts by status, and DescribeExecution (output) plus
GetExecutionHistory (StateEntered count) on a random sample of the names wrk used.

  bench_start.py [--workload single_pass] [--seconds 10] [--threads 2] [--connections 64] [--results DIR]

The same script serves benchmark 2's synchronous case (`--workload pass_chain`): a chain of Pass states
runs inside StartExecution, so its state transitions per second are StateEntered per execution x
executions per second, and each execution is one durable write.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import time

import lib


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--workload", default="single_pass")
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--sample", type=int, default=200)
    ap.add_argument("--results")
    args = ap.parse_args()

    definition, meta = lib.load_workload(args.workload)
    server = lib.start_cortado()
    try:
        c = lib.Client(server.port)
        sm = lib.create_machine(c, f"wrk-{args.workload}", definition)
        run_id = f"r{int(time.time())}"
        env = dict(os.environ, SM_ARN=sm, RUN_ID=run_id, INPUT=json.dumps(meta["input"]))
        lua = os.path.join(lib.HERE, "start_execution.lua")
        fsync = lib.FsyncCounter(server.pid)
        window = lib.Window(server)
        out = subprocess.run(
            ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.seconds}s", "--latency",
             "-s", lua, f"http://127.0.0.1:{server.port}/"],
            env=env, capture_output=True, text=True, check=True).stdout
        window.stop()
        fsyncs = fsync.stop()
        result = json.loads(next(line[7:] for line in out.splitlines() if line.startswith("RESULT ")))
        time.sleep(0.5)  # requests wrk abandoned at the deadline may still be committing

        # What the server holds now.
        counts = {s: lib.list_count(c, sm, s) for s in ("SUCCEEDED", "RUNNING", "FAILED", "TIMED_OUT", "ABORTED")}
        total = lib.list_count(c, sm)
        ok2xx = sum(v for k, v in result["statuses"].items() if 200 <= int(k) < 300)
        non2xx = sum(v for k, v in result["statuses"].items() if not 200 <= int(k) < 300)

        # A random sample of the names wrk sent (thread t sent RUN_ID-t-1 ... RUN_ID-t-counter[t]).
        rng = random.Random(1)
        names = [(t, k) for t, n in result["counters"].items() for k in (1, n)]  # first and last of each thread
        pool = [(t, n) for t, n in result["counters"].items() if n > 0]
        for _ in range(args.sample):
            t, n = rng.choice(pool)
            names.append((t, rng.randint(1, n)))
        sample_ok, sample_missing, sample_bad, entered_bad = 0, 0, [], 0
        for i, (t, k) in enumerate(names):
            arn = sm.replace(":stateMachine:", ":execution:") + f":{run_id}-{t}-{k}"
            status, d = c.raw("DescribeExecution", {"executionArn": arn})
            if status == 400 and d.get("__type", "").endswith("ExecutionDoesNotExist"):
                sample_missing += 1  # the last request of a thread may have been cut off by wrk's deadline
                continue
            if status != 200 or d["status"] != "SUCCEEDED" or json.loads(d["output"]) != meta["expected_output"]:
                sample_bad.append((arn, status, d))
                continue
            sample_ok += 1
            if i < 40 and lib.state_entered(lib.history(c, arn)) != meta["expected_state_entered"]:
                entered_bad += 1

        elapsed = result["duration_us"] / 1e6
        p = result["latency_us"]["percentiles"]
        summary = {
            "benchmark": "start_execution",
            "workload": args.workload,
            "states_per_execution": meta["expected_state_entered"],
            "wrk": {"threads": args.threads, "connections": args.connections, "seconds": elapsed},
            "requests": result["requests"],
            "requests_per_s": result["requests"] / elapsed,
            "responses_2xx": ok2xx,
            "non_2xx": non2xx,
            "socket_errors": result["errors"],
            "latency_ms": {k: v / 1000 for k, v in p.items()},
            "latency_mean_ms": result["latency_us"]["mean"] / 1000,
            "latency_max_ms": result["latency_us"]["max"] / 1000,
            "executions_listed": total,
            "executions_by_status": counts,
            "succeeded_per_s": counts["SUCCEEDED"] / elapsed,
            "transitions_per_s": counts["SUCCEEDED"] * meta["expected_state_entered"] / elapsed,
            "server_cpu_s": window.server_cpu,
            "server_cpu_us_per_exec": window.server_cpu / max(ok2xx, 1) * 1e6,
            "server_cpu_cores": window.server_cpu / window.wall,
            "cpu": window.summary(),
            "fsyncs": fsyncs,
            "fsyncs_per_s": fsyncs / window.wall if fsyncs is not None else None,
            "context_switches_per_request": fsync.context_switches / max(result["requests"], 1) if fsync.context_switches is not None else None,
            "sample": {"checked": len(names), "succeeded_with_expected_output": sample_ok,
                       "not_found": sample_missing, "wrong": len(sample_bad), "history_statecount_wrong": entered_bad},
            "server_rss_mib": server.rss_mib(),
        }
        lib.save(args.results, f"start_{args.workload}", summary)
        print(json.dumps(summary, indent=1))
        problems = []
        if sample_bad:
            problems.append(f"{len(sample_bad)} sampled executions wrong, first: {sample_bad[0]}")
        if entered_bad:
            problems.append(f"{entered_bad} sampled histories with the wrong StateEntered count")
        if counts["SUCCEEDED"] < ok2xx:
            problems.append(f"only {counts['SUCCEEDED']} SUCCEEDED for {ok2xx} 2xx answers")
        if problems:
            print("PROBLEMS: " + "; ".join(problems), file=sys.stderr)
            return 1
        return 0
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
