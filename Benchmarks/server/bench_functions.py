#!/usr/bin/env python3
"""Function host benchmark: cold start, warm invoke latency and invocations per second, for a Node.js
and a Python echo function, through Lambda's Invoke API over HTTP.

For each runtime:
* cold start: `--colds` times, the function's configuration is touched (which retires its warm
  processes) and it is invoked once: the client's latency and the `Init Duration` of its REPORT line;
* warm latency: `--warm` sequential invocations on one keep-alive connection: the client's latency
  (HTTP Invoke + the function) and the host's own measure of the Runtime API round trip (the REPORT
  line's `Duration`: from handing the event to the runtime's `next` to receiving its `response`);
* throughput: `--threads` clients invoking for `--seconds`: invocations/s and server CPU per invocation
  (the server process only; the function processes' CPU is reported apart).

  bench_functions.py [--runtime nodejs20.x|python3.12|all] [--warm 2000] [--seconds 10] [--threads 4] [--results DIR]
"""

import argparse
import base64
import http.client
import io
import json
import os
import re
import threading
import time
import zipfile

import lib

CODE = {
    "nodejs20.x": ("index.mjs", "export const handler = async (event) => event;\n", "index.handler"),
    "python3.12": ("handler.py", "def handler(event, context):\n    return event\n", "handler.handler"),
}



class Lambda:
    """Lambda's REST API on one keep-alive connection."""

    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def call(self, method, path, body=None, headers=None):
        data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
        self.conn.request(method, path, body=data, headers=headers or {})
        r = self.conn.getresponse()
        payload = r.read()
        if r.status >= 300:
            raise RuntimeError(f"{method} {path}: {r.status} {payload[:300]!r}")
        return r, payload

    def invoke(self, name, payload=b'{"n":1}', tail=False):
        headers = {"X-Amz-Log-Type": "Tail"} if tail else {}
        return self.call("POST", f"/2015-03-31/functions/{name}/invocations", payload, headers)


def children_cpu(server_pid):
    """CPU seconds of the server's child processes still alive (the function processes)."""
    total = 0.0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[1]) == server_pid:
                total += lib.proc_cpu(int(pid))
        except (OSError, ValueError, IndexError):
            pass
    return total


def report_durations(logs, group):
    """The `Duration` of every REPORT line in the group, in ms."""
    out, token = [], None
    while True:
        body = {"logGroupName": group, "filterPattern": "REPORT", "limit": 10000}
        if token:
            body["nextToken"] = token
        page = logs("FilterLogEvents", body)
        for e in page.get("events", []):
            m = re.search(r"\tDuration: ([0-9.]+) ms", e["message"])
            if m:
                out.append(float(m.group(1)))
        token = page.get("nextToken")
        if not token:
            return out


def bench(server, runtime, args):
    filename, source, handler = CODE[runtime]
    name = "echo-" + runtime.replace(".", "-")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(filename, source)
    api = Lambda(server.port)
    api.call("POST", "/2015-03-31/functions", {
        "FunctionName": name, "Runtime": runtime, "Handler": handler, "Role": "arn:aws:iam::000000000000:role/bench",
        "Code": {"ZipFile": base64.b64encode(buf.getvalue()).decode()}, "Timeout": 30})

    colds, inits = [], []
    for i in range(args.colds):
        api.call("PUT", f"/2015-03-31/functions/{name}/configuration", {"Description": f"cold {i}"})
        t0 = time.perf_counter()
        r, _ = api.invoke(name, tail=True)
        colds.append((time.perf_counter() - t0) * 1000)
        log = base64.b64decode(r.getheader("X-Amz-Log-Result") or "").decode(errors="replace")
        m = re.search(r"Init Duration: ([0-9.]+) ms", log)
        if m:
            inits.append(float(m.group(1)))

    for _ in range(200):  # warm-up
        api.invoke(name)
    logs = lib.Client(server.port, prefix="Logs_20140328", service="logs")
    time.sleep(0.5)
    before = len(report_durations(logs, f"/aws/lambda/{name}"))
    warm = []
    for _ in range(args.warm):
        t0 = time.perf_counter()
        api.invoke(name)
        warm.append((time.perf_counter() - t0) * 1000)
    time.sleep(1.0)
    host = report_durations(logs, f"/aws/lambda/{name}")[before:]

    counts = [0] * args.threads
    stop = time.monotonic() + args.seconds

    def client(i):
        c = Lambda(server.port)
        while time.monotonic() < stop:
            c.invoke(name)
            counts[i] += 1

    cpu0, kids0 = server.cpu(), children_cpu(server.pid)
    t0 = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    cpu, kids = server.cpu() - cpu0, children_cpu(server.pid) - kids0
    total = sum(counts)
    return {
        "benchmark": "functions", "runtime": runtime,
        "cold_client_ms_p50": round(lib.percentile(sorted(colds), 50), 1), "cold_client_ms_max": round(max(colds), 1),
        "init_duration_ms_p50": round(lib.percentile(sorted(inits), 50), 1),
        "warm_client_ms_p50": round(lib.percentile(sorted(warm), 50), 3), "warm_client_ms_p99": round(lib.percentile(sorted(warm), 99), 3),
        "runtime_api_ms_p50": round(lib.percentile(sorted(host), 50), 3), "runtime_api_ms_p99": round(lib.percentile(sorted(host), 99), 3),
        "runtime_api_samples": len(host),
        "threads": args.threads, "invocations_per_s": round(total / elapsed, 1),
        "server_cpu_us_per_invocation": round(cpu / max(total, 1) * 1e6, 1),
        "function_cpu_us_per_invocation": round(kids / max(total, 1) * 1e6, 1),
        "machine": lib.machine_info(),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runtime", default="all", choices=["all", *CODE])
    ap.add_argument("--colds", type=int, default=5)
    ap.add_argument("--warm", type=int, default=2000)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--results")
    args = ap.parse_args()
    server = lib.start_cortado()
    try:
        for runtime in (CODE if args.runtime == "all" else [args.runtime]):
            result = bench(server, runtime, args)
            print(json.dumps(result, indent=2))
            if args.results:
                with open(os.path.join(args.results, f"functions-{runtime}.json"), "w") as f:
                    json.dump(result, f, indent=2)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
