#!/usr/bin/env python3
"""Benchmark 4: the shared workloads (workloads/) on Cortado and on moto, same machine, same client.

For each server and workload: create the state machine, run a few warm-up executions, then run
executions from a pool of client processes x threads, each thread on its own persistent connection:
StartExecution, then DescribeExecution until the execution closes (first poll at once, then after 1, 2,
4 ... ms, at most 50 ms apart), then compare the output with the workload's expected output. The
callback workload also reads the task token from the TaskScheduled event (GetExecutionHistory,
reverseOrder) and answers with SendTaskSuccess before polling.

Measured per server and workload: executions/s (completed and checked, over the client's wall time),
server CPU per execution (utime+stime of the server process from /proc/PID/stat, before and after the
measured executions, divided by their number; the polls' cost is included, and requests per execution
are reported), and the server's resident memory at the end.

The callback workload: the shared definition's Task is `sqs:sendMessage.waitForTaskToken`; Cortado has no
queues yet, so both servers run it with `events:putEvents.waitForTaskToken` (Parameters
{"Entries":[{"Detail":{"TaskToken.$":"$$.Task.Token"},"DetailType":"x","Source":"y"}]}), which moto
supports as well, and the same ResultPath and second state, so the output is the same.

  bench_vs_moto.py [--servers cortado,moto] [--workloads ...] [--seconds-cortado 4] [--seconds-moto 6] [--results DIR]
"""

import argparse
import json
import os
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import lib

ALL = ["single_pass", "pass_chain", "choice_loop", "parallel_map", "book_order_flow", "callback"]


def definition_for(name):
    definition, meta = lib.load_workload(name)
    if name == "callback":
        definition = json.loads(json.dumps(definition))
        task = definition["States"]["WaitForApproval"]
        task["Resource"] = "arn:aws:states:::events:putEvents.waitForTaskToken"
        task["Parameters"] = {"Entries": [{"Detail": {"TaskToken.$": "$$.Task.Token"}, "DetailType": "x", "Source": "y"}]}
    return definition, meta


def token_of(client, arn):
    delay = 0.001
    for _ in range(1000):
        status, out = client.raw("GetExecutionHistory", {"executionArn": arn, "reverseOrder": True, "maxResults": 5})
        if status != 200:
            raise RuntimeError(f"GetExecutionHistory: {status} {out}")
        sched = next((e for e in out["events"] if e["type"] == "TaskScheduled"), None)
        if sched:
            params = json.loads(sched["taskScheduledEventDetails"]["parameters"])
            return params["Entries"][0]["Detail"]["TaskToken"]
        time.sleep(delay)
        delay = min(delay * 2, 0.05)
    raise RuntimeError(f"no task token in {arn}")


def one(client, sm, name, meta, kind):
    """Runs one execution to its end; returns (ok, requests, detail)."""
    requests = 1
    arn = client("StartExecution", {"stateMachineArn": sm, "name": name, "input": json.dumps(meta["input"])})["executionArn"]
    if kind == "callback":
        token = token_of(client, arn)
        client("SendTaskSuccess", {"taskToken": token, "output": json.dumps(meta["task_success_output"])})
        requests += 2
    delay = 0.001
    while True:
        d = client("DescribeExecution", {"executionArn": arn})
        requests += 1
        if d["status"] != "RUNNING":
            break
        time.sleep(delay)
        delay = min(delay * 2, 0.05)
    if d["status"] != "SUCCEEDED":
        return False, requests, f"{arn}: {d['status']} {d.get('error')} {d.get('cause')}"
    out = json.loads(d["output"])
    if out != meta["expected_output"]:
        return False, requests, f"{arn}: output {json.dumps(out)[:300]}"
    return True, requests, None


def worker(port, sm, workload, prefix, threads, limit, deadline):
    """One client process: `threads` threads run executions until `limit` or the deadline."""
    _, meta = definition_for(workload)
    kind = "callback" if workload == "callback" else "plain"
    lock = threading.Lock()
    state = {"next": 0, "ok": 0, "bad": 0, "requests": 0, "errors": []}

    def loop():
        client = lib.Client(port)
        while True:
            with lock:
                if state["next"] >= limit or time.time() >= deadline:
                    return
                i = state["next"]
                state["next"] += 1
            try:
                ok, req, err = one(client, sm, f"{prefix}-{i}", meta, kind)
            except Exception as e:  # noqa: BLE001 - reported, not hidden
                ok, req, err = False, 0, repr(e)
            with lock:
                state["requests"] += req
                if ok:
                    state["ok"] += 1
                else:
                    state["bad"] += 1
                    if len(state["errors"]) < 3:
                        state["errors"].append(err)

    with ThreadPoolExecutor(threads) as ex:
        for f in [ex.submit(loop) for _ in range(threads)]:
            f.result()
    return state


