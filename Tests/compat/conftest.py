"""Fixtures: one `cortado serve` for the session, a boto3 Step Functions client and the AWS CLI aimed at it.

Run from the repository root:
    CORTADO_BIN=.build-compat/debug/cortado python3 -m pytest -q Tests/compat
"""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

from support import CREDENTIALS, REGION, REPO_ROOT, AwsCli, CortadoServer


def _binary() -> Path:
    path = Path(os.environ.get("CORTADO_BIN", ".build/debug/cortado"))
    return path if path.is_absolute() else REPO_ROOT / path


def checked_binary() -> Path:
    """The binary the suites run; stops the whole run if there is none."""
    path = _binary()
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.exit(f"no cortado binary at {path}: build one or set CORTADO_BIN", returncode=2)
    return path


@pytest.fixture(scope="session")
def cortado_bin() -> Path:
    return checked_binary()


def _stop_cleanly(server: CortadoServer) -> None:
    status = server.stop()
    log = server.log_tail()
    server.cleanup()
    assert status == 0, f"cortado serve exited with {status} after SIGTERM, expected a clean exit (0):\n{log}"


@contextlib.contextmanager
def running_server(binary: Path, extra_args=()):
    """A server of its own (fresh data directory), stopped with SIGTERM at the end and checked to exit cleanly."""
    s = CortadoServer(binary, extra_args)
    s.start()
    try:
        yield s
    finally:
        _stop_cleanly(s)


@pytest.fixture(scope="session")
def server(cortado_bin):
    """The server every test shares."""
    with running_server(cortado_bin) as s:
        yield s


@pytest.fixture
def start_server(cortado_bin):
    """Starts an extra server with other options (e.g. `--time-scale 1000`); stopped after the test."""
    started: list[CortadoServer] = []

    def start(*extra_args: str) -> CortadoServer:
        s = CortadoServer(cortado_bin, extra_args)
        s.start()
        started.append(s)
        return s

    yield start
    for s in started:
        _stop_cleanly(s)


def make_client(endpoint: str, service: str = "stepfunctions"):
    session = boto3.session.Session(
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        region_name=REGION,
    )
    config = Config(
        # StartSyncExecution and TestState are sent to `sync-<host>` unless host prefixes are off.
        inject_host_prefix=False,
        retries={"total_max_attempts": 1, "mode": "standard"},
        # GetActivityTask long-polls for up to 60 s.
        read_timeout=90,
        connect_timeout=5,
    )
    return session.client(service, endpoint_url=endpoint, config=config)


@pytest.fixture(scope="session")
def sfn(server):
    """A boto3 `stepfunctions` client on the shared server."""
    return make_client(server.endpoint)


@pytest.fixture(scope="session")
def lam(server):
    """A boto3 `lambda` client on the shared server."""
    return make_client(server.endpoint, "lambda")


@pytest.fixture(scope="session")
def client_for():
    """boto3 clients for extra servers."""
    return lambda s: make_client(s.endpoint)


@pytest.fixture(scope="session")
def aws(server):
    """`aws(*args)` runs `aws --endpoint-url <server> --output json stepfunctions *args`, returns the parsed
    JSON, or raises AwsCliError with the error code and the CLI's stderr."""
    return AwsCli(server.endpoint)


@pytest.fixture
def new_name(request):
    """`new_name("suffix")` gives a name no other test uses (valid as a state machine, execution or
    activity name)."""
    base = re.sub(r"[^A-Za-z0-9_-]+", "-", request.node.name)[:40].strip("-")

    def make(suffix: str = "") -> str:
        name = f"{base}-{uuid.uuid4().hex[:8]}"
        return f"{name}-{suffix}" if suffix else name

    return make
