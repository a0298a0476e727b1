#!/usr/bin/env python3
"""kill -9 during a PutEvents burst: every event PutEvents acknowledged reaches its target exactly once
after the restart (a state machine target; the execution name derives from the event, so a redelivery
finds the execution it started). Standard library only:

    CORTADO_BIN=.build/debug/cortado python3 -m pytest -q Tests/crash/test_crash_events.py
"""

from __future__ import annotations

import http.client
import json
import os
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from test_crash import ARN_PREFIX, ROLE_ARN, Client, ConnectionLost, Server, binary, free_port

SENDERS = 8
BURST_SECONDS = 3.0


class EventsClient:
    """AWSEvents actions over one connection per call site."""

    def __init__(self, port: int):
        self.port = port

    def call(self, action: str, body: dict) -> dict:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request("POST", "/", body=json.dumps(body).encode(), headers={
                "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": f"AWSEvents.{action}"})
            response = conn.getresponse()
            raw = response.read()
        except (OSError, http.client.HTTPException) as e:
            raise ConnectionLost(f"{action}: {e}") from None
        finally:
            conn.close()
        answer = json.loads(raw) if raw else {}
        assert response.status == 200, f"{action}: {response.status} {answer}"
        return answer


def test_kill9_during_put_events_delivers_every_acknowledged_event_once():
    with tempfile.TemporaryDirectory(prefix="cortado-crash-events-") as tmp:
        root = Path(tmp)
        (root / "data").mkdir()
        server = Server(binary(), root / "data", free_port(), root)
        server.start()
        sfn = Client(server.port)
        bus = EventsClient(server.port)
        try:
            machine = sfn.call("CreateStateMachine", {
                "name": "crash-sink", "roleArn": ROLE_ARN,
                "definition": json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})})["stateMachineArn"]
            bus.call("CreateEventBus", {"Name": "crash"})
            bus.call("PutRule", {"Name": "all", "EventBusName": "crash", "EventPattern": json.dumps({"source": ["crash"]})})
            bus.call("PutTargets", {"Rule": "all", "EventBusName": "crash", "Targets": [{"Id": "sink", "Arn": machine}]})

            acknowledged: set[str] = set()
            lock = threading.Lock()
            stop = threading.Event()

            def sender(i: int) -> None:
                n = 0
                while not stop.is_set():
                    entries = [{"EventBusName": "crash", "Source": "crash", "DetailType": "burst",
                                "Detail": json.dumps({"sender": i, "n": n + k})} for k in range(10)]
                    n += 10
                    try:
                        answer = bus.call("PutEvents", {"Entries": entries})
                    except ConnectionLost:
                        return
                    assert answer["FailedEntryCount"] == 0
                    with lock:
                        acknowledged.update(e["EventId"] for e in answer["Entries"])

            threads = [threading.Thread(target=sender, args=(i,)) for i in range(SENDERS)]
            for t in threads:
                t.start()
            time.sleep(BURST_SECONDS)
            server.kill9()
            stop.set()
            for t in threads:
                t.join()
            assert len(acknowledged) > 100, f"only {len(acknowledged)} events acknowledged before the kill"

            server.start()
            sfn.generation += 1
            deadline = time.monotonic() + 120
            executions: list[dict] = []
            while time.monotonic() < deadline:
                executions = sfn.executions([machine])
                if len(executions) >= len(acknowledged):
                    time.sleep(1.0)  # let stragglers (events sent but never acknowledged) land too
                    executions = sfn.executions([machine])
                    break
                time.sleep(0.2)

            def event_id(execution: dict) -> str:
                described = sfn.read("DescribeExecution", {"executionArn": execution["executionArn"]})
                return json.loads(described["input"])["id"]

            with ThreadPoolExecutor(8) as pool:
                delivered = list(pool.map(event_id, executions))
            missing = acknowledged - set(delivered)
            doubled = len(delivered) - len(set(delivered))
            print(f"acknowledged {len(acknowledged)}, executions {len(executions)}, missing {len(missing)}, doubled {doubled}")
            assert not missing, f"{len(missing)} acknowledged events never reached the target"
            assert doubled == 0, f"{doubled} events reached the target twice"
        finally:
            server.stop()
