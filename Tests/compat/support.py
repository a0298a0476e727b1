"""Helpers shared by the compatibility tests: the server process, the AWS CLI runner, raw HTTP calls
and small waiting/history utilities. Fixtures live in conftest.py; this module has no pytest state."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from pathlib import Path
from typing import Any, Callable, Iterable

REPO_ROOT = Path(__file__).resolve().parents[2]
REGION = "us-east-1"
ACCOUNT = "000000000000"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/cortado-compat"
ARN_PREFIX = f"arn:aws:states:{REGION}:{ACCOUNT}:"

# Dummy credentials: the server does not check signatures, but the clients refuse to sign without them.
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "compat",
    "AWS_SECRET_ACCESS_KEY": "compat-secret",
    "AWS_DEFAULT_REGION": REGION,
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dumps(value: Any) -> str:
    """A JSON document as the API carries it (definition, input, output): compact text."""
    return json.dumps(value, separators=(",", ":"))


# MARK: - The server process


class CortadoServer:
    """One `cortado serve` process on a free port with its own fresh data directory."""

    def __init__(self, binary: Path, extra_args: Iterable[str] = ()):
        self.binary = binary
        self.root = Path(tempfile.mkdtemp(prefix="cortado-compat-"))
        self.data = self.root / "data"
        self.log_path = self.root / "server.log"
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.extra_args = list(extra_args)
        self.process: subprocess.Popen | None = None
        self._log = None

    def start(self, timeout: float = 60) -> None:
        self._log = open(self.log_path, "wb")
        args = [str(self.binary), "serve", "--port", str(self.port), "--data", str(self.data), *self.extra_args]
        self.process = subprocess.Popen(args, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"cortado serve exited with {self.process.returncode} before answering /health:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.endpoint + "/health", timeout=2) as r:
                    body = json.loads(r.read())
                    if r.status == 200 and body == {"status": "ok"}:
                        return
            except (urllib.error.URLError, ConnectionError, OSError, ValueError):
                pass
            time.sleep(0.1)
        self.process.kill()
        raise RuntimeError(f"cortado serve did not answer /health within {timeout} s:\n{self.log_tail()}")

    def stop(self, timeout: float = 30) -> int:
        """SIGTERM, then wait: a graceful shutdown exits with status 0. Returns the exit status."""
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise RuntimeError(f"cortado serve did not exit within {timeout} s of SIGTERM:\n{self.log_tail()}")
        if self._log:
            self._log.close()
        return self.process.returncode

    def cleanup(self) -> None:
        if os.environ.get("CORTADO_COMPAT_KEEP"):
            print(f"kept {self.root}")
            return
        shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    # Raw HTTP, for what the SDKs cannot send (bad bodies, unknown actions, the Cortado extension).

    def raw(self, target: str | None, body: bytes | str | dict | None, *, content_type: str = "application/x-amz-json-1.0"):
        """POSTs `body` with `X-Amz-Target: target`. Returns (status, headers, parsed JSON body)."""
        if isinstance(body, dict):
            data = json.dumps(body).encode()
        elif isinstance(body, str):
            data = body.encode()
        else:
            data = body or b""
        headers = {"Content-Type": content_type}
        if target is not None:
            headers["X-Amz-Target"] = target
        request = urllib.request.Request(self.endpoint + "/", data=data, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=90) as r:
                return r.status, dict(r.headers), json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                parsed = json.loads(raw)
            except ValueError:
                parsed = raw.decode(errors="replace")
            return e.code, dict(e.headers), parsed

    def call(self, action: str, body: dict | bytes | str | None):
        return self.raw(f"AWSStepFunctions.{action}", body)

    def fast_forward(self, execution_arn: str) -> dict:
        status, _, answer = self.call("FastForwardExecution", {"executionArn": execution_arn})
        assert status == 200, f"FastForwardExecution answered {status}: {answer}"
        return answer


# MARK: - The AWS CLI


class AwsCliError(Exception):
    """The AWS CLI exited non-zero; `code` is the AWS error code it printed, if it printed one."""

    PATTERN = re.compile(r"An error occurred \(([^)]+)\) when calling the (\w+) operation(?: \(reached max retries: \d+\))?: (.*)", re.S)

    def __init__(self, argv: list[str], returncode: int, stderr: str):
        self.argv = argv
        self.returncode = returncode
        self.stderr = stderr
        m = self.PATTERN.search(stderr)
        self.code = m.group(1) if m else None
        self.operation = m.group(2) if m else None
        self.message = m.group(3).strip() if m else stderr.strip()
        super().__init__(f"aws {' '.join(argv)} exited {returncode}: {stderr.strip()}")


class AwsCli:
    """Runs `aws --endpoint-url <server> --output json stepfunctions ...` and parses its JSON."""

    def __init__(self, endpoint: str):
        self.endpoint = endpoint
        exe = shutil.which("aws")
        self.command = [exe] if exe else [sys.executable, "-m", "awscli"]
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(CREDENTIALS)
        env.update({
            # StartSyncExecution and TestState go to `sync-<host>` unless told otherwise.
            "AWS_DISABLE_HOST_PREFIX_INJECTION": "true",
            # One attempt: the suite wants to see each answer, not a retried one.
            "AWS_MAX_ATTEMPTS": "1",
            "AWS_RETRY_MODE": "standard",
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "AWS_PAGER": "",
        })
        self.env = env

    def __call__(self, *args: str, service: str = "stepfunctions", timeout: float = 120) -> Any:
        argv = ["--endpoint-url", self.endpoint, "--output", "json", service, *args]
        done = subprocess.run(self.command + argv, env=self.env, capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0:
            raise AwsCliError(argv, done.returncode, done.stderr)
        out = done.stdout.strip()
        return json.loads(out) if out else None


# MARK: - Waiting and histories


def wait_until(predicate: Callable[[], Any], *, timeout: float = 30, interval: float = 0.05, what: str = "condition") -> Any:
    """Polls until `predicate()` is truthy and returns it; fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def wait_closed(sfn, execution_arn: str, *, timeout: float = 30) -> dict:
    """Waits for an execution to leave RUNNING and returns its description."""

    def closed():
        d = sfn.describe_execution(executionArn=execution_arn)
        return d if d["status"] != "RUNNING" else None

    return wait_until(closed, timeout=timeout, what=f"{execution_arn} to close")


