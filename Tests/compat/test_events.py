"""EventBridge through the AWS CLI and boto3: buses, rules, targets, PutEvents, TestEventPattern, tags,
and the errors the CLI prints for bad input."""

from __future__ import annotations

import json

import boto3
import pytest
from botocore.config import Config

from support import ACCOUNT, CREDENTIALS, REGION, AwsCliError, wait_until


@pytest.fixture(scope="module")
def eb(server):
    session = boto3.session.Session(
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        region_name=REGION,
    )
    return session.client("events", endpoint_url=server.endpoint,
                          config=Config(retries={"total_max_attempts": 1, "mode": "standard"}))


def events(aws, *args):
    return aws(*args, service="events")


def error_of(call) -> AwsCliError:
    with pytest.raises(AwsCliError) as caught:
        call()
    return caught.value


def sink(aws, name: str) -> str:
    definition = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})
    return aws("create-state-machine", "--name", name, "--definition", definition,
               "--role-arn", f"arn:aws:iam::{ACCOUNT}:role/r")["stateMachineArn"]


def inputs_of(aws, machine: str, count: int) -> list[dict]:
    def listed():
        found = aws("list-executions", "--state-machine-arn", machine)["executions"]
        return found if len(found) >= count else None
    found = wait_until(listed, what=f"{count} executions of {machine}")
    return [json.loads(aws("describe-execution", "--execution-arn", e["executionArn"])["input"]) for e in found]


def test_buses_with_the_cli(aws, new_name):
    name = new_name("bus")
    created = events(aws, "create-event-bus", "--name", name, "--description", "orders")
    assert created["EventBusArn"] == f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/{name}"
    described = events(aws, "describe-event-bus", "--name", name)
    assert described["Name"] == name and described["Description"] == "orders"
    names = [b["Name"] for b in events(aws, "list-event-buses")["EventBuses"]]
    assert "default" in names and name in names
    again = error_of(lambda: events(aws, "create-event-bus", "--name", name))
    assert again.code == "ResourceAlreadyExistsException"
    assert again.message == f"Event bus {name} already exists."
    events(aws, "delete-event-bus", "--name", name)
    gone = error_of(lambda: events(aws, "describe-event-bus", "--name", name))
    assert gone.code == "ResourceNotFoundException"
    assert error_of(lambda: events(aws, "delete-event-bus", "--name", "default")).message == "Cannot delete event bus default."


def test_rules_targets_and_delivery_with_the_cli(aws, new_name):
    rule = new_name("rule")
    machine = sink(aws, new_name("sink"))
    pattern = json.dumps({"source": ["shop"], "detail": {"total": [{"numeric": [">", 10]}]}})
    arn = events(aws, "put-rule", "--name", rule, "--event-pattern", pattern)["RuleArn"]
    assert arn == f"arn:aws:events:{REGION}:{ACCOUNT}:rule/{rule}"
    events(aws, "put-targets", "--rule", rule, "--targets", json.dumps([
        {"Id": "whole", "Arn": machine},
        {"Id": "picked", "Arn": machine, "InputTransformer": {
            "InputPathsMap": {"total": "$.detail.total", "kind": "$.detail-type"},
            "InputTemplate": '{"kind": <kind>, "total": <total>}'}},
    ]))
    listed = events(aws, "list-targets-by-rule", "--rule", rule)["Targets"]
    assert [t["Id"] for t in listed] == ["whole", "picked"]
    assert events(aws, "list-rule-names-by-target", "--target-arn", machine)["RuleNames"] == [rule]

    answer = events(aws, "put-events", "--entries", json.dumps([
        {"Source": "shop", "DetailType": "order", "Detail": json.dumps({"total": 12})},
        {"Source": "shop", "DetailType": "order", "Detail": json.dumps({"total": 3})},
    ]))
    assert answer["FailedEntryCount"] == 0 and len(answer["Entries"]) == 2
    received = inputs_of(aws, machine, 2)
    whole = [r for r in received if "detail" in r]
    assert len(whole) == 1 and whole[0]["detail"] == {"total": 12}
    assert whole[0]["id"] == answer["Entries"][0]["EventId"]
    assert {"kind": "order", "total": 12} in received

    events(aws, "disable-rule", "--name", rule)
    assert events(aws, "describe-rule", "--name", rule)["State"] == "DISABLED"
    blocked = error_of(lambda: events(aws, "delete-rule", "--name", rule))
    assert blocked.code == "ValidationException" and blocked.message == "Rule can't be deleted since it has targets."
    events(aws, "remove-targets", "--rule", rule, "--ids", "whole", "picked")
    events(aws, "delete-rule", "--name", rule)
    assert rule not in [r["Name"] for r in events(aws, "list-rules")["Rules"]]


