#!/usr/bin/env python3
"""kill -9 during a burst of PutObjects: every object the server acknowledged (200) is there after the
restart, whole, with its ETag; no half-written object is ever visible (an object's file is synced and
renamed into place before its metadata commits). Unacknowledged puts may or may not be there.

Needs boto3 (the compat suite's requirements):

    CORTADO_BIN=.build/debug/cortado python3 -m pytest -q -s Tests/crash/test_crash_s3.py
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import threading
from pathlib import Path

import pytest

from test_crash import REGION, Server, binary, free_port

PUTS = 400
SENDERS = 8
KILL_AFTER = 150
BUCKET = "crash-objects"


def s3_client(port: int):
    import boto3
    from botocore.config import Config

    session = boto3.session.Session(aws_access_key_id="crash", aws_secret_access_key="crash", region_name=REGION)
    return session.client("s3", endpoint_url=f"http://127.0.0.1:{port}", config=Config(
        s3={"addressing_style": "path"}, retries={"total_max_attempts": 1, "mode": "standard"}, connect_timeout=2,
        read_timeout=30, max_pool_connections=SENDERS))


def body(n: int) -> bytes:
    # Sizes from a few bytes to ~300 KB, so some writes span many file writes.
    return (f"object {n} ".encode() * (1 + (n * 7919) % 20000))


def test_kill9_during_puts_keeps_every_acknowledged_object(capsys):
    try:
        import boto3  # noqa: F401
    except ImportError:
        pytest.skip("boto3 is not installed (python3 -m pip install -r Tests/compat/requirements.txt)")
    from botocore.exceptions import BotoCoreError, ClientError

    work = Path(tempfile.mkdtemp(prefix="cortado-crash-s3-"))
    (work / "data").mkdir()
    server = Server(binary(), work / "data", free_port(), work)
    ok = False
    try:
        server.start()
        s3 = s3_client(server.port)
        s3.create_bucket(Bucket=BUCKET)
        acknowledged: dict[int, str] = {}
        lock = threading.Lock()
        pending = list(range(PUTS))
        enough = threading.Event()

        def sender() -> None:
            while not enough.is_set():
                with lock:
                    if not pending:
                        return
                    n = pending.pop(0)
                try:
                    etag = s3.put_object(Bucket=BUCKET, Key=f"k/{n:05d}", Body=body(n))["ETag"]
                except (BotoCoreError, ClientError, OSError):
                    return
                with lock:
                    acknowledged[n] = etag
                    if len(acknowledged) >= KILL_AFTER:
                        enough.set()

        threads = [threading.Thread(target=sender) for _ in range(SENDERS)]
        for t in threads:
            t.start()
        enough.wait(timeout=120)
        server.kill9()
        for t in threads:
            t.join(timeout=30)
        with lock:
            acked = dict(acknowledged)
        assert len(acked) >= KILL_AFTER

        server.start()
        s3 = s3_client(server.port)
        listed = {}
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
            for o in page.get("Contents", []):
                listed[o["Key"]] = o["ETag"]
        missing = [n for n in acked if f"k/{n:05d}" not in listed]
        wrong = []
        for n, etag in acked.items():
            got = s3.get_object(Bucket=BUCKET, Key=f"k/{n:05d}")
            data = got["Body"].read()
            if data != body(n) or got["ETag"] != etag or etag != '"%s"' % hashlib.md5(body(n)).hexdigest():
                wrong.append(n)
        # Whatever is listed (acknowledged or not) is whole.
        half = [k for k, e in listed.items()
                if e != '"%s"' % hashlib.md5(s3.get_object(Bucket=BUCKET, Key=k)["Body"].read()).hexdigest()]
        with capsys.disabled():
            print(f"\n{len(acked)} puts acknowledged before kill -9, {len(listed)} objects listed after restart, "
                  f"{len(missing)} missing, {len(wrong)} wrong, {len(half)} half-written")
        assert not missing and not wrong and not half
        ok = True
    finally:
        server.stop()
        if ok:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work} for inspection")
