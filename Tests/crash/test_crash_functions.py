#!/usr/bin/env python3
"""kill -9 during a burst of asynchronous invocations: every `Invoke --invocation-type Event` the server
acknowledged (202) runs after the restart, at least once, as Lambda promises. The function appends the
payload's `n` to a file (its path comes in an environment variable), so the file is the record of what
ran. Duplicates are reported, not failed on: Lambda's asynchronous invocation is at-least-once.

Needs boto3 (the compat suite's requirements), unlike the other crash tests:

    CORTADO_BIN=.build/debug/cortado python3 -m pytest -q -s Tests/crash/test_crash_functions.py
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from test_crash import REGION, Server, binary, free_port

INVOCATIONS = 300
SENDERS = 8
# Killed once this many invocations are acknowledged: the function is slow enough (WORK_SECONDS, at most
# 16 at once) that many of them are still queued then.
KILL_AFTER = 120
WORK_SECONDS = 0.5
DRAIN_LIMIT = 90.0

FUNCTION = "crash-appender"
FUNCTION_CODE = f"""\
import json
import os
import time


def handler(event, context):
    time.sleep({WORK_SECONDS})
    with open(os.environ["CRASH_OUT"], "a") as out:
        out.write(json.dumps(event["n"]) + "\\n")
        out.flush()
        os.fsync(out.fileno())
    return {{"n": event["n"]}}