def measure(server, workload, processes, threads, limit, seconds):
    c = lib.Client(server.port)
    definition, meta = definition_for(workload)
    sm = lib.create_machine(c, f"bench-{workload}", definition)
    # Warm-up, not measured.
    worker(server.port, sm, workload, "warm", 2, 6, time.time() + 60)
    per_proc = -(-limit // processes)
    window = lib.Window(server)
    t0 = window.t0
    deadline = t0 + seconds
    if processes == 1:
        states = [worker(server.port, sm, workload, "m0", threads, per_proc, deadline)]
    else:
        with ProcessPoolExecutor(processes) as ex:
            futures = [ex.submit(worker, server.port, sm, workload, f"m{p}", threads, per_proc, deadline)
                       for p in range(processes)]
            states = [f.result() for f in futures]
    window.stop()
    t1 = time.time()
    ok = sum(s["ok"] for s in states)
    bad = sum(s["bad"] for s in states)
    requests = sum(s["requests"] for s in states)
    errors = [e for s in states for e in s["errors"]][:3]
    n = ok + bad
    return {
        "workload": workload,
        "states_per_execution": meta["expected_state_entered"],
        "executions": n,
        "ok": ok,
        "wrong": bad,
        "errors": errors,
        "client": f"{processes}x{threads}",
        "seconds": t1 - t0,
        "executions_per_s": ok / (t1 - t0),
        "transitions_per_s": ok * meta["expected_state_entered"] / (t1 - t0),
        "server_cpu_s": window.server_cpu,
        "server_cpu_ms_per_exec": window.server_cpu / max(n, 1) * 1e3,
        "server_cpu_cores": window.server_cpu / window.wall,
        "requests_per_exec": requests / max(n, 1),
        "cpu": window.summary(),
        "server_rss_mib": server.rss_mib(),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--servers", default="cortado,moto")
    ap.add_argument("--workloads", default=",".join(ALL))
    ap.add_argument("--seconds-cortado", type=float, default=4)
    ap.add_argument("--seconds-moto", type=float, default=6)
    ap.add_argument("--max-cortado", type=int, default=20000)
    ap.add_argument("--max-moto", type=int, default=2000)
    ap.add_argument("--cortado-client", default="2x16", help="processes x threads")
    ap.add_argument("--moto-client", default="1x4", help="processes x threads")
    ap.add_argument("--results")
    args = ap.parse_args()
    workloads = args.workloads.split(",")
    results = {}
    rc = 0
    for name in args.servers.split(","):
        server = lib.start_cortado() if name == "cortado" else lib.start_moto()
        procs, threads = map(int, getattr(args, f"{name}_client").split("x"))
        try:
            results[name] = {}
            for w in workloads:
                r = measure(server, w, procs, threads, getattr(args, f"max_{name}"), getattr(args, f"seconds_{name}"))
                results[name][w] = r
                print(f"{name:8} {w:16} {r['executions']:6d} exec  {r['executions_per_s']:9.1f} exec/s  "
                      f"{r['server_cpu_ms_per_exec']:9.3f} ms CPU/exec  {r['server_cpu_cores']:.2f} cores  "
                      f"{r['requests_per_exec']:.1f} req/exec  wrong {r['wrong']}  rss {r['server_rss_mib']:.0f} MiB  "
                      f"client {r['cpu']['client_cores']:.2f} other {r['cpu']['other_cores']:.2f} cores",
                      flush=True)
                if r["wrong"]:
                    print(f"PROBLEMS: {name} {w}: {r['errors']}", file=sys.stderr)
                    rc = 1
        finally:
            server.stop()
    lib.save(args.results, "vs_moto", results)
    return rc


if __name__ == "__main__":
    sys.exit(main())
