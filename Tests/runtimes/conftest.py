"""A fake Lambda Runtime API and a harness that runs a bootstrap against it.

Run from the repository root:
    python3 -m pytest -q Tests/runtimes
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
RUNTIMES = REPO_ROOT / "Sources/CortadoEngine/Functions/Runtimes"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
API = "/2018-06-01/runtime"
FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:my-function"
WAIT = 10.0  # seconds; only ever reached when something is broken


@dataclass
class Post:
    """One POST the bootstrap made."""

    path: str
    headers: dict[str, str]  # names lower-cased
    body: bytes
    connection: tuple

    def json(self):
        return json.loads(self.body)


@dataclass
class Invocation:
    request_id: str
    body: bytes
    headers: dict[str, str]


class FakeRuntimeAPI:
    """Serves GET next from a queue of invocations and records every POST, with the connection it came on."""

    def __init__(self):
        self.invocations: queue.Queue[Invocation] = queue.Queue()
        self.posts: queue.Queue[Post] = queue.Queue()
        self.connections: list[tuple] = []  # client address of each request, in order
        self.closed = threading.Event()
        # Server behaviours a client must cope with: a chunked event body, a connection closed after a POST.
        self.chunked_events = False
        self.close_after_post = False
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self):
                super().setup()
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def log_message(self, *args):
                pass

            def _answer(self, status: str, headers: dict[str, str], body: bytes, chunked=False):
                head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
                if chunked:
                    middle = len(body) // 2
                    head += "Transfer-Encoding: chunked\r\n"
                    body = b"".join(b"%X\r\n%s\r\n" % (len(part), part) for part in (body[:middle], body[middle:]))
                    body += b"0\r\n\r\n"
                else:
                    head += f"Content-Length: {len(body)}\r\n"
                # One write: head and body in one segment, as a real server would send them.
                self.wfile.write(f"HTTP/1.1 {status}\r\n{head}\r\n".encode("utf-8") + body)

            def do_GET(self):
                api.connections.append(self.client_address)
                if self.path != f"{API}/invocation/next":
                    self._answer("404 Not Found", {}, b"")
                    return
                while not api.closed.is_set():
                    try:
                        invocation = api.invocations.get(timeout=0.1)
                    except queue.Empty:
                        continue
                    headers = {"Lambda-Runtime-Aws-Request-Id": invocation.request_id, **invocation.headers}
                    self._answer("200 OK", headers, invocation.body, chunked=api.chunked_events)
                    return
                self.close_connection = True

            def do_POST(self):
                api.connections.append(self.client_address)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                headers = {k.lower(): v for k, v in self.headers.items()}
                answer = {"Content-Type": "application/json"}
                if api.close_after_post:
                    answer["Connection"] = "close"
                    self.close_connection = True
                # Answer before recording, so that a test reading the post finds the bootstrap free again.
                self._answer("202 Accepted", answer, b'{"status":"OK"}')
                api.posts.put(Post(self.path, headers, body, self.client_address))

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        # serve_forever checks for shutdown() between polls; its default 0.5 s would be each test's teardown.
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.01,), daemon=True)
        self.thread.start()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.server.server_address[1]}"

    def enqueue(self, event, *, request_id=None, deadline_ms=None, client_context=None, identity=None,
                trace_id="Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1") -> str:
        request_id = request_id or str(uuid.uuid4())
        body = event if isinstance(event, bytes) else json.dumps(event).encode()
        headers = {
            "Lambda-Runtime-Deadline-Ms": str(deadline_ms or int(time.time() * 1000) + 30_000),
            "Lambda-Runtime-Invoked-Function-Arn": FUNCTION_ARN,
            "Lambda-Runtime-Trace-Id": trace_id,
            "Content-Type": "application/json",
        }
        if client_context is not None:
            headers["Lambda-Runtime-Client-Context"] = json.dumps(client_context)
        if identity is not None:
            headers["Lambda-Runtime-Cognito-Identity"] = json.dumps(identity)
        self.invocations.put(Invocation(request_id, body, headers))
        return request_id

    def next_post(self, timeout=WAIT) -> Post:
        try:
            return self.posts.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"the bootstrap posted nothing within {timeout} s") from None

    def close(self):
        self.closed.set()
        self.server.shutdown()
        self.server.server_close()


class Bootstrap:
    """A bootstrap process for one function, its stdout collected line by line."""

    def __init__(self, api: FakeRuntimeAPI, command: list[str], task_root: Path, handler: str, env: dict):
        self.api = api
        self.task_root = task_root
        self.lines: list[str] = []
        self.stderr = b""
        self._changed = threading.Condition()
        environment = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "AWS_LAMBDA_RUNTIME_API": api.address,
            "_HANDLER": handler,
            "LAMBDA_TASK_ROOT": str(task_root),
            "AWS_LAMBDA_FUNCTION_NAME": "my-function",
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "128",
            "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/my-function",
            "AWS_LAMBDA_LOG_STREAM_NAME": "2024/01/01/[$LATEST]0123456789abcdef",
            "AWS_REGION": "us-east-1",
            "PYTHONDONTWRITEBYTECODE": "1",
            **env,
        }
        self.process = subprocess.Popen(
            command, cwd=task_root, env=environment, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        self._readers = [
            threading.Thread(target=self._read_stdout, daemon=True),
            threading.Thread(target=self._read_stderr, daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def _read_stdout(self):
        for raw in self.process.stdout:
            with self._changed:
                self.lines.append(raw.decode("utf-8").rstrip("\n"))
                self._changed.notify_all()

    def _read_stderr(self):
        self.stderr = self.process.stderr.read()

    def invoke(self, event, **headers) -> tuple[str, Post]:
        request_id = self.api.enqueue(event, **headers)
        return request_id, self.api.next_post()

    def wait_for_line(self, predicate, timeout=WAIT) -> str:
        """The first stdout line matching predicate, waiting for it with a deadline."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for line in self.lines:
                    if predicate(line):
                        return line
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no such line within {timeout} s; stdout so far: {self.lines!r}")
                self._changed.wait(left)

    def wait_exit(self, timeout=WAIT) -> int:
        """The exit status, once the process has ended and all it wrote has been read."""
        status = self.process.wait(timeout=timeout)
        for reader in self._readers:
            reader.join(timeout)
        return status

    def kill_and_collect(self) -> list[str]:
        """Kills the process now and returns every line it wrote: what was in the pipe when it died."""
        self.process.kill()
        self.wait_exit()
        return list(self.lines)

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=WAIT)


@pytest.fixture
def api():
    server = FakeRuntimeAPI()
    yield server
    server.close()


@pytest.fixture
def start(api, tmp_path):
    """start(runtime, fixture, handler, **env): copies a fixture to a fresh task root and starts a bootstrap."""
    started: list[Bootstrap] = []

    def start(runtime: str, fixture: str | None, handler: str, **env) -> Bootstrap:
        task_root = tmp_path / "task"
        if fixture is None:
            task_root.mkdir()
        else:
            shutil.copytree(FIXTURES / runtime / fixture, task_root)
        if runtime == "node":
            node = shutil.which("node")
            if node is None:
                pytest.skip("node is not on the PATH: the Node.js bootstrap cannot be tested here")
            command = [node, str(RUNTIMES / "node/bootstrap.mjs")]
        else:
            command = [sys.executable, str(RUNTIMES / "python/bootstrap.py")]
        bootstrap = Bootstrap(api, command, task_root, handler, env)
        started.append(bootstrap)
        return bootstrap

    yield start
    for bootstrap in started:
        bootstrap.stop()