def test_bad_patterns_and_entries(aws, new_name):
    bad = error_of(lambda: events(aws, "put-rule", "--name", new_name(), "--event-pattern", '{"source": "shop"}'))
    assert bad.code == "InvalidEventPatternException"
    assert bad.message.startswith('Event pattern is not valid. Reason: "source" must be an object or an array')
    missing = error_of(lambda: events(aws, "put-rule", "--name", new_name(), "--event-bus-name", "nope",
                                      "--event-pattern", '{"source": ["a"]}'))
    assert missing.code == "ResourceNotFoundException" and missing.message == "Event bus nope does not exist."
    answer = events(aws, "put-events", "--entries", json.dumps([
        {"Source": "shop", "DetailType": "order", "Detail": "not json"},
        {"DetailType": "order", "Detail": "{}"},
    ]))
    assert answer["FailedEntryCount"] == 2
    assert answer["Entries"][0] == {"ErrorCode": "MalformedDetail", "ErrorMessage": "Detail is malformed."}
    assert answer["Entries"][1]["ErrorCode"] == "InvalidArgument"
    eleven = [{"Source": "s", "DetailType": "d", "Detail": "{}"}] * 11
    too_many = error_of(lambda: events(aws, "put-events", "--entries", json.dumps(eleven)))
    assert too_many.code == "ValidationException"


def test_test_event_pattern_with_boto3(eb):
    event = {"id": "1", "account": ACCOUNT, "source": "aws.ec2", "time": "2024-01-01T00:00:00Z",
             "region": REGION, "detail-type": "EC2 Instance State-change Notification",
             "resources": [], "detail": {"state": "running", "ip": "10.0.0.7"}}
    def test(pattern):
        return eb.test_event_pattern(EventPattern=json.dumps(pattern), Event=json.dumps(event))["Result"]
    assert test({"source": ["aws.ec2"], "detail": {"state": [{"anything-but": "stopped"}]}})
    assert test({"detail": {"ip": [{"cidr": "10.0.0.0/24"}]}})
    assert not test({"detail": {"state": [{"prefix": "stop"}]}})
    assert test({"$or": [{"detail": {"state": ["stopped"]}}, {"source": [{"suffix": "ec2"}]}]})
    with pytest.raises(eb.exceptions.InvalidEventPatternException):
        test({"detail": {"state": [{"wildcard": "a**b"}]}})


def test_tags_and_dead_letters_with_boto3(eb, new_name, server):
    name = new_name("bus")
    arn = eb.create_event_bus(Name=name, Tags=[{"Key": "team", "Value": "coffee"}])["EventBusArn"]
    eb.tag_resource(ResourceARN=arn, Tags=[{"Key": "env", "Value": "dev"}])
    tags = eb.list_tags_for_resource(ResourceARN=arn)["Tags"]
    assert tags == [{"Key": "env", "Value": "dev"}, {"Key": "team", "Value": "coffee"}]
    eb.put_rule(Name="r", EventBusName=name, EventPattern=json.dumps({"source": ["x"]}))
    gone = f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:{new_name('gone')}"
    eb.put_targets(Rule="r", EventBusName=name, Targets=[{"Id": "t", "Arn": gone}])
    eb.put_events(Entries=[{"Source": "x", "DetailType": "d", "Detail": "{}", "EventBusName": name}])

    # The Cortado extension that lists dead letters (docs/architecture/events.md).
    def lettered():
        status, _, answer = server.raw("AWSEvents.ListDeadLetters", {"Limit": 100},
                                       content_type="application/x-amz-json-1.1")
        assert status == 200, answer
        found = [d for d in answer["DeadLetters"] if d["TargetArn"] == gone]
        return found or None
    letter = wait_until(lettered, what="a dead letter")[0]
    assert letter["ErrorCode"] == "StateMachineDoesNotExist"
    assert letter["Event"]["source"] == "x"


def test_api_destination_receives_the_event(eb, new_name):
    import http.server
    import threading

    received: list[dict] = []

    class Hook(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            received.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                             "body": self.rfile.read(length).decode()})
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        connection = eb.create_connection(
            Name=new_name("conn"), AuthorizationType="API_KEY",
            AuthParameters={"ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "secret"}})
        described = eb.describe_connection(Name=connection["ConnectionArn"].split("/")[1])
        assert "ApiKeyValue" not in described["AuthParameters"]["ApiKeyAuthParameters"]
        destination = eb.create_api_destination(
            Name=new_name("hook"), ConnectionArn=connection["ConnectionArn"],
            InvocationEndpoint=f"http://127.0.0.1:{httpd.server_port}/orders/*", HttpMethod="POST")
        rule = new_name("rule")
        eb.put_rule(Name=rule, EventPattern=json.dumps({"source": ["webhook-test"]}))
        eb.put_targets(Rule=rule, Targets=[{
            "Id": "hook", "Arn": destination["ApiDestinationArn"], "InputPath": "$.detail",
            "HttpParameters": {"PathParameterValues": ["42"], "QueryStringParameters": {"v": "1"}},
        }])
        eb.put_events(Entries=[{"Source": "webhook-test", "DetailType": "d", "Detail": json.dumps({"order": 42})}])
        wait_until(lambda: received, what="the API destination to be called")
        call = received[0]
        assert call["path"] == "/orders/42?v=1"
        assert call["headers"]["x-api-key"] == "secret"
        assert json.loads(call["body"]) == {"order": 42}
    finally:
        httpd.shutdown()