def full_history(sfn, execution_arn: str, **kwargs) -> list[dict]:
    events: list[dict] = []
    token = None
    while True:
        page = sfn.get_execution_history(executionArn=execution_arn, **kwargs, **({"nextToken": token} if token else {}))
        events += page["events"]
        token = page.get("nextToken")
        if not token:
            return events


def wait_for_event(sfn, execution_arn: str, event_type: str, *, count: int = 1, timeout: float = 30) -> dict:
    """Waits until the history holds `count` events of `event_type`; returns the last of them."""

    def found():
        matching = [e for e in full_history(sfn, execution_arn) if e["type"] == event_type]
        return matching[count - 1] if len(matching) >= count else None

    return wait_until(found, timeout=timeout, what=f"{count} {event_type} event(s) in {execution_arn}")


def epoch(value) -> float:
    """A timestamp as seconds: boto3 gives datetimes, the AWS CLI numbers."""
    return value.timestamp() if hasattr(value, "timestamp") else float(value)


def same_events(a: list[dict], b: list[dict]) -> bool:
    """Histories from boto3 and from the CLI hold the same events (timestamps compared as instants)."""
    norm = lambda events: [{**e, "timestamp": round(epoch(e["timestamp"]), 3)} for e in events]
    return norm(a) == norm(b)


def types(events: list[dict]) -> list[str]:
    return [e["type"] for e in events]


def assert_event_ids(events: list[dict]) -> None:
    """Event ids are 1, 2, 3, ... in order and every previousEventId points backwards."""
    assert [e["id"] for e in events] == list(range(1, len(events) + 1)), [e["id"] for e in events]
    for e in events:
        assert 0 <= e.get("previousEventId", 0) < e["id"], e
    stamps = [e["timestamp"] for e in events]
    assert stamps == sorted(stamps), "event timestamps go backwards"


def error_code(exc) -> str:
    """The AWS error code of a botocore ClientError."""
    return exc.response["Error"]["Code"]


def error_message(exc) -> str:
    return exc.response["Error"].get("Message", "")


def task_token_of(scheduled_event: dict, key: str = "TaskToken") -> str:
    """The task token a `.waitForTaskToken` state put into its parameters, as the console shows it."""
    parameters = json.loads(scheduled_event["taskScheduledEventDetails"]["parameters"])
    found = _find_key(parameters, key)
    assert found is not None, f"no {key} in TaskScheduled parameters {parameters}"
    return found


def _find_key(value: Any, key: str) -> Any:
    if isinstance(value, dict):
        if key in value:
            return value[key]
        for v in value.values():
            r = _find_key(v, key)
            if r is not None:
                return r
    elif isinstance(value, list):
        for v in value:
            r = _find_key(v, key)
            if r is not None:
                return r
    return None


# MARK: - Definitions used by several files

