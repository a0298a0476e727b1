#!/usr/bin/env python3
"""The kill -9 crash test: a running `cortado serve` with 1,000 executions mid-run is killed with SIGKILL,
restarted on the same data directory, and must finish every execution with nothing lost or doubled.

Runs as a script or under pytest, standard library only:

    CORTADO_BIN=.build-crash/debug/cortado python3 Tests/crash/test_crash.py
    CORTADO_BIN=.build-crash/debug/cortado python3 -m pytest -q Tests/crash

See README.md beside this file for what it does and checks.
"""

from __future__ import annotations

import http.client
import json
import os
import queue
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
REGION = "us-east-1"
ACCOUNT = "000000000000"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/cortado-crash"
ARN_PREFIX = f"arn:aws:states:{REGION}:{ACCOUNT}:"

EXECUTIONS = int(os.environ.get("CORTADO_CRASH_EXECUTIONS", "1000"))
# Scaled seconds per wall second: a Wait of 200..2,400 s takes 2..24 s of wall time.
TIME_SCALE = 100
CLIENT_THREADS = 16
ACTIVITY_WORKERS = 4
# Requests sent in the last moment before the kill (their answers may never come): starts and callbacks.
BURST_STARTS = 24
BURST_ANSWERS = 40
# Activity tasks a worker takes before the crash and drops (a worker that died with its task).
ABANDONED_TASKS = 5
# How long the test may take once the server is back before it gives up on draining.
DRAIN_LIMIT = 120.0

CALLBACK_RESOURCE = "arn:aws:states:::events:putEvents.waitForTaskToken"
CALLBACK_PARAMETERS = {"Entries": [{"Detail": {"TaskToken.$": "$$.Task.Token"}, "DetailType": "x", "Source": "y"}]}

# Share of the executions per kind (the rest goes to "wait").
KINDS = [
    ("wait_chain", 0.15),
    ("callback", 0.25),
    ("callback_timeout", 0.05),
    ("activity", 0.15),
    ("mixed", 0.10),
]


