#!/usr/bin/env python3
"""Parked executions: how much memory `cortado serve` needs for executions that wait on callbacks.

Starts 100,000 executions that each park on a `.waitForTaskToken` task, as fast as the server takes them,
sampling the server's resident memory (VmRSS) every second while starting and afterwards; then kills the
server with SIGKILL, restarts it on the same data directory, and answers a sample of the tokens. Standard
library only. See README.md beside this file.

    swift build -c release --scratch-path .build-release --product cortado
    CORTADO_BIN=.build-release/release/cortado python3 Benchmarks/server/parked.py

Options: --executions N (100000), --settle SECONDS (20), --answer N (1000), --clients P (processes),
--threads T (per process), --data DIR (default: a temporary directory, removed afterwards).
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
ROLE_ARN = "arn:aws:iam::000000000000:role/cortado-bench"
EXECUTION_PREFIX = "arn:aws:states:us-east-1:000000000000:execution:parked:"
DEFINITION = {
    "Comment": "Parks on a callback until its token is answered.",
    "StartAt": "Park",
    "States": {
        "Park": {
            "Type": "Task",
            "Resource": "arn:aws:states:::events:putEvents.waitForTaskToken",
            "Parameters": {"Entries": [{"Detail": {"TaskToken.$": "$$.Task.Token"}, "DetailType": "x", "Source": "y"}]},
            "ResultPath": "$.answer",
            "Next": "Done",
        },
        "Done": {"Type": "Pass", "Parameters": {"i.$": "$.i", "answer.$": "$.answer.v"}, "End": True},
    },
}


def log(message: str) -> None:
    print(f"[parked {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int, field: str = "VmRSS") -> float | None:
    """A memory figure of /proc/PID/status in MB: VmRSS (resident now) or VmHWM (the kernel's peak)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class AwsError(Exception):
    def __init__(self, status: int, type_: str, message: str):
        super().__init__(f"{type_} ({status}): {message}")
        self.type = type_


class Client:
    """One persistent HTTP/1.1 connection per thread."""

    def __init__(self, port: int):
        self.port = port
        self.local = threading.local()

    def call(self, action: str, body: dict, attempts: int = 3) -> dict:
        data = json.dumps(body).encode()
        headers = {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": f"AWSStepFunctions.{action}"}
        for attempt in range(attempts):
            conn = getattr(self.local, "conn", None)
            if conn is None:
                conn = self.local.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            try:
                conn.request("POST", "/", body=data, headers=headers)
                response = conn.getresponse()
                raw = response.read()
            except (OSError, http.client.HTTPException):
                conn.close()
                self.local.conn = None
                if attempt == attempts - 1:
                    raise
                time.sleep(0.1)
                continue
            answer = json.loads(raw) if raw else {}
            if response.status != 200:
                raise AwsError(response.status, answer.get("__type", "?"), answer.get("message", ""))
            return answer
        raise AssertionError("unreachable")


class Server:
    def __init__(self, bin_path: Path, data: Path, port: int, log_path: Path):
        self.argv = [str(bin_path), "serve", "--port", str(port), "--data", str(data), "--log-level", "warning"]
        self.port = port
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def start(self) -> float:
        """Seconds from spawning the process to `/health` answering."""
        with open(self.log_path, "ab") as out:
            began = time.monotonic()
            self.process = subprocess.Popen(self.argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        while time.monotonic() - began < 120:
            if self.process.poll() is not None:
                sys.exit(f"cortado serve exited with {self.process.returncode}; see {self.log_path}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/health")
                if conn.getresponse().status == 200:
                    conn.close()
                    return time.monotonic() - began
            except OSError:
                pass
            time.sleep(0.005)
        sys.exit(f"cortado serve did not answer /health within 120 s; see {self.log_path}")

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid


class Sampler(threading.Thread):
    """VmRSS of the server every second, with how many executions had been started by then."""

    def __init__(self, pid: int, progress):
        super().__init__(daemon=True)
        self.pid = pid
        self.progress = progress
        self.samples: list[tuple[float, float, int, float]] = []
        self.began = time.monotonic()
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            rss = rss_mb(self.pid)
            anon = rss_mb(self.pid, "RssAnon")
            if rss is not None:
                self.samples.append((time.monotonic() - self.began, rss, self.progress(), anon or 0.0))
            self.stopped.wait(1.0)

    def stop(self) -> list[tuple[float, float, int, float]]:
        self.stopped.set()
        self.join()
        return self.samples


def start_range(port: int, lo: int, hi: int, threads: int, machine_arn: str, counter, results) -> None:
    """A client process: starts executions lo..hi-1 on `threads` threads; puts (started, errors) on `results`."""
    client = Client(port)
    errors = 0

    def one(i: int) -> bool:
        try:
            client.call("StartExecution", {"stateMachineArn": machine_arn, "name": f"p{i:06d}", "input": json.dumps({"i": i})})
        except Exception:
            return False
        with counter.get_lock():
            counter.value += 1
        return True

    with ThreadPoolExecutor(threads) as pool:
        for ok in pool.map(one, range(lo, hi)):
            errors += not ok
    results.put((hi - lo - errors, errors))


def token_of(client: Client, arn: str) -> str:
    events = client.call("GetExecutionHistory", {"executionArn": arn, "maxResults": 20})["events"]
    scheduled = next(e for e in events if e["type"] == "TaskScheduled")
    return json.loads(scheduled["taskScheduledEventDetails"]["parameters"])["Entries"][0]["Detail"]["TaskToken"]


def machine() -> tuple[str, str]:
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return str(os.cpu_count()), cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--executions", type=int, default=100_000)
    parser.add_argument("--settle", type=float, default=20, help="seconds to keep sampling after the last start")
    parser.add_argument("--answer", type=int, default=1000, help="tokens to answer after the restart")
    parser.add_argument("--clients", type=int, default=2, help="client processes")
    parser.add_argument("--threads", type=int, default=16, help="threads (connections) per client process")
    parser.add_argument("--data", help="data directory (default: a fresh temporary one, removed afterwards)")
    args = parser.parse_args()

    bin_path = Path(os.environ.get("CORTADO_BIN", ".build-release/release/cortado"))
    if not bin_path.is_absolute():
        bin_path = REPO_ROOT / bin_path
    if not os.access(bin_path, os.X_OK):
        sys.exit(f"no cortado binary at {bin_path}: swift build -c release --scratch-path .build-release --product cortado")
    work = Path(tempfile.mkdtemp(prefix="cortado-parked-"))
    data = Path(args.data) if args.data else work / "data"
    if args.data and data.exists() and any(data.iterdir()):
        sys.exit(f"{data} is not empty: the benchmark needs a fresh data directory")
    port = free_port()
    server = Server(bin_path, data, port, work / "server.log")
    nproc, cpu = machine()
    log(f"{bin_path} on port {port}, data {data}; {nproc} CPUs ({cpu})")

    figures: dict[str, str] = {}
    load_before = os.getloadavg()[0]
    up = server.start()
    figures["first start → /health"] = f"{up:.2f} s"
    idle = rss_mb(server.pid)
    figures["RSS idle"] = f"{idle:.0f} MB"
    client = Client(port)
    machine_arn = client.call("CreateStateMachine", {"name": "parked", "definition": json.dumps(DEFINITION), "roleArn": ROLE_ARN})[
        "stateMachineArn"
    ]

    # -- start them all, sampling RSS every second
    counter = multiprocessing.Value("q", 0)
    sampler = Sampler(server.pid, lambda: counter.value)
    sampler.start()
    n = args.executions
    bounds = [n * k // args.clients for k in range(args.clients + 1)]
    results = multiprocessing.Queue()
    clients = [
        multiprocessing.Process(
            target=start_range, args=(port, bounds[k], bounds[k + 1], args.threads, machine_arn, counter, results)
        )
        for k in range(args.clients)
    ]
    began = time.monotonic()
    last_report = began
    for c in clients:
        c.start()
    outcomes = []
    while len(outcomes) < len(clients):
        try:
            outcomes.append(results.get(timeout=1))
        except Exception:  # queue.Empty
            if any(c.exitcode not in (None, 0) for c in clients):
                sys.exit("a client process failed")
        if time.monotonic() - last_report >= 10:
            last_report = time.monotonic()
            rss = sampler.samples[-1][1] if sampler.samples else 0
            log(f"{counter.value:,} started, RSS {rss:.0f} MB")
    took = time.monotonic() - began
    for c in clients:
        c.join()
    started = sum(s for s, _ in outcomes)
    errors = sum(e for _, e in outcomes)
    log(f"started {started:,} executions in {took:.1f} s ({started / took:,.0f}/s), {errors} errors; settling {args.settle:.0f} s")
    time.sleep(args.settle)
    samples = sampler.stop()
    peak = max(s[1] for s in samples)
    final = samples[-1][1]
    db = sum(f.stat().st_size for f in data.iterdir() if f.is_file())

    figures["executions started"] = f"{started:,} ({errors} errors)"
    figures["start rate"] = f"{started / took:,.0f}/s ({took:.1f} s)"
    figures["RSS peak while starting and settling"] = f"{peak:.0f} MB (kernel's VmHWM: {rss_mb(server.pid, 'VmHWM'):.0f} MB)"
    figures[f"RSS final ({args.settle:.0f} s after the last start)"] = f"{final:.0f} MB ({samples[-1][3]:.0f} MB anonymous)"
    figures["data directory"] = f"{db / 1e6:.0f} MB ({db / max(1, started):,.0f} bytes per execution)"

    # -- SIGKILL, restart on the same data directory
    os.kill(server.pid, signal.SIGKILL)
    server.process.wait()
    restart = server.start()
    rss_up = rss_mb(server.pid)
    time.sleep(5)
    rss_later = rss_mb(server.pid)
    figures["restart: process start → /health"] = f"{restart:.2f} s"
    figures["RSS at /health after the restart"] = f"{rss_up:.0f} MB"
    figures["RSS 5 s after the restart"] = f"{rss_later:.0f} MB"

    # -- answer a sample of the tokens, check those executions complete
    rng = random.Random(1)
    chosen = rng.sample(range(n), min(args.answer, n))
    client = Client(port)
    answered = 0
    wrong: list[str] = []

    def answer(i: int) -> None:
        arn = f"{EXECUTION_PREFIX}p{i:06d}"
        token = token_of(client, arn)
        client.call("SendTaskSuccess", {"taskToken": token, "output": json.dumps({"v": i * 2})})

    t0 = time.monotonic()
    with ThreadPoolExecutor(16) as pool:
        for _ in pool.map(answer, chosen):
            answered += 1
    answer_took = time.monotonic() - t0

    def check(i: int) -> str | None:
        arn = f"{EXECUTION_PREFIX}p{i:06d}"
        for _ in range(100):
            d = client.call("DescribeExecution", {"executionArn": arn})
            if d["status"] != "RUNNING":
                break
            time.sleep(0.05)
        expected = {"i": i, "answer": i * 2}
        if d["status"] != "SUCCEEDED" or json.loads(d.get("output", "null")) != expected:
            return f"p{i:06d}: {d['status']} {d.get('output')}"
        return None

    with ThreadPoolExecutor(16) as pool:
        wrong = [w for w in pool.map(check, chosen) if w]
    figures["tokens answered after the restart"] = f"{answered:,} in {answer_took:.1f} s (history read + SendTaskSuccess)"
    figures["those executions SUCCEEDED with the expected output"] = f"{len(chosen) - len(wrong):,} of {len(chosen):,}"
    figures["RSS at the end"] = f"{rss_mb(server.pid):.0f} MB"

    server.process.send_signal(signal.SIGTERM)
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.process.kill()
    if not args.data:
        shutil.rmtree(work, ignore_errors=True)

    # -- report
    print()
    print(f"machine: {nproc} CPUs, {cpu}; binary {bin_path}")
    print(f"load average (1 min) at the start / at the end: {load_before:.1f} / {os.getloadavg()[0]:.1f}")
    print()
    step = max(1, len(samples) // 20)
    print(f"RSS while starting and settling (every {step} s of the 1 s samples):")
    print(f"  {'t (s)':>6}  {'started':>9}  {'RSS (MB)':>8}  {'of which anonymous':>18}")
    for t, rss, count, anon in samples[::step] + ([samples[-1]] if (len(samples) - 1) % step else []):
        print(f"  {t:6.0f}  {count:9,}  {rss:8.0f}  {anon:18.0f}")
    print()
    width = max(len(k) for k in figures)
    print(f"| {'figure'.ljust(width)} | value |")
    print(f"|{'-' * (width + 2)}|-------|")
    for k, v in figures.items():
        print(f"| {k.ljust(width)} | {v} |")
    ok = not wrong and errors == 0 and peak < 300
    if wrong:
        print("\nnot as expected:\n  " + "\n  ".join(wrong[:20]))
    if peak >= 300:
        print(f"\nRSS peaked at {peak:.0f} MB: over the 300 MB goal")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