PASS_DEFINITION = {
    "StartAt": "Greet",
    "States": {
        "Greet": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('Hello, {}', $.name)"}, "Next": "Done"},
        "Done": {"Type": "Succeed"},
    },
}

# An execution that stays RUNNING until it is stopped (or fast-forwarded).
WAIT_DEFINITION = {
    "StartAt": "Hold",
    "States": {"Hold": {"Type": "Wait", "Seconds": 86400, "Next": "Done"}, "Done": {"Type": "Succeed"}},
}


# Runs to the end unless the input asks it to hold (then it waits a day).
HOLD_OR_FINISH = {
    "StartAt": "Hold?",
    "States": {
        "Hold?": {"Type": "Choice", "Default": "Done", "Choices": [{
            "And": [{"Variable": "$.hold", "IsPresent": True}, {"Variable": "$.hold", "BooleanEquals": True}],
            "Next": "Hold"}]},
        "Hold": {"Type": "Wait", "Seconds": 86400, "Next": "Done"},
        "Done": {"Type": "Succeed"},
    },
}


def callback_definition(heartbeat: int | None = None, timeout: int | None = None) -> dict:
    """One `events:putEvents.waitForTaskToken` state that hands its token out in the event detail."""
    state: dict = {
        "Type": "Task",
        "Resource": "arn:aws:states:::events:putEvents.waitForTaskToken",
        "Parameters": {
            "Entries": [{
                "Detail": {"TaskToken.$": "$$.Task.Token", "orderId.$": "$.orderId"},
                "DetailType": "Compat.Callback",
                "EventBusName": "compat",
                "Source": "cortado.compat",
            }]
        },
        "End": True,
    }
    if heartbeat is not None:
        state["HeartbeatSeconds"] = heartbeat
    if timeout is not None:
        state["TimeoutSeconds"] = timeout
    return {"StartAt": "WaitForCallback", "States": {"WaitForCallback": state}}


def create_machine(sfn, name: str, definition: dict | str = PASS_DEFINITION, **kwargs) -> str:
    """Creates a state machine and returns its ARN."""
    text = definition if isinstance(definition, str) else dumps(definition)
    return sfn.create_state_machine(name=name, definition=text, roleArn=ROLE_ARN, **kwargs)["stateMachineArn"]


# MARK: - Functions

FUNCTION_ARN_PREFIX = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:"


def zip_bytes(files: dict[str, str | bytes], executable: Iterable[str] = ()) -> bytes:
    """A deployment package as `zip` would make it: `files` maps a path inside the archive to its
    content; paths in `executable` get mode 0755 (a custom runtime's `bootstrap`), the rest 0644."""
    buffer = io.BytesIO()
    runnable = set(executable)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in files.items():
            info = zipfile.ZipInfo(path, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o100755 if path in runnable else 0o100644) << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def write_zip(path: Path, files: dict[str, str | bytes], executable: Iterable[str] = ()) -> Path:
    path.write_bytes(zip_bytes(files, executable))
    return path


def code_sha256(data: bytes) -> str:
    """`CodeSha256` as Lambda reports it: the base64 of the package's SHA-256."""
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


def create_function_cli(aws: AwsCli, name: str, package: Path, *extra: str, runtime: str = "nodejs20.x",
                        handler: str = "index.handler") -> dict:
    """`aws lambda create-function ... --zip-file fileb://<package>`."""
    return aws("create-function", "--function-name", name, "--runtime", runtime, "--handler", handler,
               "--role", ROLE_ARN, "--zip-file", f"fileb://{package}", *extra, service="lambda")


def invoke_cli(aws: AwsCli, name: str, out_dir: Path, payload: str | None = None, *extra: str) -> tuple[dict, str]:
    """`aws lambda invoke --function-name <name> [--payload <payload>] ... <outfile>`: the CLI's printed
    answer and the text it wrote to the outfile. The CLI v1 sends `--payload` as it is."""
    out = out_dir / f"invoke-{uuid.uuid4().hex[:8]}.json"
    args = ["invoke", "--function-name", name, *extra]
    if payload is not None:
        args += ["--payload", payload]
    answer = aws(*args, str(out), service="lambda")
    return answer, out.read_text() if out.exists() else ""


def log_messages(aws: AwsCli, group: str, *extra: str) -> list[str]:
    """Every message in a log group, through `aws logs filter-log-events` (the CLI follows nextToken)."""
    try:
        found = aws("filter-log-events", "--log-group-name", group, *extra, service="logs")
    except AwsCliError as e:
        if e.code == "ResourceNotFoundException":
            return []
        raise
    return [e["message"] for e in found["events"]]