"""


class FunctionServer(Server):
    """The crash tests' server at real time: a scaled clock restarts behind itself (README), which would
    move the queue's retry timers about; nothing here needs time to pass faster."""

    def start(self) -> float:
        self.starts += 1
        self.log_path = self.logs / f"server-{self.starts}.log"
        argv = [str(self.bin), "serve", "--host", "127.0.0.1", "--port", str(self.port), "--data", str(self.data),
                "--log-level", "warning"]
        with open(self.log_path, "wb") as log_file:
            began = time.monotonic()
            self.process = subprocess.Popen(argv, stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        while time.monotonic() < began + 60:
            if self.process.poll() is not None:
                raise RuntimeError(f"cortado serve exited with {self.process.returncode}:\n{self.log_tail()}")
            if self.healthy():
                return time.monotonic() - began
            time.sleep(0.005)
        raise RuntimeError(f"cortado serve did not answer /health within 60 s:\n{self.log_tail()}")


def lambda_client(port: int):
    import boto3
    from botocore.config import Config

    session = boto3.session.Session(aws_access_key_id="crash", aws_secret_access_key="crash", region_name=REGION)
    return session.client("lambda", endpoint_url=f"http://127.0.0.1:{port}", config=Config(
        retries={"total_max_attempts": 1, "mode": "standard"}, connect_timeout=2, read_timeout=30,
        max_pool_connections=SENDERS))


def package() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", FUNCTION_CODE)
    return buffer.getvalue()


def orphans(out: Path, server_pid: int) -> list[int]:
    """Function processes (their environment names our output file) whose parent is not the running
    server: sandboxes the killed server left behind."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            environ = (proc / "environ").read_bytes().split(b"\0")
            parent = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if f"CRASH_OUT={out}".encode() in environ and parent != server_pid:
            found.append(int(proc.name))
    return found


def ran(out: Path) -> list[int]:
    if not out.exists():
        return []
    return [json.loads(line) for line in out.read_text().splitlines() if line.strip()]


def test_kill9_during_async_invokes_runs_every_acknowledged_one(capsys):
    try:
        import boto3  # noqa: F401
    except ImportError:
        pytest.skip("boto3 is not installed (python3 -m pip install -r Tests/compat/requirements.txt)")
    from botocore.exceptions import BotoCoreError, ClientError

    work = Path(tempfile.mkdtemp(prefix="cortado-crash-functions-"))
    (work / "data").mkdir()
    out = work / "ran.txt"
    server = FunctionServer(binary(), work / "data", free_port(), work)
    ok = False
    try:
        server.start()
        lam = lambda_client(server.port)
        lam.create_function(FunctionName=FUNCTION, Runtime="python3.12", Handler="handler.handler",
                            Role="arn:aws:iam::000000000000:role/cortado-crash", Code={"ZipFile": package()},
                            Environment={"Variables": {"CRASH_OUT": str(out)}})

        acknowledged: set[int] = set()
        cut: list[int] = []
        refused: list[str] = []
        lock = threading.Lock()
        pending = list(range(INVOCATIONS))
        enough = threading.Event()

        def sender() -> None:
            while True:
                with lock:
                    if not pending:
                        return
                    n = pending.pop(0)
                try:
                    answer = lam.invoke(FunctionName=FUNCTION, InvocationType="Event", Payload=json.dumps({"n": n}).encode())
                except (BotoCoreError, ConnectionError):  # the kill: no answer, outcome unknown
                    with lock:
                        cut.append(n)
                    continue
                except ClientError as e:
                    with lock:
                        refused.append(f"{n}: {e}")
                    continue
                with lock:
                    if answer["StatusCode"] == 202:
                        acknowledged.add(n)
                    else:
                        refused.append(f"{n}: status {answer['StatusCode']}")
                    if len(acknowledged) >= KILL_AFTER:
                        enough.set()

        threads = [threading.Thread(target=sender) for _ in range(SENDERS)]
        for t in threads:
            t.start()
        assert enough.wait(60), f"only {len(acknowledged)} invocations acknowledged in 60 s"
        server.kill9()
        killed_at = time.monotonic()
        for t in threads:
            t.join()
        assert not refused, f"the server refused invocations before the kill: {refused[:5]}"
        before = ran(out)
        queued_at_kill = acknowledged - set(before)

        restart = server.start()
        lam = lambda_client(server.port)
        deadline = time.monotonic() + DRAIN_LIMIT
        while time.monotonic() < deadline and not acknowledged <= set(ran(out)):
            time.sleep(0.2)
        drained = time.monotonic() - killed_at
        after = ran(out)
        missing = sorted(acknowledged - set(after))
        duplicates = {n: c for n, c in Counter(after).items() if c > 1}
        unacknowledged_ran = sorted(set(after) - acknowledged)
        left_behind = orphans(out, server.process.pid)

        # The function still works after the restart, synchronously.
        answer = lam.invoke(FunctionName=FUNCTION, Payload=b'{"n": -1}')
        assert answer["StatusCode"] == 200 and "FunctionError" not in answer, answer
        assert json.loads(answer["Payload"].read()) == {"n": -1}
        assert ran(out).count(-1) == 1

        with capsys.disabled():
            print()
            for label, value in [
                ("invocations sent", INVOCATIONS),
                ("acknowledged (202) before the kill", len(acknowledged)),
                ("cut by the kill or sent to a dead server", len(cut)),
                ("ran before the kill", len(set(before))),
                ("acknowledged but not yet run at the kill", len(queued_at_kill)),
                ("time to restart: process start → /health (s)", f"{restart:.2f}"),
                ("kill → every acknowledged one ran (s)", f"{drained:.2f}"),
                ("acknowledged ones missing", len(missing)),
                ("ran more than once (at-least-once)", f"{len(duplicates)} {sorted(duplicates)[:10]}"),
                ("unacknowledged ones that ran (cut in flight)", len(unacknowledged_ran)),
                ("function processes the killed server left running", f"{len(left_behind)} {left_behind[:10]}"),
            ]:
                print(f"  {label:<55}{value}")
        assert queued_at_kill, ("every acknowledged invocation had already run when the server was killed: "
                                "the test did not exercise the queue's durability")
        assert not missing, f"{len(missing)} acknowledged invocations never ran after the restart: {missing[:20]}"
        ok = True
    finally:
        server.stop()
        if server.process is not None and server.process.poll() is None:
            server.process.kill()
        if ok:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept the data directory, the output file and the server logs in {work}")
            print("last lines of the server log:\n" + server.log_tail())