def log(message: str) -> None:
    print(f"[crash {time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---------------------------------------------------------------------------------------------------
# The server process


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def binary() -> Path:
    path = Path(os.environ.get("CORTADO_BIN", ".build/debug/cortado"))
    return path if path.is_absolute() else REPO_ROOT / path


class Server:
    """One `cortado serve` process on a fixed port and data directory; restartable."""

    def __init__(self, bin_path: Path, data: Path, port: int, logs: Path):
        self.bin = bin_path
        self.data = data
        self.port = port
        self.logs = logs
        self.process: subprocess.Popen | None = None
        self.starts = 0
        self.log_path: Path | None = None

    def start(self) -> float:
        """Starts the process; returns seconds from spawning it to `/health` answering 200."""
        self.starts += 1
        self.log_path = self.logs / f"server-{self.starts}.log"
        argv = [
            str(self.bin), "serve", "--host", "127.0.0.1", "--port", str(self.port), "--data", str(self.data),
            "--time-scale", str(TIME_SCALE), "--log-level", "warning",
        ]
        log_file = open(self.log_path, "wb")
        began = time.monotonic()
        self.process = subprocess.Popen(argv, stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log_file.close()
        deadline = began + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"cortado serve exited with {self.process.returncode}:\n{self.log_tail()}")
            if self.healthy():
                return time.monotonic() - began
            time.sleep(0.005)
        raise RuntimeError(f"cortado serve did not answer /health within 60 s:\n{self.log_tail()}")

    def healthy(self) -> bool:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            conn.request("GET", "/health")
            ok = conn.getresponse().status == 200
            conn.close()
            return ok
        except OSError:
            return False

    def kill9(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log_tail(self, lines: int = 40) -> str:
        if self.log_path is None or not self.log_path.exists():
            return "(no log)"
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


# ---------------------------------------------------------------------------------------------------
# The client: one persistent HTTP/1.1 connection per thread


class ConnectionLost(Exception):
    """The connection failed before an answer came: the request may or may not have been applied."""


class AwsError(Exception):
    def __init__(self, status: int, type_: str, message: str):
        super().__init__(f"{type_} ({status}): {message}")
        self.status = status
        self.type = type_
        self.message = message


class Client:
    def __init__(self, port: int):
        self.port = port
        self.local = threading.local()
        self.generation = 0  # bumped when the server restarts: every thread reconnects

    def _connection(self) -> http.client.HTTPConnection:
        conn = getattr(self.local, "conn", None)
        if conn is None or self.local.generation != self.generation:
            if conn is not None:
                conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=90)
            self.local.conn = conn
            self.local.generation = self.generation
        return conn

    def _drop(self) -> None:
        conn = getattr(self.local, "conn", None)
        if conn is not None:
            conn.close()
        self.local.conn = None

    def call(self, action: str, body: dict) -> dict:
        """One action; raises AwsError for an error answer, ConnectionLost if no answer came."""
        data = json.dumps(body).encode()
        headers = {
            "Content-Type": "application/x-amz-json-1.0",
            "X-Amz-Target": f"AWSStepFunctions.{action}",
        }
        conn = self._connection()
        try:
            conn.request("POST", "/", body=data, headers=headers)
            response = conn.getresponse()
            raw = response.read()
        except (OSError, http.client.HTTPException) as e:
            self._drop()
            raise ConnectionLost(f"{action}: {type(e).__name__}: {e}") from None
        answer = json.loads(raw) if raw else {}
        if response.status != 200:
            raise AwsError(response.status, answer.get("__type", "?"), answer.get("message", ""))
        return answer

    def read(self, action: str, body: dict, attempts: int = 5) -> dict:
        """A read-only (or idempotent) action, retried on a lost connection."""
        for attempt in range(attempts):
            try:
                return self.call(action, body)
            except ConnectionLost:
                if attempt == attempts - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def history(self, arn: str) -> list[dict]:
        events: list[dict] = []
        token = None
        while True:
            body = {"executionArn": arn, "maxResults": 1000}
            if token:
                body["nextToken"] = token
            page = self.read("GetExecutionHistory", body)
            events += page["events"]
            token = page.get("nextToken")
            if not token:
                return events

    def executions(self, machine_arns: list[str], status: str | None = None) -> list[dict]:
        found: list[dict] = []
        for sm in machine_arns:
            token = None
            while True:
                body: dict = {"stateMachineArn": sm, "maxResults": 1000}
                if status:
                    body["statusFilter"] = status
                if token:
                    body["nextToken"] = token
                page = self.read("ListExecutions", body)
                found += page["executions"]
                token = page.get("nextToken")
                if not token:
                    break
        return found


# ---------------------------------------------------------------------------------------------------
# The state machines


def callback_state(next_state: str, **extra) -> dict:
    state = {
        "Type": "Task",
        "Resource": CALLBACK_RESOURCE,
        "Parameters": CALLBACK_PARAMETERS,
        "ResultPath": "$.cb",
        "Next": next_state,
    }
    state.update(extra)
    return state


def activity_state(activity_arn: str, next_state: str) -> dict:
    # A worker's GetActivityTask answer can be lost with the crashed server (the task is then started
    # but no worker has it): the heartbeat times such a task out and the Retry schedules it again.
    return {
        "Type": "Task",
        "Resource": activity_arn,
        "HeartbeatSeconds": 3600,
        "Retry": [{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 1, "MaxAttempts": 5, "BackoffRate": 1}],
        "ResultPath": "$.act",
        "Next": next_state,
    }


def definitions(activity_arn: str) -> dict[str, dict]:
    return {
        "wait": {
            "StartAt": "Wait",
            "States": {
                "Wait": {"Type": "Wait", "SecondsPath": "$.wait", "Next": "Shape"},
                "Shape": {
                    "Type": "Pass",
                    "Parameters": {"i.$": "$.i", "kind.$": "$.kind", "double.$": "States.MathAdd($.i, $.i)"},
                    "Next": "Done",
                },
                "Done": {"Type": "Succeed"},
            },
        },
        "wait_chain": {
            "StartAt": "First",
            "States": {
                "First": {"Type": "Wait", "SecondsPath": "$.wait", "Next": "Mark"},
                "Mark": {"Type": "Pass", "Result": {"step": 1}, "ResultPath": "$.mark", "Next": "Second"},
                "Second": {"Type": "Wait", "SecondsPath": "$.wait2", "Next": "Parity"},
                "Parity": {
                    "Type": "Choice",
                    "Choices": [{"Variable": "$.even", "BooleanEquals": True, "Next": "Even"}],
                    "Default": "Odd",
                },
                "Even": {"Type": "Pass", "Parameters": {"i.$": "$.i", "parity": "even", "step.$": "$.mark.step"}, "Next": "Last"},
                "Odd": {"Type": "Pass", "Parameters": {"i.$": "$.i", "parity": "odd", "step.$": "$.mark.step"}, "Next": "Last"},
                "Last": {"Type": "Pass", "End": True},
            },
        },
        "callback": {
            "StartAt": "Callback",
            "States": {
                "Callback": callback_state("Sum"),
                "Sum": {"Type": "Pass", "Parameters": {"i.$": "$.i", "v.$": "$.cb.v"}, "End": True},
            },
        },
        "callback_timeout": {
            "StartAt": "Callback",
            "States": {
                "Callback": callback_state(
                    "Sum",
                    TimeoutSecondsPath="$.timeout",
                    Catch=[{"ErrorEquals": ["States.Timeout"], "ResultPath": "$.error", "Next": "TimedOut"}],
                ),
                "Sum": {"Type": "Pass", "Parameters": {"i.$": "$.i", "v.$": "$.cb.v"}, "End": True},
                "TimedOut": {"Type": "Pass", "Parameters": {"i.$": "$.i", "timedOut": True}, "End": True},
            },
        },
        "activity": {
            "StartAt": "Work",
            "States": {
                "Work": activity_state(activity_arn, "Sum"),
                "Sum": {"Type": "Pass", "Parameters": {"i.$": "$.i", "a.$": "$.act.v"}, "End": True},
            },
        },
        "mixed": {
            "StartAt": "Wait",
            "States": {
                "Wait": {"Type": "Wait", "SecondsPath": "$.wait", "Next": "Callback"},
                "Callback": callback_state("Between"),
                "Between": {"Type": "Pass", "Result": "between", "ResultPath": "$.between", "Next": "Wait2"},
                "Wait2": {"Type": "Wait", "SecondsPath": "$.wait2", "Next": "Work"},
                "Work": activity_state(activity_arn, "Sum"),
                "Sum": {
                    "Type": "Pass",
                    "Parameters": {"i.$": "$.i", "total.$": "States.MathAdd($.cb.v, $.act.v)", "between.$": "$.between"},
                    "End": True,
                },
            },
        },
    }


def callback_answer(i: int) -> dict:
    return {"v": 3 * i}


def activity_answer(i: int) -> dict:
    return {"v": 7 * i}


def expected_output(kind: str, i: int, timed_out: bool) -> dict:
    if kind == "wait":
        return {"i": i, "kind": "wait", "double": 2 * i}
    if kind == "wait_chain":
        return {"i": i, "parity": "even" if i % 2 == 0 else "odd", "step": 1}
    if kind == "callback":
        return {"i": i, "v": 3 * i}
    if kind == "callback_timeout":
        return {"i": i, "timedOut": True} if timed_out else {"i": i, "v": 3 * i}
    if kind == "activity":
        return {"i": i, "a": 7 * i}
    if kind == "mixed":
        return {"i": i, "total": 10 * i, "between": "between"}
    raise ValueError(kind)


def plan_executions(n: int) -> list[dict]:
    """The executions to start: kind, index and input, interleaved so every kind starts throughout."""
    counts = {kind: int(n * share) for kind, share in KINDS}
    counts["wait"] = n - sum(counts.values())
    kinds = [kind for kind, count in counts.items() for _ in range(count)]
    random.Random(7).shuffle(kinds)
    rng = random.Random(11)
    plan = []
    for i, kind in enumerate(kinds):
        # Scaled seconds (÷ TIME_SCALE for wall seconds).
        if kind == "wait":
            wait, wait2 = rng.randint(200, 2400), 0
        elif kind == "wait_chain":
            wait, wait2 = rng.randint(150, 900), rng.randint(150, 900)
        elif kind == "mixed":
            wait, wait2 = rng.randint(50, 500), rng.randint(100, 400)
        else:
            wait, wait2 = 0, 0
        # callback_timeout: some time out before the crash, some after the restart, most are answered.
        timeout = rng.randint(150, 1500)
        name = f"{kind}-{i:05d}"
        payload = {"i": i, "kind": kind, "wait": wait, "wait2": wait2, "timeout": timeout, "even": i % 2 == 0}
        plan.append({"name": name, "kind": kind, "i": i, "input": payload, "burst": False})
    # The last "wait" executions are started in the burst that meets the kill.
    for p in [p for p in plan if p["kind"] == "wait"][-BURST_STARTS:]:
        p["burst"] = True
    return plan


# ---------------------------------------------------------------------------------------------------
# Tokens


def token_of_scheduled(event: dict) -> str:
    parameters = json.loads(event["taskScheduledEventDetails"]["parameters"])
    return parameters["Entries"][0]["Detail"]["TaskToken"]


def open_callback_token(events: list[dict]) -> str | None:
    """The token of the callback task the execution waits on, if it waits on one."""
    open_token = None
    for e in events:
        if e["type"] == "TaskScheduled":
            open_token = token_of_scheduled(e)
        elif e["type"] in ("TaskSucceeded", "TaskFailed", "TaskTimedOut"):
            open_token = None
    return open_token


class Token:
    """One task token the test holds, and what became of it."""

    def __init__(self, token: str, execution: str, kind: str, source: str, answer: dict):
        self.token = token
        self.execution = execution
        self.kind = kind  # "callback" or "activity"
        self.source = source  # where it came from: "history" or "GetActivityTask"
        self.answer = answer
        self.before_crash = False
        # "acknowledged": SendTaskSuccess answered 200 before the crash; "unknown": it was in flight
        # when the server died; None: not sent before the crash.
        self.pre_crash_result: str | None = None
        self.post_crash_result: str | None = None  # "ok", "TaskTimedOut", or the error


class State:
    """What the test knows, shared by its threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.tokens: dict[str, Token] = {}
        # Activity tokens a worker holds for later (answered after the restart).
        self.held: list[Token] = []
        # Executions with an activity answer on its way (so a scan does not call them lost).
        self.answering: set[str] = set()
        self.crashed = threading.Event()
        self.restarted = threading.Event()
        self.finished = threading.Event()
        self.lost_polls = 0
        self.abandoned = 0
        self.received_activity_tasks = 0
        # Workers that saw the crash and wait for the restart.
        self.parked: set[int] = set()

    def add(self, t: Token) -> bool:
        with self.lock:
            if t.token in self.tokens:
                return False
            self.tokens[t.token] = t
            return True


# ---------------------------------------------------------------------------------------------------
# The test


def send_success(client: Client, t: Token) -> str:
    """Answers a token: "ok", "TaskTimedOut", another AWS error type, or "lost" (no answer came)."""
    try:
        client.call("SendTaskSuccess", {"taskToken": t.token, "output": json.dumps(t.answer)})
        return "ok"
    except AwsError as e:
        return e.type
    except ConnectionLost:
        return "lost"


def activity_worker(client: Client, state: State, activity_arn: str, by_index: dict[int, dict], worker: int) -> None:
    """Polls the activity; before the crash answers every other task at once and holds the rest for after
    the restart; after the restart answers everything."""
    while not state.finished.is_set():
        if state.crashed.is_set() and not state.restarted.is_set():
            with state.lock:
                state.parked.add(worker)
            time.sleep(0.02)
            continue
        try:
            task = client.call("GetActivityTask", {"activityArn": activity_arn, "workerName": f"crash-worker-{worker}"})
        except ConnectionLost:
            if not state.finished.is_set():
                with state.lock:
                    state.lost_polls += 1
            time.sleep(0.05)
            continue
        except AwsError as e:
            log(f"GetActivityTask failed: {e}")
            time.sleep(0.2)
            continue
        if "taskToken" not in task:
            continue
        payload = json.loads(task["input"])
        plan = by_index[payload["i"]]
        t = Token(task["taskToken"], plan["name"], "activity", "GetActivityTask", activity_answer(payload["i"]))
        t.before_crash = not state.crashed.is_set()
        with state.lock:
            state.received_activity_tasks += 1
            abandon = t.before_crash and payload["i"] % 4 == 3 and state.abandoned < ABANDONED_TASKS
            if abandon:
                state.abandoned += 1
        if abandon:
            continue  # never answered: its heartbeat must time it out, and the Retry run it again
        if not state.add(t):
            continue
        if t.before_crash and payload["i"] % 2 == 1:
            with state.lock:
                state.held.append(t)
            continue
        with state.lock:
            state.answering.add(t.execution)
        result = send_success(client, t)
        if t.before_crash:
            t.pre_crash_result = pre_crash_label(result)
            if result == "lost":
                with state.lock:
                    state.held.append(t)  # answered again after the restart
        else:
            t.post_crash_result = result
        with state.lock:
            state.answering.discard(t.execution)


def pre_crash_label(result: str) -> str:
    """What an answer sent before the crash is known to have done."""
    if result == "ok":
        return "acknowledged"
    if result == "lost":
        return "unknown"
    return result


def check_history(name: str, events: list[dict]) -> list[str]:
    """The history invariants; returns what is wrong."""
    problems = []
    ids = [e["id"] for e in events]
    if ids != list(range(1, len(events) + 1)):
        problems.append(f"{name}: event ids are not 1..{len(events)}: {ids[:5]}...{ids[-5:]}")
    if len(set(ids)) != len(ids):
        problems.append(f"{name}: duplicate event ids")
    for e in events:
        if not (0 <= e["previousEventId"] < e["id"]):
            problems.append(f"{name}: event {e['id']} has previousEventId {e['previousEventId']}")
    types = [e["type"] for e in events]
    if types.count("ExecutionStarted") != 1 or types[0] != "ExecutionStarted":
        problems.append(f"{name}: {types.count('ExecutionStarted')} ExecutionStarted events")
    if types.count("ExecutionSucceeded") != 1 or types[-1] != "ExecutionSucceeded":
        problems.append(f"{name}: {types.count('ExecutionSucceeded')} ExecutionSucceeded events, last is {types[-1]}")
    # Each state of these machines is entered once: a doubled transition shows here.
    entered: dict[str, int] = {}
    exited: dict[str, int] = {}
    for e in events:
        if e["type"].endswith("StateEntered"):
            n = e["stateEnteredEventDetails"]["name"]
            entered[n] = entered.get(n, 0) + 1
        elif e["type"].endswith("StateExited"):
            n = e["stateExitedEventDetails"]["name"]
            exited[n] = exited.get(n, 0) + 1
    for n in set(entered) | set(exited):
        if entered.get(n) != 1 or exited.get(n) != 1:
            problems.append(f"{name}: state {n} entered {entered.get(n, 0)}x, exited {exited.get(n, 0)}x")
    # Every scheduled task closes exactly once, nothing closes a task that is not open, and a task is
    # started (submitted) at most once: a task dispatched again after the restart must not show twice.
    open_tasks = 0
    progress: set[str] = set()
    for e in events:
        t = e["type"]
        if t in ("TaskScheduled", "ActivityScheduled"):
            if open_tasks:
                problems.append(f"{name}: event {e['id']} schedules a task while one is open")
            open_tasks += 1
            progress = set()
        elif t in ("TaskStarted", "TaskSubmitted", "ActivityStarted"):
            if open_tasks != 1 or t in progress:
                problems.append(f"{name}: event {e['id']} ({t}) for a task that is not open or already had one")
            progress.add(t)
        elif t in ("TaskSucceeded", "TaskFailed", "TaskTimedOut", "ActivitySucceeded", "ActivityFailed", "ActivityTimedOut"):
            if open_tasks != 1:
                problems.append(f"{name}: event {e['id']} ({t}) closes a task when {open_tasks} are open")
            open_tasks = max(0, open_tasks - 1)
    return problems


def timestamp_regressions(events: list[dict]) -> int:
    return sum(1 for a, b in zip(events, events[1:]) if b["timestamp"] < a["timestamp"])


def closed_with(events: list[dict], token: Token) -> str | None:
    """How the task a token names closed, judged by its execution's history (these machines have one
    callback task and one activity state each): "succeeded:<output>" or "timedOut", or None if open."""
    if token.kind == "callback":
        scheduled = [e for e in events if e["type"] == "TaskScheduled" and token_of_scheduled(e) == token.token]
        if not scheduled:
            return None
        after = [e for e in events if e["id"] > scheduled[0]["id"]]
        for e in after:
            if e["type"] == "TaskSucceeded":
                return "succeeded:" + json.dumps(json.loads(e["taskSucceededEventDetails"]["output"]), sort_keys=True)
            if e["type"] in ("TaskTimedOut", "TaskFailed"):
                return "timedOut"
        return None
    # Activity: the last attempt's closing event.
    for e in reversed(events):
        if e["type"] == "ActivitySucceeded":
            return "succeeded:" + json.dumps(json.loads(e["activitySucceededEventDetails"]["output"]), sort_keys=True)
        if e["type"] in ("ActivityTimedOut", "ActivityFailed"):
            return "timedOut"
    return None


def run() -> dict:
    bin_path = binary()
    if not (bin_path.is_file() and os.access(bin_path, os.X_OK)):
        raise RuntimeError(f"no cortado binary at {bin_path}: build one (swift build --product cortado) or set CORTADO_BIN")
    work = Path(tempfile.mkdtemp(prefix="cortado-crash-"))
    data = work / "data"
    port = free_port()
    server = Server(bin_path, data, port, work)
    client = Client(port)
    state = State()
    figures: dict = {"executions": EXECUTIONS}
    failures: list[str] = []
    pool = ThreadPoolExecutor(CLIENT_THREADS)
    workers: list[threading.Thread] = []
    ok = False
    try:
        t = server.start()
        log(f"server {bin_path} on port {port}, data {data}, --time-scale {TIME_SCALE}: up in {t:.2f} s")
        key_before = (data / "token.key").read_bytes()

        # -- state machines and the activity
        activity_arn = client.call("CreateActivity", {"name": "crash-work"})["activityArn"]
        machine_arns: dict[str, str] = {}
        for kind, definition in definitions(activity_arn).items():
            machine_arns[kind] = client.call(
                "CreateStateMachine",
                {"name": f"crash-{kind.replace('_', '-')}", "definition": json.dumps(definition), "roleArn": ROLE_ARN},
            )["stateMachineArn"]
        arn_of = lambda p: f"{ARN_PREFIX}execution:crash-{p['kind'].replace('_', '-')}:{p['name']}"  # noqa: E731
        plan = plan_executions(EXECUTIONS)
        by_name = {p["name"]: p for p in plan}
        by_index = {p["i"]: p for p in plan}
        for p in plan:
            p["arn"] = arn_of(p)

        for w in range(ACTIVITY_WORKERS):
            th = threading.Thread(target=activity_worker, args=(client, state, activity_arn, by_index, w), daemon=True)
            th.start()
            workers.append(th)

        # -- start every execution
        def start(p: dict) -> None:
            answer = client.read(
                "StartExecution",
                {"stateMachineArn": machine_arns[p["kind"]], "name": p["name"], "input": json.dumps(p["input"])},
            )
            assert answer["executionArn"] == p["arn"], answer

        began = time.monotonic()
        list(pool.map(start, [p for p in plan if not p["burst"]]))
        took = time.monotonic() - began
        figures["start_seconds"] = took
        started = sum(1 for p in plan if not p["burst"])
        log(f"started {started} executions in {took:.2f} s ({started / took:.0f}/s); {BURST_STARTS} more start as the server dies")

        # -- collect the callback tokens (they are in TaskScheduled's parameters)
        def collect_callback_token(p: dict) -> Token | None:
            # Open or already timed out: a callback_timeout task may close before its token is read.
            scheduled = [e for e in client.history(p["arn"]) if e["type"] == "TaskScheduled"]
            token = token_of_scheduled(scheduled[-1]) if scheduled else None
            if token is None:
                return None
            t = Token(token, p["name"], "callback", "history", callback_answer(p["i"]))
            t.before_crash = True
            return t if state.add(t) else None

        callbacks = [p for p in plan if p["kind"] in ("callback", "callback_timeout")]
        collected = [t for t in pool.map(collect_callback_token, callbacks) if t]
        assert len(collected) == len(callbacks), f"found {len(collected)} callback tokens for {len(callbacks)} executions"

        # -- answer a third of the plain callbacks while the crash comes (some answers are in flight when
        # the server dies), keep the rest for after the restart
        to_answer = [t for t in collected if by_name[t.execution]["kind"] == "callback" and by_name[t.execution]["i"] % 3 == 0]
        burst_answers = [t for t in collected if by_name[t.execution]["kind"] == "callback" and by_name[t.execution]["i"] % 3 == 1]
        burst_answers = burst_answers[:BURST_ANSWERS]
        answer_queue: queue.Queue[Token] = queue.Queue()
        for t in to_answer:
            answer_queue.put(t)
        pace = 10 / max(1, len(to_answer))  # spread over ~5 s on 2 threads

        def answer_until_crash() -> None:
            while not state.crashed.is_set():
                try:
                    t = answer_queue.get_nowait()
                except queue.Empty:
                    return
                t.pre_crash_result = pre_crash_label(send_success(client, t))
                time.sleep(pace)

        answerers = [threading.Thread(target=answer_until_crash, daemon=True) for _ in range(2)]
        for th in answerers:
            th.start()

        time.sleep(0.5)
        # -- mixed executions past their first Wait wait on a callback: collect those tokens too
        sample_rng = random.Random(3)
        sample = set(p["name"] for p in plan if p["kind"] in ("callback", "callback_timeout", "mixed"))
        for kind in ("wait", "wait_chain", "activity"):
            candidates = [p["name"] for p in plan if p["kind"] == kind and not p["burst"]]
            sample |= set(sample_rng.sample(candidates, min(40, len(candidates))))
        before: dict[str, list[dict]] = {}

        def fetch_sample(name: str) -> None:
            events = client.history(by_name[name]["arn"])
            before[name] = events
            if by_name[name]["kind"] == "mixed":
                token = open_callback_token(events)
                if token:
                    t = Token(token, name, "callback", "history", callback_answer(by_name[name]["i"]))
                    t.before_crash = True
                    state.add(t)

        list(pool.map(fetch_sample, sorted(sample)))
        figures["sampled_histories"] = len(before)
        figures["sampled_events"] = sum(len(v) for v in before.values())

        # -- the crash
        statuses = client.executions(list(machine_arns.values()))
        done = sum(1 for e in statuses if e["status"] == "SUCCEEDED")
        figures["succeeded_before_crash"] = done
        # The kill meets a burst of starts and callback answers: some are applied and answered, some
        # applied with the answer lost, some never arrive.
        burst: queue.Queue = queue.Queue()
        items = [("start", p) for p in plan if p["burst"]] + [("answer", t) for t in burst_answers]
        random.Random(13).shuffle(items)
        for item in items:
            burst.put(item)
        start_results: dict[str, str] = {}
        burst_done: list[int] = []

        def burst_sender() -> None:
            while True:
                try:
                    what, item = burst.get_nowait()
                except queue.Empty:
                    return
                if what == "answer":
                    item.pre_crash_result = pre_crash_label(send_success(client, item))
                    burst_done.append(1)
                    continue
                try:
                    client.call(
                        "StartExecution",
                        {"stateMachineArn": machine_arns["wait"], "name": item["name"], "input": json.dumps(item["input"])},
                    )
                    start_results[item["name"]] = "ok"
                except ConnectionLost:
                    start_results[item["name"]] = "lost"
                except AwsError as e:
                    start_results[item["name"]] = e.type
                burst_done.append(1)

        senders = [threading.Thread(target=burst_sender, daemon=True) for _ in range(8)]
        for th in senders:
            th.start()
        # Kill once a third has been answered: the next requests are in the server, in every stage.
        kill_by = time.monotonic() + 5
        while len(burst_done) < len(items) // 3 and time.monotonic() < kill_by:
            time.sleep(0.001)
        state.crashed.set()
        server.kill9()
        client.generation += 1
        for th in senders:
            th.join(timeout=10)
        figures["starts_in_flight_at_crash"] = sum(1 for v in start_results.values() if v != "ok")
        with state.lock:
            tokens_before = [t for t in state.tokens.values() if t.before_crash]
        figures["tokens_before_crash"] = len(tokens_before)
        figures["answers_acknowledged_before_crash"] = sum(1 for t in tokens_before if t.pre_crash_result == "acknowledged")
        figures["answers_in_flight_at_crash"] = sum(1 for t in tokens_before if t.pre_crash_result == "unknown")
        log(
            f"kill -9 with {done} of {len(plan)} executions succeeded; {len(tokens_before)} tokens held "
            f"({figures['answers_acknowledged_before_crash']} answered, {figures['answers_in_flight_at_crash']} answers in flight)"
        )
        if not (0 < done < len(plan) // 2):
            failures.append(f"the crash came at the wrong moment: {done} of {len(plan)} executions had succeeded")
        for th in answerers:
            th.join(timeout=10)
        # Every worker has seen its request fail, so every task taken before the crash is accounted for.
        parked_by = time.monotonic() + 10
        while len(state.parked) < ACTIVITY_WORKERS and time.monotonic() < parked_by:
            time.sleep(0.01)

        # -- restart on the same data directory
        restart = server.start()
        figures["restart_seconds"] = restart
        drain_began = time.monotonic()
        state.restarted.set()
        log(f"restarted: /health answered {restart:.2f} s after the process started")
        key_after = (data / "token.key").read_bytes()
        if key_after != key_before:
            failures.append("the token key in the data directory changed across the restart")

        # -- starts whose answer the crash took: sent again, they name the same execution (AWS's
        # idempotency for the same name and input) whether or not the first one was applied
        for name, result in sorted(start_results.items()):
            if result == "ok":
                continue
            p = by_name[name]
            try:
                client.read("DescribeExecution", {"executionArn": p["arn"]})
                figures["starts_applied_unanswered"] = figures.get("starts_applied_unanswered", 0) + 1
            except AwsError:
                pass
            try:
                answer = client.read(
                    "StartExecution",
                    {"stateMachineArn": machine_arns["wait"], "name": name, "input": json.dumps(p["input"])},
                )
                if answer["executionArn"] != p["arn"]:
                    failures.append(f"{name}: StartExecution again after the restart answered {answer}")
            except AwsError as e:
                failures.append(f"{name}: StartExecution again after the restart failed: {e}")

        # -- answer every token held from before the crash (not yet acknowledged)
        with state.lock:
            held = [t for t in state.tokens.values() if t.before_crash and t.pre_crash_result != "acknowledged"]
            held_activity = list(state.held)
        outstanding = {t.token: t for t in held + held_activity if t.post_crash_result is None}

        def answer_after(t: Token) -> None:
            result = send_success(client, t)
            if result == "lost":
                result = send_success(client, t)
            t.post_crash_result = result

        list(pool.map(answer_after, outstanding.values()))
        figures["pre_crash_tokens_answered_after_restart"] = len(outstanding)
        # Tokens whose answer was acknowledged before the crash: their tasks are closed, so answering
        # again must say TaskTimedOut (the key still opens them), not InvalidToken.
        acknowledged = [t for t in tokens_before if t.pre_crash_result == "acknowledged"]
        resent = random.Random(5).sample(acknowledged, min(25, len(acknowledged)))
        for t in resent:
            result = send_success(client, t)
            if result != "TaskTimedOut":
                failures.append(f"re-answering {t.execution}'s acknowledged token after the restart gave {result}, expected TaskTimedOut")

        # -- drain: new callback tokens (mixed executions reaching their callback), lost activity tasks
        all_arns = list(machine_arns.values())
        suspects: dict[str, int] = {}  # execution → event count when it first looked lost
        lost_activity_tasks = 0
        new_tokens = 0
        while True:
            running = client.executions(all_arns, "RUNNING")
            if not running:
                break
            if time.monotonic() - drain_began > DRAIN_LIMIT:
                failures.append(f"{len(running)} executions still running {DRAIN_LIMIT:.0f} s after the restart: "
                                + ", ".join(e["name"] for e in running[:10]))
                break

            def scan(p: dict) -> str | None:
                with state.lock:
                    busy = p["name"] in state.answering
                events = client.history(p["arn"])
                token = open_callback_token(events)
                if token and token not in state.tokens:
                    t = Token(token, p["name"], "callback", "history", callback_answer(p["i"]))
                    if state.add(t):
                        t.post_crash_result = send_success(client, t)
                        return "new token"
                    return None
                if events[-1]["type"] == "ActivityStarted" and not busy:
                    # Started, but no worker holds its token: the GetActivityTask answer died with the
                    # server. Its heartbeat timer would retry it; fire that timer now.
                    with state.lock:
                        seen = suspects.get(p["name"])
                        suspects[p["name"]] = len(events)
                    if seen == len(events):
                        answer = client.read("FastForwardExecution", {"executionArn": p["arn"]})
                        with state.lock:
                            suspects.pop(p["name"], None)
                        return "lost" if answer.get("timerFired") else None
                    return None
                with state.lock:
                    suspects.pop(p["name"], None)
                return None

            candidates = [by_name[e["name"]] for e in running if by_name[e["name"]]["kind"] in ("mixed", "activity")]
            for outcome in pool.map(scan, candidates):
                new_tokens += outcome == "new token"
                lost_activity_tasks += outcome == "lost"
            time.sleep(0.5)
        drain = time.monotonic() - drain_began
        figures["drain_seconds"] = drain
        figures["new_tokens_after_restart"] = new_tokens
        figures["lost_activity_answers"] = lost_activity_tasks
        log(f"drained in {drain:.2f} s after the restart")
        state.finished.set()

        # -- every execution succeeded with the expected output and a sound history
        final = client.executions(all_arns)
        by_status: dict[str, int] = {}
        for e in final:
            by_status[e["status"]] = by_status.get(e["status"], 0) + 1
        figures["statuses"] = by_status
        if len(final) != len(plan) or by_status.get("SUCCEEDED", 0) != len(plan):
            failures.append(f"expected {len(plan)} SUCCEEDED executions, found {by_status} ({len(final)} in all)")

        histories: dict[str, list[dict]] = {}

        def fetch(p: dict) -> None:
            try:
                histories[p["name"]] = client.history(p["arn"])
            except AwsError as e:
                failures.append(f"{p['name']}: no history after the restart: {e}")
                histories[p["name"]] = []

        list(pool.map(fetch, plan))
        figures["events"] = sum(len(v) for v in histories.values())
        regressions = regressed = 0
        example = None
        for p in plan:
            events = histories[p["name"]]
            if not events:
                continue
            failures += check_history(p["name"], events)
            n = timestamp_regressions(events)
            regressions += n
            regressed += n > 0
            if n and example is None:
                a, b = next((a, b) for a, b in zip(events, events[1:]) if b["timestamp"] < a["timestamp"])
                example = f"{p['name']}: #{a['id']} {a['type']} at {a['timestamp']}, #{b['id']} {b['type']} at {b['timestamp']}"
            if events and events[-1]["type"] == "ExecutionSucceeded":
                output = json.loads(events[-1]["executionSucceededEventDetails"]["output"])
                timed_out = any(e["type"] == "TaskTimedOut" for e in events)
                expected = expected_output(p["kind"], p["i"], timed_out)
                if output != expected:
                    failures.append(f"{p['name']}: output {output}, expected {expected}")
            # Everything recorded before the crash is still there, unchanged.
            if p["name"] in before:
                old = before[p["name"]]
                if events[: len(old)] != old:
                    diff = next((i for i, (a, b) in enumerate(zip(old, events)) if a != b), min(len(old), len(events)))
                    failures.append(
                        f"{p['name']}: the {len(old)} events fetched before the crash changed after the restart "
                        f"(first difference at index {diff}: {old[diff] if diff < len(old) else None} vs "
                        f"{events[diff] if diff < len(events) else None})"
                    )
        figures["timestamp_regressions"] = regressions
        figures["timestamp_regressed_executions"] = regressed
        if example:
            # The scaled clock resumes after the killed run's mark, so time never goes backwards.
            failures.append(f"{regressed} executions have events stamped before their predecessor, e.g. {example}")

        # -- every token held before the crash still worked, or its task had legitimately closed
        ok_after = timed_out_after = legit_timeouts = 0
        post_restart_activity = [t for t in state.tokens.values() if not t.before_crash and t.kind == "activity"]
        for t in post_restart_activity:
            if t.post_crash_result not in ("ok", None):
                failures.append(f"{t.execution}: an activity task taken after the restart could not be answered: {t.post_crash_result}")
        new_callback = [t for t in state.tokens.values() if not t.before_crash and t.kind == "callback"]
        for t in new_callback:
            if t.post_crash_result != "ok":
                failures.append(f"{t.execution}: a callback token found after the restart could not be answered: {t.post_crash_result}")
        for t in tokens_before:
            if t.pre_crash_result not in (None, "acknowledged", "unknown"):
                failures.append(f"{t.execution}: answering a {t.kind} token before the crash gave {t.pre_crash_result}")
        for t in outstanding.values():
            events = histories[t.execution]
            closed = closed_with(events, t)
            ours = "succeeded:" + json.dumps(t.answer, sort_keys=True)
            if t.post_crash_result == "ok":
                ok_after += 1
                if closed != ours:
                    failures.append(f"{t.execution}: SendTaskSuccess after the restart succeeded but the task closed as {closed}")
            elif t.post_crash_result == "TaskTimedOut":
                timed_out_after += 1
                legit = (t.pre_crash_result == "unknown" and closed == ours) or (
                    by_name[t.execution]["kind"] == "callback_timeout" and closed == "timedOut"
                )
                if legit:
                    legit_timeouts += 1
                    if t.pre_crash_result == "unknown":
                        figures["answers_applied_unanswered"] = figures.get("answers_applied_unanswered", 0) + 1
                else:
                    failures.append(
                        f"{t.execution}: a {t.kind} token from before the crash gave TaskTimedOut after the restart "
                        f"(answered before: {t.pre_crash_result}; the task closed as {closed})"
                    )
            else:
                failures.append(f"{t.execution}: a {t.kind} token from before the crash gave {t.post_crash_result} after the restart")
        figures["pre_crash_tokens_ok"] = ok_after
        figures["pre_crash_tokens_timed_out_legitimately"] = legit_timeouts
        with state.lock:
            figures["lost_activity_polls"] = state.lost_polls
            figures["abandoned_activity_tasks"] = state.abandoned
        if lost_activity_tasks < state.abandoned:
            failures.append(f"{state.abandoned} activity tasks were abandoned but only {lost_activity_tasks} found timed out and retried")
        ok = not failures
    finally:
        state.finished.set()
        pool.shutdown(wait=False, cancel_futures=True)
        # Workers may sit in a 60 s long poll: the server's end releases them.
        server.stop()
        if server.process is not None and server.process.poll() is None:
            server.process.kill()
        if ok:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"kept the data directory and server logs in {work}")
            log("last lines of the server log:\n" + server.log_tail())

    report(figures)
    if failures:
        shown = "\n  ".join(failures[:40])
        more = f"\n  ... and {len(failures) - 40} more" if len(failures) > 40 else ""
        raise AssertionError(f"{len(failures)} problems after kill -9 and restart:\n  {shown}{more}")
    return figures


def report(f: dict) -> None:
    rows = [
        ("executions", f.get("executions")),
        ("history events (after the drain)", f.get("events")),
        ("starting them (s)", fmt(f.get("start_seconds"))),
        ("succeeded before the kill", f.get("succeeded_before_crash")),
        ("histories / events fetched before the kill", f"{f.get('sampled_histories')} / {f.get('sampled_events')}"),
        ("starts cut by the kill (sent again after the restart)", f.get("starts_in_flight_at_crash")),
        ("  of which the server had applied", f.get("starts_applied_unanswered", 0)),
        ("tokens obtained before the kill", f.get("tokens_before_crash")),
        ("  answered (acknowledged) before the kill", f.get("answers_acknowledged_before_crash")),
        ("  answers cut by the kill (outcome unknown)", f.get("answers_in_flight_at_crash")),
        ("    of which the server had applied", f.get("answers_applied_unanswered", 0)),
        ("  answered after the restart", f.get("pre_crash_tokens_answered_after_restart")),
        ("    accepted", f.get("pre_crash_tokens_ok")),
        ("    TaskTimedOut (task closed before)", f.get("pre_crash_tokens_timed_out_legitimately")),
        ("new callback tokens after the restart", f.get("new_tokens_after_restart")),
        ("GetActivityTask polls cut by the kill", f.get("lost_activity_polls")),
        ("activity tasks a worker dropped before the kill", f.get("abandoned_activity_tasks")),
        ("started activity tasks nobody held (heartbeat fast-forwarded)", f.get("lost_activity_answers")),
        ("time to restart: process start → /health (s)", fmt(f.get("restart_seconds"))),
        ("time to drain: /health → all succeeded (s)", fmt(f.get("drain_seconds"))),
        ("statuses", f.get("statuses")),
        ("events stamped earlier than the event before them", f.get("timestamp_regressions")),
        ("  executions with such events", f.get("timestamp_regressed_executions")),
    ]
    width = max(len(r[0]) for r in rows)
    print("\n".join(f"  {name.ljust(width)}  {value}" for name, value in rows), flush=True)


def fmt(x) -> str:
    return "-" if x is None else f"{x:.2f}"


def test_kill9_mid_run_loses_nothing(capsys):
    """pytest entry point: the figures are printed even when pytest captures output."""
    with capsys.disabled():
        print()
        run()


if __name__ == "__main__":
    try:
        run()
    except AssertionError as e:
        print(f"FAILED: {e}", file=sys.stderr)
        sys.exit(1)
    print("OK")
