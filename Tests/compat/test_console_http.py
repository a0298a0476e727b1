"""The console on the server's port (docs/architecture/console.md): pages for browsers, S3 for everyone
else on the same paths, the console's files, the change stream, and the Cortado extensions it calls."""

from __future__ import annotations

import http.client
import json
import socket
import time
import urllib.parse

from conftest import make_client
from support import ROLE_ARN, dumps, wait_until

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "User-Agent": "Mozilla/5.0"}


def get(server, path: str, headers: dict | None = None, method: str = "GET"):
    host, port = server.endpoint.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.request(method, path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def test_pages_answer_the_shell_to_browsers_and_s3_to_sdks(server):
    s3 = make_client(server.endpoint, "s3")
    s3.create_bucket(Bucket="tables")
    s3.put_object(Bucket="tables", Key="orders.json", Body=b"[]")
    arn = "arn:aws:states:us-east-1:000000000000:execution:m:e"
    for path in ["/", "/state-machines", "/state-machines/" + urllib.parse.quote(arn, safe=""), "/executions/x",
                 "/callbacks", "/buses/default", "/logs/%2Faws%2Flambda%2Ff", "/functions/f", "/tables/orders", "/buckets/b"]:
        status, headers, body = get(server, path, BROWSER)
        assert status == 200, path
        assert headers["content-type"].startswith("text/html"), path
        assert b'<main id="page"' in body, path
    # The same path, signed (an SDK) or not asking for HTML (a script), is S3's.
    assert s3.get_object(Bucket="tables", Key="orders.json")["Body"].read() == b"[]"
    status, headers, body = get(server, "/tables/orders.json")
    assert (status, body) == (200, b"[]")
    status, _, body = get(server, "/tables/orders.json", {**BROWSER, "Authorization": "AWS4-HMAC-SHA256 Credential=x"})
    assert (status, body) == (200, b"[]")
    status, _, body = get(server, "/tables/orders.json", {**BROWSER, "X-Amz-Date": "20261122T000000Z"})
    assert (status, body) == (200, b"[]")
    status, _, body = get(server, "/", {"Accept": "application/xml"})
    assert status == 200 and b"<ListAllMyBucketsResult" in body
    assert "tables" in [b["Name"] for b in s3.list_buckets()["Buckets"]]
    # A path that is no page of the console's stays S3's, even from a browser.
    status, _, body = get(server, "/no-such-bucket/k", BROWSER)
    assert status == 404 and b"NoSuchBucket" in body


def test_the_consoles_files_are_served_with_their_types_and_revalidated(server):
    status, headers, body = get(server, "/_console/app.js")
    assert status == 200
    assert headers["content-type"] == "text/javascript; charset=utf-8"
    assert headers["cache-control"] == "no-cache"
    assert b"export function route" in body
    status, headers304, _ = get(server, "/_console/app.js", {"If-None-Match": headers["etag"]})
    assert status == 304
    status, headers, _ = get(server, "/_console/console.css")
    assert (status, headers["content-type"]) == (200, "text/css; charset=utf-8")
    status, _, _ = get(server, "/_console/pages/overview.js")
    assert status == 200
    for bad in ["/_console/../Package.swift", "/_console/.hidden", "/_console/pages/%2e%2e/x.js", "/_console/nothing.js",
                "/_console/README.md"]:
        status, _, body = get(server, bad)
        assert status == 404, bad


def read_events(sock: socket.socket, until, timeout: float = 20) -> list[dict]:
    """Reads server-sent `change` events until `until(topics so far)` holds; answers their data."""
    sock.settimeout(timeout)
    buffer = b""
    found: list[dict] = []
    deadline = time.monotonic() + timeout
    while not until({e["topic"] for e in found}) and time.monotonic() < deadline:
        chunk = sock.recv(65536)
        if not chunk:
            break
        buffer += chunk
        while b"\n\n" in buffer:
            block, buffer = buffer.split(b"\n\n", 1)
            lines = block.decode().splitlines()
            if "event: change" in lines:
                data = next(line for line in lines if line.startswith("data: "))
                found.append(json.loads(data.removeprefix("data: ")))
    return found


def open_stream(server, topics: list[str]) -> socket.socket:
    host, port = server.endpoint.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=10)
    query = "&".join("topic=" + urllib.parse.quote(t, safe="") for t in topics)
    sock.sendall(f"GET /_console/changes?{query} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n".encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += sock.recv(1)
    assert b" 200 " in head.split(b"\r\n")[0] and b"text/event-stream" in head.lower()
    return sock


def test_the_change_stream_tells_what_changed_and_ends_with_the_server(start_server):
    server = start_server()
    sfn = make_client(server.endpoint)
    machine = sfn.create_state_machine(
        name="watched", roleArn=ROLE_ARN,
        definition=dumps({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "Next": "P"}, "P": {"Type": "Pass", "End": True}}}),
    )["stateMachineArn"]
    execution = "arn:aws:states:us-east-1:000000000000:execution:watched:one"
    sock = open_stream(server, [f"execution:{execution}", "logs:/console/test"])
    sfn.start_execution(stateMachineArn=machine, name="one")
    assert read_events(sock, lambda topics: topics)[0] == {"topic": f"execution:{execution}"}
    logs = make_client(server.endpoint, "logs")
    logs.create_log_group(logGroupName="/console/test")
    logs.create_log_stream(logGroupName="/console/test", logStreamName="s")
    logs.put_log_events(logGroupName="/console/test", logStreamName="s", logEvents=[{"timestamp": int(time.time() * 1000), "message": "m"}])
    topics = {e["topic"] for e in read_events(sock, lambda topics: "logs:/console/test" in topics)}
    assert "logs:/console/test" in topics
    assert topics <= {"logs:/console/test", f"execution:{execution}"}  # only what was asked for
    # A stream left open does not hold the server up at SIGTERM.
    started = time.monotonic()
    assert server.stop(timeout=20) == 0
    assert time.monotonic() - started < 15
    sock.close()


