"""Seed 000, "Workflow Started" (Serverlesspresso workshop), walked through with the AWS CLI.

The tutorial creates the `WorkflowStarted` rule on the `Serverlesspresso` bus with the pattern
`{"detail-type": ["OrderProcessor.WorkflowStarted"], "source": ["awsserverlessda.serverlesspresso"]}` and a
Lambda target, sends `Validator.NewOrder` with detail `{"userId":"1","orderId":"1"}` from the console's
"Send events" form, and then finds, in the log group `/aws/events/serverlesspressoEventBus`, one log
stream per event: the NewOrder event and the WorkflowStarted event carrying the task token.

What the core stack deploys beforehand is set up here with the CLI too: the bus, the OrderProcessor
workflow (seed 001's definition), the `NewOrder` rule that starts it, the log group and the log-all rule.
The WorkflowStarted function needs the function host (a later issue): the rule routes the event to it,
and the delivery is dead-lettered with the reason, which the test reads back.
"""

from __future__ import annotations

import json

from support import ACCOUNT, REGION, wait_until
from test_seed_001 import create_workflow

BUS = "Serverlesspresso"
LOG_GROUP = "/aws/events/serverlesspressoEventBus"
SOURCE = "awsserverlessda.serverlesspresso"
FUNCTION = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:serverlesspresso-WorkflowStarted"


def events(aws, *args):
    return aws(*args, service="events")


def logs(aws, *args):
    return aws(*args, service="logs")


def test_workflow_started_walkthrough(aws, new_name, tmp_path):
    # What the core stack provides.
    bus_arn = events(aws, "create-event-bus", "--name", BUS)["EventBusArn"]
    assert bus_arn == f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/{BUS}"
    workflow = create_workflow(aws, new_name("OrderProcessor"), tmp_path)
    events(aws, "put-rule", "--name", "NewOrder", "--event-bus-name", BUS, "--event-pattern",
           json.dumps({"detail-type": ["Validator.NewOrder"], "source": [SOURCE]}))
    events(aws, "put-targets", "--rule", "NewOrder", "--event-bus-name", BUS, "--targets",
           json.dumps([{"Id": "OrderProcessor", "Arn": workflow}]))
    logs(aws, "create-log-group", "--log-group-name", LOG_GROUP)
    events(aws, "put-rule", "--name", "LogAll", "--event-bus-name", BUS, "--event-pattern",
           json.dumps({"account": [ACCOUNT]}))
    events(aws, "put-targets", "--rule", "LogAll", "--event-bus-name", BUS, "--targets",
           json.dumps([{"Id": "LogGroup", "Arn": f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{LOG_GROUP}"}]))

    # Step 1–3 of the tutorial: the WorkflowStarted rule, its pattern pasted as written, a Lambda target.
    pattern = '{\n  "detail-type": ["OrderProcessor.WorkflowStarted"],\n  "source": ["awsserverlessda.serverlesspresso"]\n}'
    rule_arn = events(aws, "put-rule", "--name", "WorkflowStarted", "--event-bus-name", BUS,
                      "--event-pattern", pattern)["RuleArn"]
    assert rule_arn == f"arn:aws:events:{REGION}:{ACCOUNT}:rule/{BUS}/WorkflowStarted"
    events(aws, "put-targets", "--rule", "WorkflowStarted", "--event-bus-name", BUS, "--targets",
           json.dumps([{"Id": "WorkflowStartedFunction", "Arn": FUNCTION}]))
    described = events(aws, "describe-rule", "--name", "WorkflowStarted", "--event-bus-name", BUS)
    assert described["EventBusName"] == BUS and described["State"] == "ENABLED"

    # "Send events": source, detail type and detail as the tutorial gives them.
    sent = events(aws, "put-events", "--entries", json.dumps([{
        "Source": SOURCE, "DetailType": "Validator.NewOrder", "Detail": '{"userId":"1","orderId":"1"}',
        "EventBusName": BUS,
    }]))
    assert sent["FailedEntryCount"] == 0
    new_order_id = sent["Entries"][0]["EventId"]

    # The NewOrder rule started the OrderProcessor with the event as its input.
    def started():
        listed = aws("list-executions", "--state-machine-arn", workflow)["executions"]
        return listed or None
    execution = wait_until(started, what="the OrderProcessor to start")[0]["executionArn"]
    input_event = json.loads(aws("describe-execution", "--execution-arn", execution)["input"])
    assert input_event["id"] == new_order_id
    assert input_event["detail"] == {"userId": "1", "orderId": "1"}
    assert input_event["detail-type"] == "Validator.NewOrder"

    # The log group: one stream per event, named by the event id, the two events in them.
    def both_streams():
        streams = logs(aws, "describe-log-streams", "--log-group-name", LOG_GROUP)["logStreams"]
        return streams if len(streams) >= 2 else None
    streams = wait_until(both_streams, what="two log streams")
    logged = {}
    for stream in streams:
        got = logs(aws, "get-log-events", "--log-group-name", LOG_GROUP, "--log-stream-name", stream["logStreamName"])
        for event in got["events"]:
            body = json.loads(event["message"])
            logged[body["detail-type"]] = (stream["logStreamName"], body)
    assert set(logged) == {"Validator.NewOrder", "OrderProcessor.WorkflowStarted"}
    assert logged["Validator.NewOrder"][0] == new_order_id
    started_stream, started_event = logged["OrderProcessor.WorkflowStarted"]
    assert started_stream == started_event["id"]
    # "This shows all the event information, including the TaskToken generated by Step Functions."
    detail = started_event["detail"]
    assert detail["orderId"] == "1" and detail["userId"] == "1"
    assert len(detail["TaskToken"]) > 20
    assert started_event["source"] == SOURCE
    # AWS adds the execution's and the state machine's ARNs to the event's resources.
    assert started_event["resources"] == [execution, workflow]

    # The WorkflowStarted rule routed the event to its function target; with no function host yet the
    # delivery is dead-lettered, with the event and the reason.
    def dead_lettered():
        found = logs(aws, "filter-log-events", "--log-group-name", "/cortado/events/dead-letters",
                     "--log-stream-names", "WorkflowStarted")["events"]
        letters = [json.loads(e["message"]) for e in found]
        return [letter for letter in letters if letter["RuleArn"] == rule_arn] or None
    letter = wait_until(dead_lettered, what="the function delivery to be dead-lettered")[0]
    assert letter["TargetArn"] == FUNCTION
    assert letter["Event"]["detail"]["TaskToken"] == detail["TaskToken"]

    # The workflow waits on the token, as the tutorial says ("The task pauses until ... SendTaskSuccess").
    assert aws("describe-execution", "--execution-arn", execution)["status"] == "RUNNING"
    aws("send-task-success", "--task-token", detail["TaskToken"], "--task-output", '{"orderId":1}')
