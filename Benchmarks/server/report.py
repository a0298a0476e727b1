#!/usr/bin/env python3
"""Prints the results a run.sh run left in DIR as one Markdown table set, goals included."""

import json
import os
import subprocess
import sys
import time

import lib


def load(d, name):
    p = os.path.join(d, f"{name}.json")
    if not os.path.exists(p):
        return None
    with open(p) as f:
        return json.load(f)


def fmt(v, digits=0):
    if v is None:
        return "n/a"
    if isinstance(v, float) and digits == 0:
        return f"{v:,.0f}"
    return f"{v:,.{digits}f}"


def main():
    d = sys.argv[1]
    m = lib.machine_info()
    binary = os.environ.get("CORTADO_BIN_SOURCE") or os.environ.get("CORTADO_BIN") or os.path.join(lib.ROOT, ".build-release", "release", "cortado")
    try:
        built = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(os.path.getmtime(os.environ.get("CORTADO_BIN") or binary)))
    except OSError:
        built = "?"
    sources = os.environ.get("BENCH_SOURCES")
    if not sources:
        try:
            sources = subprocess.run(["git", "-C", lib.ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
        except OSError:
            sources = "?"
    print("\n## Results\n")
    print(f"Machine: {m['nproc']} CPUs ({m['cpu']}), load average before the run {os.environ.get('BENCH_LOADAVG', '?')}; "
          f"binary {binary}, built {built}; the checkout was at {sources} when the run started\n")
    disk = load(d, "disk")
    if disk:
        print(f"Disk under the data directories: pwrite 4 KiB + fdatasync p50 {disk['fdatasync_p50_ms']:.2f} ms, "
              f"p99 {disk['fdatasync_p99_ms']:.2f} ms (what one synchronous=FULL commit costs at least).\n")
    print("'other processes' cores' is what the rest of the machine used during each measured window (from /proc/stat, "
          "minus the server and this client): on a shared machine, wall-clock rates fall when it is high; CPU per "
          "execution moves much less.\n")

    print("### 1. StartExecution over HTTP (wrk)\n")
    print("| workload | wrk threads x conns | requests/s | p50 ms | p90 ms | p99 ms | p99.9 ms | non-2xx | socket errors | SUCCEEDED listed | other statuses | sample checked | server CPU µs/exec | server cores | wrk cores | other processes' cores | fsyncs/s | goal |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for w in ("single_pass", "pass_chain"):
        r = load(d, f"start_{w}")
        if not r:
            continue
        lat = r["latency_ms"]
        errs = sum(r["socket_errors"].values()) - r["socket_errors"]["status"]
        other = sum(v for k, v in r["executions_by_status"].items() if k != "SUCCEEDED")
        s = r["sample"]
        goal = "10,000/s: " + ("met" if r["requests_per_s"] >= 10000 else "not met") if w == "single_pass" else \
            f"{fmt(r['transitions_per_s'])} transitions/s (20 per write)"
        print(f"| {w} | {r['wrk']['threads']}x{r['wrk']['connections']} | {fmt(r['requests_per_s'])} | {lat['50']:.2f} | {lat['90']:.2f} | "
              f"{lat['99']:.2f} | {lat['99.9']:.2f} | {r['non_2xx']} | {errs} | {r['executions_by_status']['SUCCEEDED']:,} of {r['responses_2xx']:,} 2xx | {other} | "
              f"{s['succeeded_with_expected_output']}/{s['checked']} ok, {s['wrong']} wrong | {r['server_cpu_us_per_exec']:.0f} | {r['server_cpu_cores']:.2f} | "
              f"{r['cpu']['client_cores']:.2f} | {r['cpu']['other_cores']:.2f} | {fmt(r['fsyncs_per_s'])} | {goal} |")

    print("\n### 2. Durable state transitions (engine-driven loops; every round is one committed write)\n")
    print("| workload | executions x rounds | transitions/s | writes/s | fsyncs/s | writes per fsync | server CPU µs/write | server cores | other processes' cores | wrong | goal 50,000 transitions/s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for w in ("wait_loop", "task_loop"):
        r = load(d, f"durable_{w}")
        if not r:
            continue
        print(f"| {w} | {r['executions']:,} x {r['rounds']} | {fmt(r['transitions_per_s'])} | {fmt(r['writes_per_s'])} | {fmt(r['fsyncs_per_s'])} | "
              f"{fmt(r['writes_per_fsync'], 1)} | {r['server_cpu_us_per_write']:.0f} | {r['server_cpu_cores']:.2f} | {r['cpu']['other_cores']:.2f} | {r['failed_or_wrong']} | "
              f"{'met' if r['transitions_per_s'] >= 50000 else 'not met'} |")
    r = load(d, "start_pass_chain")
    if r:
        print(f"| pass_chain via StartExecution (20 Pass, 1 write/exec) | {r['executions_by_status']['SUCCEEDED']:,} x 1 | {fmt(r['transitions_per_s'])} | "
              f"{fmt(r['succeeded_per_s'])} | {fmt(r['fsyncs_per_s'])} | {fmt(r['succeeded_per_s'] / r['fsyncs_per_s'] if r['fsyncs_per_s'] else None, 1)} | "
              f"{r['server_cpu_us_per_exec']:.0f} | {r['server_cpu_cores']:.2f} | {r['cpu']['other_cores']:.2f} | 0 | {'met' if r['transitions_per_s'] >= 50000 else 'not met'} |")

    r = load(d, "callback")
    if r:
        print("\n### 3. Callback round trip (SendTaskSuccess answered = next state committed)\n")
        print("| phase | callbacks | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | callbacks/s | server CPU µs/callback | other processes' cores | goal p99 < 2 ms |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for key, label in (("sequential", "one at a time, idle server"), ("concurrent", f"{r['concurrent_threads']} clients at once")):
            s = r[key]
            rate = fmt(r["concurrent_callbacks_per_s"]) if key == "concurrent" else fmt(1 / (s["mean_ms"] / 1e3))
            cpu = r[f"{key}_server_cpu_us_per_callback"]
            other = r[f"{key}_cpu"]["other_cores"]
            print(f"| {label} | {s['n']:,} | {s['p50_ms']:.2f} | {s['p90_ms']:.2f} | {s['p99_ms']:.2f} | {s['p999_ms']:.2f} | {s['max_ms']:.2f} | "
                  f"{rate} | {cpu:.0f} | {other:.2f} | {'met' if s['p99_ms'] < 2 else 'not met'} |")
        print(f"\nCommit before answer: Second's TaskStateEntered was in the history right after {r['commit_before_answer_checked']} "
              f"of {r['commit_before_answer_checked'] + r['commit_before_answer_violations']} sampled answers; {r['executions_wrong']} executions ended wrong.")
        if r.get("sequential_fsyncs_per_callback") is not None:
            print(f"Sequential phase, per callback: {r['sequential_fsyncs_per_callback']:.3f} fsync/fdatasync calls "
                  f"(synchronous=FULL needs at least 1: each callback waits for its own commit) and "
                  f"{r['sequential_context_switches_per_callback']:.1f} context switches in the server.")

    r = load(d, "vs_moto")
    if r:
        print("\n### 4. Versus moto (same workloads, same client, same machine)\n")
        print("| workload | Cortado exec/s | moto exec/s | throughput ratio | Cortado server CPU ms/exec | moto server CPU ms/exec | CPU ratio (moto/Cortado) | goal ≥ 100x | executions (C / m) | wrong (C / m) | RSS MiB (C / m) | other processes' cores (C / m) |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        c, mo = r.get("cortado", {}), r.get("moto", {})
        for w in ("single_pass", "pass_chain", "choice_loop", "parallel_map", "book_order_flow", "callback"):
            a, b = c.get(w), mo.get(w)
            if not a and not b:
                continue
            ratio = a["executions_per_s"] / b["executions_per_s"] if a and b and b["executions_per_s"] else None
            cpu_ratio = b["server_cpu_ms_per_exec"] / a["server_cpu_ms_per_exec"] if a and b and a["server_cpu_ms_per_exec"] else None
            print(f"| {w} | {fmt(a and a['executions_per_s'], 0)} | {fmt(b and b['executions_per_s'], 1)} | {fmt(ratio, 0)}x | "
                  f"{fmt(a and a['server_cpu_ms_per_exec'], 3)} | {fmt(b and b['server_cpu_ms_per_exec'], 1)} | {fmt(cpu_ratio, 0)}x | "
                  f"{'met' if cpu_ratio and cpu_ratio >= 100 else 'not met'} | {a and a['executions']} / {b and b['executions']} | "
                  f"{a and a['wrong']} / {b and b['wrong']} | {fmt(a and a['server_rss_mib'])} / {fmt(b and b['server_rss_mib'])} | "
                  f"{fmt(a and a['cpu']['other_cores'], 2)} / {fmt(b and b['cpu']['other_cores'], 2)} |")

    rows = [r for r in (load(d, "events-state-machine"), load(d, "events-log-group")) if r]
    if rows:
        print("\n### 5. Event bus: PutEvents over HTTP to delivered-to-target (10 entries per request)\n")
        print("| target | client threads | PutEvents/s | events accepted/s | p50 ms | p99 ms | events delivered/s | delivered of accepted | server CPU µs/event |")
        print("|---|---|---|---|---|---|---|---|---|")
        for r in rows:
            print(f"| {r['target']} | {r['threads']} | {fmt(r['put_events_requests_per_s'])} | {fmt(r['events_accepted_per_s'])} | "
                  f"{r['put_events_p50_ms']:.2f} | {r['put_events_p99_ms']:.2f} | {fmt(r['events_delivered_per_s'])} | "
                  f"{r['events_delivered']:,} of {r['events_accepted']:,} | {r['server_cpu_us_per_event']:.0f} |")

    rows = [r for r in (load(d, "functions-nodejs20.x"), load(d, "functions-python3.12")) if r]
    if rows:
        print("\n### 6. Functions: an echo function through Lambda's Invoke API over HTTP\n")
        print("| runtime | cold start: client ms (p50 / max) | Init Duration ms p50 | warm client ms p50 / p99 | "
              "Runtime API round trip ms p50 / p99 (goal p99 < 2) | invocations/s | client threads | server CPU µs/inv | function CPU µs/inv |")
        print("|---|---|---|---|---|---|---|---|---|")
        for r in rows:
            print(f"| {r['runtime']} | {r['cold_client_ms_p50']} / {r['cold_client_ms_max']} | {r['init_duration_ms_p50']} | "
                  f"{r['warm_client_ms_p50']:.2f} / {r['warm_client_ms_p99']:.2f} | {r['runtime_api_ms_p50']:.3f} / {r['runtime_api_ms_p99']:.3f} "
                  f"({'met' if r['runtime_api_ms_p99'] < 2 else 'not met'}) | {fmt(r['invocations_per_s'])} | {r['threads']} | "
                  f"{r['server_cpu_us_per_invocation']:.0f} | {r['function_cpu_us_per_invocation']:.0f} |")


if __name__ == "__main__":
    main()
