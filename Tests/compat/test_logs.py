"""CloudWatch Logs (`Logs_20140328.*`, AWS JSON 1.1): groups, streams, PutLogEvents, GetLogEvents,
FilterLogEvents and what `aws logs tail` does, with the AWS CLI and boto3.

Messages marked "recorded" are AWS's own (LocalStack's AWS-validated snapshots of CloudWatch Logs);
shapes follow the CloudWatch Logs API reference and botocore's service model."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
import uuid
from datetime import datetime, timedelta, timezone

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from support import ACCOUNT, CREDENTIALS, REGION, AwsCliError, error_code, error_message

GROUP_ARN_PREFIX = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:"


@pytest.fixture(scope="module")
def logs(server):
    """A boto3 `logs` client on the shared server."""
    session = boto3.session.Session(
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        region_name=REGION,
    )
    config = Config(retries={"total_max_attempts": 1, "mode": "standard"}, connect_timeout=5, read_timeout=60)
    return session.client("logs", endpoint_url=server.endpoint, config=config)


@pytest.fixture
def cli(aws):
    """`cli(*args)` runs `aws logs *args` and parses its JSON."""
    return lambda *args: aws(*args, service="logs")


@pytest.fixture
def group(logs, new_name):
    """A fresh log group (a valid group name), deleted afterwards if the test left it."""
    name = "/cortado/compat/" + new_name()
    logs.create_log_group(logGroupName=name)
    yield name
    try:
        logs.delete_log_group(logGroupName=name)
    except ClientError:
        pass


def now_ms() -> int:
    return int(time.time() * 1000)


def put(logs, group: str, stream: str, messages: list[str], start: int | None = None, step: int = 1) -> int:
    """Writes `messages` one millisecond (`step`) apart from `start`; returns the first timestamp."""
    start = start if start is not None else now_ms() - 60_000
    events = [{"timestamp": start + i * step, "message": m} for i, m in enumerate(messages)]
    logs.put_log_events(logGroupName=group, logStreamName=stream, logEvents=events)
    return start


# MARK: - Groups


def test_create_describe_delete_a_group_with_the_cli(cli, new_name):
    name = "/cortado/compat/" + new_name()
    before = now_ms()
    assert cli("create-log-group", "--log-group-name", name) is None
    described = cli("describe-log-groups", "--log-group-name-prefix", name)["logGroups"]
    assert len(described) == 1
    g = described[0]
    assert before - 5_000 <= g.pop("creationTime") <= now_ms() + 5_000
    # The shape AWS returns (recorded, 2026): both ARNs, zero counts, the class, deletion protection.
    assert g == {
        "logGroupName": name,
        "arn": GROUP_ARN_PREFIX + name + ":*",
        "logGroupArn": GROUP_ARN_PREFIX + name,
        "metricFilterCount": 0,
        "storedBytes": 0,
        "logGroupClass": "STANDARD",
        "deletionProtectionEnabled": False,
    }

    with pytest.raises(AwsCliError) as e:
        cli("create-log-group", "--log-group-name", name)
    assert (e.value.code, e.value.message) == ("ResourceAlreadyExistsException", "The specified log group already exists")  # recorded

    assert cli("delete-log-group", "--log-group-name", name) is None
    assert cli("describe-log-groups", "--log-group-name-prefix", name)["logGroups"] == []
    with pytest.raises(AwsCliError) as e:
        cli("delete-log-group", "--log-group-name", name)
    assert (e.value.code, e.value.message) == ("ResourceNotFoundException", "The specified log group does not exist.")


def test_describe_log_groups_pages_by_name(logs, new_name):
    prefix = "/cortado/compat/" + new_name() + "/"
    names = [prefix + s for s in ["c", "a", "b/x", "b", "e", "d", "a/z"]]
    for n in names:
        logs.create_log_group(logGroupName=n)
    pages = list(logs.get_paginator("describe_log_groups").paginate(logGroupNamePrefix=prefix, PaginationConfig={"PageSize": 3}))
    assert [g["logGroupName"] for p in pages for g in p["logGroups"]] == sorted(names)
    assert len(pages) == 3
    # The pattern is a case-sensitive substring; AWS answers fewer members then (recorded).
    unique = prefix.rsplit("/", 2)[-2]
    matched = logs.describe_log_groups(logGroupNamePattern=unique)["logGroups"]
    assert [g["logGroupName"] for g in matched] == sorted(names)
    assert set(matched[0]) == {"logGroupName", "creationTime", "metricFilterCount", "arn", "logGroupClass", "logGroupArn"}
    assert logs.describe_log_groups(logGroupNamePattern=unique.upper())["logGroups"] == []
    with pytest.raises(ClientError) as e:
        logs.describe_log_groups(logGroupNamePrefix=prefix, logGroupNamePattern=unique)
    assert (error_code(e.value), error_message(e.value)) == (
        "InvalidParameterException", "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.")  # recorded
    for n in names:
        logs.delete_log_group(logGroupName=n)


def test_bad_group_and_stream_names_as_the_cli_prints_them(cli, group):
    with pytest.raises(AwsCliError) as e:
        cli("create-log-group", "--log-group-name", "C:/Program Files/Git/aws/x")
    # AWS's text, as users have pasted it from the CLI (Git Bash rewriting a leading slash).
    assert e.value.code == "InvalidParameterException"
    assert e.value.message == (
        "1 validation error detected: Value 'C:/Program Files/Git/aws/x' at 'logGroupName' failed to satisfy constraint: "
        r"Member must satisfy regular expression pattern: [\.\-_/#A-Za-z0-9]+")
    with pytest.raises(AwsCliError) as e:
        cli("create-log-group", "--log-group-name", "a" * 513)
    assert (e.value.code, e.value.message) == (
        "InvalidParameterException", "Invalid LogGroup or LogStream, both must have length less than or equal to 512.")  # recorded
    with pytest.raises(AwsCliError) as e:
        cli("create-log-stream", "--log-group-name", group, "--log-stream-name", "worker/main/arn:aws:ecs:task/1")
    assert e.value.code == "InvalidParameterException"
    assert e.value.message == (
        "1 validation error detected: Value 'worker/main/arn:aws:ecs:task/1' at 'logStreamName' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [^:*]*")


# MARK: - Streams


def test_streams_with_the_cli(cli, group):
    assert cli("create-log-stream", "--log-group-name", group, "--log-stream-name", "2026/01/01/[$LATEST]abc") is None
    with pytest.raises(AwsCliError) as e:
        cli("create-log-stream", "--log-group-name", group, "--log-stream-name", "2026/01/01/[$LATEST]abc")
    assert (e.value.code, e.value.message) == ("ResourceAlreadyExistsException", "The specified log stream already exists")  # recorded
    with pytest.raises(AwsCliError) as e:
        cli("create-log-stream", "--log-group-name", group + "-missing", "--log-stream-name", "s")
    assert (e.value.code, e.value.message) == ("ResourceNotFoundException", "The specified log group does not exist.")

    streams = cli("describe-log-streams", "--log-group-name", group)["logStreams"]
    assert len(streams) == 1
    s = streams[0]
    assert isinstance(s.pop("creationTime"), int)
    # No events yet: no event times, no sequence token (recorded shape).
    assert s == {
        "logStreamName": "2026/01/01/[$LATEST]abc",
        "arn": GROUP_ARN_PREFIX + group + ":log-stream:2026/01/01/[$LATEST]abc",
        "storedBytes": 0,
    }
    by_arn = cli("describe-log-streams", "--log-group-identifier", GROUP_ARN_PREFIX + group)["logStreams"]
    assert [x["logStreamName"] for x in by_arn] == ["2026/01/01/[$LATEST]abc"]
    with pytest.raises(AwsCliError) as e:
        cli("describe-log-streams", "--log-group-name", group, "--log-group-identifier", group)
    assert (e.value.code, e.value.message) == (
        "ValidationException", "LogGroup name and LogGroup ARN are mutually exclusive parameters.")  # recorded


def test_describe_log_streams_orders_and_pages(logs, group):
    for name in ["d", "b", "e", "a", "c"]:
        logs.create_log_stream(logGroupName=group, logStreamName=name)
    t = now_ms() - 60_000
    for i, name in enumerate(["c", "a", "e"]):
        put(logs, group, name, [name], start=t + i * 1000)

    def all_names(**kwargs):
        pages = logs.get_paginator("describe_log_streams").paginate(
            logGroupName=group, PaginationConfig={"PageSize": 2}, **kwargs)
        return [s["logStreamName"] for p in pages for s in p["logStreams"]]

    assert all_names() == ["a", "b", "c", "d", "e"]
    assert all_names(descending=True) == ["e", "d", "c", "b", "a"]
    assert all_names(orderBy="LastEventTime", descending=True)[:3] == ["e", "a", "c"]
    assert all_names(logStreamNamePrefix="c") == ["c"]
    a = logs.describe_log_streams(logGroupName=group, logStreamNamePrefix="a")["logStreams"][0]
    assert a["firstEventTimestamp"] == a["lastEventTimestamp"] == t + 1000
    assert isinstance(a["lastIngestionTime"], int)
    assert re.fullmatch(r"\d{56}", a["uploadSequenceToken"])
    with pytest.raises(ClientError) as e:
        logs.describe_log_streams(logGroupName=group, orderBy="LastEventTime", logStreamNamePrefix="a")
    assert (error_code(e.value), error_message(e.value)) == (
        "InvalidParameterException", "Cannot order by LastEventTime with a logStreamNamePrefix.")


# MARK: - Events


def test_put_then_get_and_filter_with_the_cli(cli, group):
    cli("create-log-stream", "--log-group-name", group, "--log-stream-name", "web")
    t = now_ms() - 10_000
    events = [{"timestamp": t, "message": "GET /orders 200"}, {"timestamp": t + 1, "message": "GET /orders/7 500 ERROR"}]
    answer = cli("put-log-events", "--log-group-name", group, "--log-stream-name", "web", "--log-events", json.dumps(events))
    assert re.fullmatch(r"\d{56}", answer["nextSequenceToken"]), answer
    assert "rejectedLogEventsInfo" not in answer

    got = cli("get-log-events", "--log-group-name", group, "--log-stream-name", "web", "--start-from-head")
    assert [(e["timestamp"], e["message"]) for e in got["events"]] == [(t, "GET /orders 200"), (t + 1, "GET /orders/7 500 ERROR")]
    assert all(isinstance(e["ingestionTime"], int) for e in got["events"])
    assert re.fullmatch(r"f/\d{56}/s", got["nextForwardToken"]), got
    assert re.fullmatch(r"b/\d{56}/s", got["nextBackwardToken"]), got
    # At the end the forward token comes back as it was sent (the API reference's end-of-stream rule).
    again = cli("get-log-events", "--log-group-name", group, "--log-stream-name", "web", "--next-token", got["nextForwardToken"])
    assert again["events"] == []
    assert again["nextForwardToken"] == got["nextForwardToken"]

    found = cli("filter-log-events", "--log-group-name", group, "--filter-pattern", "ERROR")
    assert [(e["logStreamName"], e["message"]) for e in found["events"]] == [("web", "GET /orders/7 500 ERROR")]
    assert re.fullmatch(r"\d+", found["events"][0]["eventId"])
    found = cli("filter-log-events", "--log-group-name", group, "--log-stream-names", "web", "--start-time", str(t + 1))
    assert [e["message"] for e in found["events"]] == ["GET /orders/7 500 ERROR"]


def test_errors_as_the_cli_prints_them(cli, group):
    with pytest.raises(AwsCliError) as e:
        cli("get-log-events", "--log-group-name", group + "-missing", "--log-stream-name", "s")
    assert (e.value.code, e.value.operation, e.value.message) == (
        "ResourceNotFoundException", "GetLogEvents", "The specified log group does not exist.")  # recorded
    # What the CLI prints (the retry note is there because the suite allows one attempt).
    assert e.value.stderr.strip() == (
        "An error occurred (ResourceNotFoundException) when calling the GetLogEvents operation (reached max retries: 0): "
        "The specified log group does not exist.")
    with pytest.raises(AwsCliError) as e:
        cli("get-log-events", "--log-group-name", group, "--log-stream-name", "missing")
    assert (e.value.code, e.value.message) == ("ResourceNotFoundException", "The specified log stream does not exist.")  # recorded
    with pytest.raises(AwsCliError) as e:
        cli("put-log-events", "--log-group-name", group, "--log-stream-name", "missing",
            "--log-events", json.dumps([{"timestamp": now_ms(), "message": "x"}]))
    assert (e.value.code, e.value.message) == ("ResourceNotFoundException", "The specified log stream does not exist.")  # recorded
    cli("create-log-stream", "--log-group-name", group, "--log-stream-name", "s")
    t = now_ms()
    with pytest.raises(AwsCliError) as e:
        cli("put-log-events", "--log-group-name", group, "--log-stream-name", "s",
            "--log-events", json.dumps([{"timestamp": t, "message": "b"}, {"timestamp": t - 2 * 86_400_000, "message": "a"}]))
    assert (e.value.code, e.value.message) == (
        "InvalidParameterException", "Log events in a single PutLogEvents request must be in chronological order.")  # recorded
    with pytest.raises(AwsCliError) as e:
        cli("get-log-events", "--log-group-name", group, "--log-stream-name", "s", "--limit", "10001")
    assert (e.value.code, e.value.message) == (
        "InvalidParameterException",
        "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: "
        "Member must have value less than or equal to 10000")  # recorded
    with pytest.raises(AwsCliError) as e:
        cli("get-log-events", "--log-group-name", group, "--log-stream-name", "s", "--next-token", "invalid-token")
    assert (e.value.code, e.value.message) == ("InvalidParameterException", "The specified nextToken is invalid.")  # recorded
    with pytest.raises(AwsCliError) as e:
        cli("filter-log-events", "--log-group-name", group, "--filter-pattern", "{ $.latency > }")
    assert (e.value.code, e.value.message) == ("InvalidParameterException", "Invalid filter pattern")


def test_too_old_and_too_new_events_are_reported_not_stored(logs, group):
    logs.create_log_stream(logGroupName=group, logStreamName="s")
    t = now_ms()
    answer = logs.put_log_events(logGroupName=group, logStreamName="s", logEvents=[
        {"timestamp": t - 30 * 86_400_000, "message": "a month ago"},
        {"timestamp": t - 1000, "message": "now"},
        {"timestamp": t + 86_400_000, "message": "tomorrow"},
    ])
    assert answer["rejectedLogEventsInfo"] == {"tooOldLogEventEndIndex": 1, "tooNewLogEventStartIndex": 2}
    assert [e["message"] for e in logs.get_log_events(logGroupName=group, logStreamName="s")["events"]] == ["now"]


def test_get_log_events_pages_both_ways_with_boto3(logs, group):
    logs.create_log_stream(logGroupName=group, logStreamName="s")
    messages = [f"line {i}" for i in range(25)]
    put(logs, group, "s", messages, step=10)

    # Forwards from the head, as the API reference says: until the token comes back unchanged.
    seen, token = [], None
    while True:
        kwargs = {"nextToken": token} if token else {"startFromHead": True}
        page = logs.get_log_events(logGroupName=group, logStreamName="s", limit=10, **kwargs)
        seen += [e["message"] for e in page["events"]]
        if page["nextForwardToken"] == token:
            break
        token = page["nextForwardToken"]
    assert seen == messages

    # Backwards from the tail.
    tail = logs.get_log_events(logGroupName=group, logStreamName="s", limit=10)
    assert [e["message"] for e in tail["events"]] == messages[15:]
    back = logs.get_log_events(logGroupName=group, logStreamName="s", limit=10, nextToken=tail["nextBackwardToken"])
    assert [e["message"] for e in back["events"]] == messages[5:15]


def test_filter_log_events_interleaves_and_paginates(logs, group):
    for s in ["api", "worker"]:
        logs.create_log_stream(logGroupName=group, logStreamName=s)
    t = now_ms() - 60_000
    put(logs, group, "api", [f"api {i}" for i in range(40)], start=t, step=2)
    put(logs, group, "worker", [json.dumps({"job": i, "ms": i * 10}) for i in range(40)], start=t + 1, step=2)

    pages = list(logs.get_paginator("filter_log_events").paginate(logGroupName=group, PaginationConfig={"PageSize": 15}))
    events = [e for p in pages for e in p["events"]]
    assert len(events) == 80
    assert [e["timestamp"] for e in events] == sorted(e["timestamp"] for e in events)
    assert [e["logStreamName"] for e in events[:4]] == ["api", "worker", "api", "worker"]
    assert len({e["eventId"] for e in events}) == 80
    assert all(p["searchedLogStreams"] == [] for p in pages)

    slow = logs.filter_log_events(logGroupName=group, filterPattern="{ $.ms >= 350 }")["events"]
    assert [json.loads(e["message"])["job"] for e in slow] == [35, 36, 37, 38, 39]
    quoted = logs.filter_log_events(logGroupName=group, filterPattern='"api 3"')["events"]
    assert [e["message"] for e in quoted] == ["api 3"] + [f"api {i}" for i in range(30, 40)]
    either = logs.filter_log_events(logGroupName=group, filterPattern="?3 ?7", logStreamNamePrefix="api")["events"]
    assert {e["message"] for e in either} == {f"api {i}" for i in range(40) if "3" in str(i) or "7" in str(i)}
    window = logs.filter_log_events(logGroupName=group, startTime=t + 10, endTime=t + 13)["events"]
    assert [e["timestamp"] - t for e in window] == [10, 11, 12, 13]


def test_what_aws_logs_tail_does(logs, group):
    """`aws logs tail GROUP [--since 1h]` (AWS CLI v2; the suite pins v1, which has no `tail`) pages
    FilterLogEvents with `interleaved=True` and `startTime` = now minus `--since` (default 10 minutes),
    and `--follow` polls again from the newest timestamp seen, dropping event ids it already printed."""
    logs.create_log_stream(logGroupName=group, logStreamName="old")
    logs.create_log_stream(logGroupName=group, logStreamName="new")
    t = now_ms()
    put(logs, group, "old", ["two hours ago"], start=t - 2 * 3_600_000)
    put(logs, group, "new", ["a minute ago", "just now"], start=t - 60_000, step=59_000)

    def tail(since: timedelta):
        start = int((datetime.now(timezone.utc) - since).timestamp() * 1000)
        pages = logs.get_paginator("filter_log_events").paginate(logGroupName=group, interleaved=True, startTime=start)
        return [(e["logStreamName"], e["message"]) for p in pages for e in p["events"]]

    assert tail(timedelta(minutes=10)) == [("new", "a minute ago"), ("new", "just now")]
    assert tail(timedelta(hours=3)) == [("old", "two hours ago"), ("new", "a minute ago"), ("new", "just now")]

    # --follow: poll from the newest timestamp seen; an event at that timestamp comes back and is dropped by id.
    first = logs.filter_log_events(logGroupName=group, interleaved=True, startTime=t - 600_000)["events"]
    newest = max(e["timestamp"] for e in first)
    put(logs, group, "old", ["later"], start=newest + 5)
    again = logs.filter_log_events(logGroupName=group, interleaved=True, startTime=newest)["events"]
    seen = {e["eventId"] for e in first}
    assert [e["message"] for e in again if e["eventId"] not in seen] == ["later"]


def aws_cli_v2() -> str | None:
    exe = shutil.which("aws2") or shutil.which("aws")
    if not exe:
        return None
    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout
    return exe if version.startswith("aws-cli/2") else None


@pytest.mark.skipif(aws_cli_v2() is None, reason="`aws logs tail` is in AWS CLI v2 only; the suite pins v1 (PyPI has no v2)")
def test_aws_logs_tail_with_the_cli_v2(aws, logs, group):
    logs.create_log_stream(logGroupName=group, logStreamName="s")
    t = now_ms()
    put(logs, group, "s", ["long ago"], start=t - 2 * 3_600_000)
    put(logs, group, "s", ["recent one", "recent two"], start=t - 30_000)
    argv = [aws_cli_v2(), "--endpoint-url", aws.endpoint, "logs", "tail", group, "--format", "short"]
    out = subprocess.run(argv, env=aws.env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert [line.split(" ", 1)[1] for line in out.stdout.splitlines()] == ["recent one", "recent two"]
    out = subprocess.run(argv + ["--since", "3h"], env=aws.env, capture_output=True, text=True, timeout=60)
    assert [line.split(" ", 1)[1] for line in out.stdout.splitlines()] == ["long ago", "recent one", "recent two"]


def test_delete_log_group_takes_its_streams_and_events(logs, new_name):
    name = "/cortado/compat/" + new_name()
    logs.create_log_group(logGroupName=name)
    logs.create_log_stream(logGroupName=name, logStreamName="s")
    put(logs, name, "s", ["before"])
    logs.delete_log_group(logGroupName=name)
    with pytest.raises(ClientError) as e:
        logs.filter_log_events(logGroupName=name)
    assert error_code(e.value) == "ResourceNotFoundException"
    logs.create_log_group(logGroupName=name)
    assert logs.describe_log_streams(logGroupName=name)["logStreams"] == []
    assert logs.filter_log_events(logGroupName=name)["events"] == []
    logs.delete_log_group(logGroupName=name)


def test_the_protocol_is_json_1_1(server):
    status, headers, body = server.raw(
        "Logs_20140328.DescribeLogGroups", {"limit": 1}, content_type="application/x-amz-json-1.1")
    assert status == 200, body
    assert {k.lower(): v for k, v in headers.items()}["content-type"] == "application/x-amz-json-1.1"
    status, headers, body = server.raw("Logs_20140328.BrewCoffee", {}, content_type="application/x-amz-json-1.1")
    assert (status, body["__type"]) == (400, "UnknownOperationException")
    assert {k.lower(): v for k, v in headers.items()}["content-type"] == "application/x-amz-json-1.1"
