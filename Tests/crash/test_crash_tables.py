#!/usr/bin/env python3
"""kill -9 during a burst of table writes: every write the server acknowledged is there after the restart
(puts and conditional counter updates, with their index entries); nothing unacknowledged is half there.

Needs boto3 (the compat suite's requirements):

    CORTADO_BIN=.build/debug/cortado python3 -m pytest -q -s Tests/crash/test_crash_tables.py
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path

import pytest

from test_crash import REGION, Server, binary, free_port

WRITES = 1500
SENDERS = 8
KILL_AFTER = 400
TABLE = "crash-items"


def ddb_client(port: int):
    import boto3
    from botocore.config import Config

    session = boto3.session.Session(aws_access_key_id="crash", aws_secret_access_key="crash", region_name=REGION)
    return session.client("dynamodb", endpoint_url=f"http://127.0.0.1:{port}", config=Config(
        retries={"total_max_attempts": 1, "mode": "standard"}, connect_timeout=2, read_timeout=30, max_pool_connections=SENDERS))


def test_kill9_during_writes_keeps_every_acknowledged_write(capsys):
    try:
        import boto3  # noqa: F401
    except ImportError:
        pytest.skip("boto3 is not installed (python3 -m pip install -r Tests/compat/requirements.txt)")
    from botocore.exceptions import BotoCoreError, ClientError

    work = Path(tempfile.mkdtemp(prefix="cortado-crash-tables-"))
    (work / "data").mkdir()
    server = Server(binary(), work / "data", free_port(), work)
    ok = False
    try:
        server.start()
        ddb = ddb_client(server.port)
        ddb.create_table(
            TableName=TABLE, BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "PK", "AttributeType": "S"}, {"AttributeName": "owner", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}],
            GlobalSecondaryIndexes=[{"IndexName": "byOwner", "KeySchema": [{"AttributeName": "owner", "KeyType": "HASH"}],
                                     "Projection": {"ProjectionType": "ALL"}}],
        )
        ddb.put_item(TableName=TABLE, Item={"PK": {"S": "counter"}, "n": {"N": "0"}})
        acked_puts: set[int] = set()
        acked_increments = 0
        lock = threading.Lock()
        pending = list(range(WRITES))
        enough = threading.Event()

        def sender() -> None:
            nonlocal acked_increments
            while not enough.is_set():
                with lock:
                    if not pending:
                        return
                    n = pending.pop(0)
                try:
                    if n % 2:
                        ddb.update_item(TableName=TABLE, Key={"PK": {"S": "counter"}}, UpdateExpression="SET n = n + :one",
                                        ConditionExpression="attribute_exists(PK)", ExpressionAttributeValues={":one": {"N": "1"}})
                    else:
                        ddb.put_item(TableName=TABLE, Item={"PK": {"S": f"k{n:05d}"}, "owner": {"S": f"o{n % 7}"}, "v": {"N": str(n)}})
                except (BotoCoreError, ClientError, OSError):
                    return
                with lock:
                    if n % 2:
                        acked_increments += 1
                    else:
                        acked_puts.add(n)
                    if len(acked_puts) + acked_increments >= KILL_AFTER:
                        enough.set()

        threads = [threading.Thread(target=sender) for _ in range(SENDERS)]
        for t in threads:
            t.start()
        enough.wait(timeout=120)
        server.kill9()
        for t in threads:
            t.join(timeout=30)
        with lock:
            puts, increments = set(acked_puts), acked_increments
        assert len(puts) + increments >= KILL_AFTER

        server.start()
        ddb = ddb_client(server.port)
        items = {}
        for page in ddb.get_paginator("scan").paginate(TableName=TABLE):
            for item in page["Items"]:
                items[item["PK"]["S"]] = item
        missing = [n for n in puts if f"k{n:05d}" not in items]
        counter = int(items["counter"]["n"]["N"])
        indexed = set()
        for owner in range(7):
            for page in ddb.get_paginator("query").paginate(TableName=TABLE, IndexName="byOwner", KeyConditionExpression="#o = :o",
                                                            ExpressionAttributeNames={"#o": "owner"},
                                                            ExpressionAttributeValues={":o": {"S": f"o{owner}"}}):
                indexed |= {i["PK"]["S"] for i in page["Items"]}
        unindexed = [k for k in items if k != "counter" and k not in indexed]
        with capsys.disabled():
            print(f"\n{len(puts)} puts and {increments} increments acknowledged before kill -9; after restart "
                  f"{len(items) - 1} items, counter {counter}, {len(missing)} missing, {len(unindexed)} without their index entry")
        assert not missing and not unindexed
        # Every acknowledged increment is counted; unacknowledged ones in flight may be too.
        assert increments <= counter <= increments + SENDERS
        ok = True
    finally:
        server.stop()
        if ok:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work} for inspection")
