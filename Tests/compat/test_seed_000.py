"""Seed 000, "Workflow Started" (Serverlesspresso workshop), walked through with the AWS CLI.

The tutorial creates the `WorkflowStarted` rule on the `Serverlesspresso` bus with the pattern
`{"detail-type": ["OrderProcessor.WorkflowStarted"], "source": ["awsserverlessda.serverlesspresso"]}` and a
Lambda target, sends `Validator.NewOrder` with detail `{"userId":"1","orderId":"1"}` from the console's
"Send events" form, and then finds, in the log group `/aws/events/serverlesspressoEventBus`, one log
stream per event: the NewOrder event and the WorkflowStarted event carrying the task token.

What the core stack deploys beforehand is set up here with the CLI too: the bus, the OrderProcessor
workflow (seed 001's definition), the `NewOrder` rule that starts it, the log group and the log-all rule,
and the `serverlesspresso-WorkflowStarted` function (fixtures/seed_000/workflow_started.py, Python). The
workshop's function keeps the task token in DynamoDB for the order app; this one answers it with
SendTaskSuccess through boto3, so the workflow moves on to its next wait ("Emit - Awaiting Completion TT"),
which emits `OrderProcessor.WaitingCompletion` to the same bus.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import ACCOUNT, REGION, AwsCli, AwsCliError, create_function_cli, log_messages, wait_until, write_zip
from test_seed_001 import create_workflow, scheduled_event_of, token_in, wait_status

BUS = "Serverlesspresso"
LOG_GROUP = "/aws/events/serverlesspressoEventBus"
SOURCE = "awsserverlessda.serverlesspresso"
FUNCTION_NAME = "serverlesspresso-WorkflowStarted"
FUNCTION = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{FUNCTION_NAME}"
FUNCTION_CODE = Path(__file__).parent / "fixtures" / "seed_000" / "workflow_started.py"


def events(aws, *args):
    return aws(*args, service="events")


def logs(aws, *args):
    return aws(*args, service="logs")


def test_workflow_started_walkthrough(start_server, new_name, tmp_path):
    # A server of its own: the WorkflowStarted function answers every WorkflowStarted event's token on the
    # Serverlesspresso bus, which would answer the tokens the seed 001 tests wait on in the shared server.
    aws = AwsCli(start_server().endpoint)
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
    package = write_zip(tmp_path / "workflow-started.zip", {"app.py": FUNCTION_CODE.read_text()})
    created = create_function_cli(aws, FUNCTION_NAME, package, runtime="python3.12", handler="app.handler")
    assert created["FunctionArn"] == FUNCTION

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

    # The WorkflowStarted rule ran its function target with the event; the function answered the token,
    # so the workflow left "Emit - Workflow Started TT" with the function's output.
    def workflow_started_exited():
        history = aws("get-execution-history", "--execution-arn", execution)["events"]
        exited = [e for e in history if e["type"] == "TaskStateExited"
                  and e["stateExitedEventDetails"]["name"] == "Emit - Workflow Started TT"]
        return (history, exited[0]) if exited else None
    history, exited = wait_until(workflow_started_exited, timeout=30, interval=0.3,
                                 what="the function to answer the WorkflowStarted task token")
    by_id = {e["id"]: e for e in history}
    done = by_id[exited["previousEventId"]]
    assert done["type"] == "TaskSucceeded", done
    assert json.loads(done["taskSucceededEventDetails"]["output"]) == {"orderId": "1"}
    scheduled = scheduled_event_of(aws, execution, "Emit - Workflow Started TT")
    assert scheduled["id"] < done["id"]

    # The log group: one stream per event, named by the event id. Besides the two events the tutorial
    # shows, the WaitingCompletion event the workflow emitted once the function had resumed it.
    def three_streams():
        streams = logs(aws, "describe-log-streams", "--log-group-name", LOG_GROUP)["logStreams"]
        return streams if len(streams) >= 3 else None
    streams = wait_until(three_streams, what="three log streams")
    logged = {}
    for stream in streams:
        got = logs(aws, "get-log-events", "--log-group-name", LOG_GROUP, "--log-stream-name", stream["logStreamName"])
        for event in got["events"]:
            body = json.loads(event["message"])
            logged[body["detail-type"]] = (stream["logStreamName"], body)
    assert set(logged) == {"Validator.NewOrder", "OrderProcessor.WorkflowStarted", "OrderProcessor.WaitingCompletion"}
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
    # The token the function answered is the one in the event.
    assert token_in(scheduled)[0] == detail["TaskToken"]
    waiting = logged["OrderProcessor.WaitingCompletion"][1]["detail"]
    assert (waiting["orderId"], waiting["userId"]) == ("1", "1")
    assert waiting["TaskToken"] != detail["TaskToken"]

    # The function's log group holds its invocation: the platform lines and what it printed.
    def function_report():
        messages = log_messages(aws, f"/aws/lambda/{FUNCTION_NAME}")
        return messages if any(m.startswith("REPORT RequestId: ") for m in messages) else None
    messages = wait_until(function_report, interval=0.3, what="the function's REPORT line")
    assert any(m.startswith("START RequestId: ") for m in messages), messages
    assert "WorkflowStarted: order 1 for user 1" in messages
    assert "Resumed the workflow for order 1" in messages

    # The first token is spent; the workflow waits on the next one (the barista's), as seed 001 goes on.
    with pytest.raises(AwsCliError) as spent:
        aws("send-task-success", "--task-token", detail["TaskToken"], "--task-output", '{"orderId":1}')
    assert spent.value.code == "TaskTimedOut"
    assert aws("describe-execution", "--execution-arn", execution)["status"] == "RUNNING"
    second, _ = token_in(scheduled_event_of(aws, execution, "Emit - Awaiting Completion TT"))
    assert second == waiting["TaskToken"]
    aws("send-task-success", "--task-token", second, "--task-output", '{"orderId":1}')
    assert wait_status(aws, execution)["status"] == "SUCCEEDED"