def test_a_change_stream_needs_topics(server):
    status, _, body = get(server, "/_console/changes")
    assert status == 400 and b"topic" in body


def test_the_callbacks_inbox_and_recent_deliveries(server):
    sfn = make_client(server.endpoint)
    machine = sfn.create_state_machine(
        name="inbox", roleArn=ROLE_ARN,
        definition=dumps({"StartAt": "Ask", "States": {"Ask": {
            "Type": "Task", "Resource": "arn:aws:states:::events:putEvents.waitForTaskToken",
            "Parameters": {"Entries": [{"Source": "console.inbox", "DetailType": "ask", "Detail": {"token.$": "$$.Task.Token"}}]},
            "End": True}}}),
    )["stateMachineArn"]
    events = make_client(server.endpoint, "events")
    events.put_rule(Name="inbox-rule", EventPattern=dumps({"source": ["console.inbox"]}))
    events.put_targets(Rule="inbox-rule", Targets=[{"Id": "log", "Arn": "arn:aws:logs:us-east-1:000000000000:log-group:/console/inbox"}])
    make_client(server.endpoint, "logs").create_log_group(logGroupName="/console/inbox")
    execution = sfn.start_execution(stateMachineArn=machine, name="ask-1")["executionArn"]

    def waiting():
        status, _, body = server.raw("AWSStepFunctions.ListWaitingCallbacks", {})
        assert status == 200
        return [c for c in body["callbacks"] if c["executionArn"] == execution]

    [callback] = wait_until(waiting, what="the callback in the inbox")
    assert callback["stateName"] == "Ask" and callback["executionName"] == "ask-1"
    sfn.send_task_success(taskToken=callback["taskToken"], output="{}")
    wait_until(lambda: sfn.describe_execution(executionArn=execution)["status"] == "SUCCEEDED", what="the execution to finish")
    assert waiting() == []

    def delivered():
        status, headers, body = server.raw("AWSEvents.ListRecentDeliveries", {"EventBusName": "default"},
                                           content_type="application/x-amz-json-1.1")
        assert status == 200
        return [d for d in body["Deliveries"] if d["RuleName"] == "inbox-rule"]

    [delivery] = wait_until(delivered, what="the delivery to the log group")
    assert delivery["Status"] == "DELIVERED" and delivery["TargetId"] == "log" and delivery["Source"] == "console.inbox"
    assert delivery["Attempts"] == 1
