"""Seed 001, "Waiting for the order" (Serverlesspresso workshop), walked through with the AWS CLI.

The tutorial adds two `events:putEvents.waitForTaskToken` states to the OrderProcessorWorkflow, each with
HeartbeatSeconds 900 and a `States.Timeout` catcher leading to a Pass state, starts an execution with
`{"detail": {"orderId": "1", "userId": "testuser"}}`, copies each TaskToken from the TaskScheduled event
and resumes with `aws stepfunctions send-task-success --task-output '{"orderId":1}' --task-token ...`.

The definition below is the part of OrderProcessorWorkflow the tutorial edits, in JSONPath: the capacity
check as the workshop builds it (`aws-sdk:sfn:listExecutions`, `Executions[20]` present = full), the two
callback states with the tutorial's Parameters, ResultPath, heartbeat and catchers, and the Lambda it does
not touch ("Generate Order Number") as a Pass state producing `$.Order.Payload.orderNumber`.
"""

from __future__ import annotations

import json
import time

import pytest

from support import (
    ROLE_ARN,
    ARN_PREFIX,
    AwsCli,
    AwsCliError,
    assert_event_ids,
    types,
)

TUTORIAL_INPUT = {"detail": {"orderId": "1", "userId": "testuser"}}
ORDER_NUMBER = 1001  # what the stand-in for the "Generate Order Number" Lambda returns


def order_processor(own_arn: str) -> dict:
    return {
        "Comment": "OrderProcessorWorkflow: the states module 'Waiting for the order' adds, and their neighbours",
        "StartAt": "Get Capacity Status",
        "States": {
            "Get Capacity Status": {
                "Type": "Task",
                "Resource": "arn:aws:states:::aws-sdk:sfn:listExecutions",
                "Parameters": {"StateMachineArn": own_arn, "MaxResults": 100, "StatusFilter": "RUNNING"},
                "ResultPath": "$.isCapacityAvailable",
                "Next": "Is capacity available?",
            },
            "Is capacity available?": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.isCapacityAvailable.Executions[20]", "IsPresent": True,
                             "Next": "Shop not Ready"}],
                "Default": "Emit - Workflow Started TT",
            },
            "Shop not Ready": {"Type": "Pass", "End": True},
            "Emit - Workflow Started TT": {
                "Type": "Task",
                "Resource": "arn:aws:states:::events:putEvents.waitForTaskToken",
                "Parameters": {
                    "Entries": [{
                        "Detail": {
                            "Message": "The workflow waits for your order to be submitted. It emits an event with a "
                                       "unique 'task token'. The token is stored in an Amazon DynamoDB table, along "
                                       "with your order ID.",
                            "TaskToken.$": "$$.Task.Token",
                            "orderId.$": "$.detail.orderId",
                            "userId.$": "$.detail.userId",
                        },
                        "DetailType": "OrderProcessor.WorkflowStarted",
                        "EventBusName": "Serverlesspresso",
                        "Source": "awsserverlessda.serverlesspresso",
                    }]
                },
                "HeartbeatSeconds": 900,
                # "Discard result and keep original input"
                "ResultPath": None,
                "Catch": [{"ErrorEquals": ["States.Timeout"], "Comment": "Customer timed out",
                           "Next": "Customer timedout"}],
                "Next": "Generate Order Number",
            },
            "Generate Order Number": {
                "Type": "Pass",
                "Comment": "Stands in for the Lambda invoke the tutorial does not touch",
                "Result": {"Payload": {"orderNumber": ORDER_NUMBER}},
                "ResultPath": "$.Order",
                "Next": "Emit - Awaiting Completion TT",
            },
            "Emit - Awaiting Completion TT": {
                "Type": "Task",
                "Resource": "arn:aws:states:::events:putEvents.waitForTaskToken",
                "Parameters": {
                    "Entries": [{
                        "Detail": {
                            "Message": "You pressed 'submit order'. The workflow resumes using the stored 'task "
                                       "token', it generates your order number. It then pauses again, emitting an "
                                       "event with a new 'task token'.",
                            "TaskToken.$": "$$.Task.Token",
                            "orderId.$": "$.detail.orderId",
                            "orderNumber.$": "$.Order.Payload.orderNumber",
                            "userId.$": "$.detail.userId",
                        },
                        "DetailType": "OrderProcessor.WaitingCompletion",
                        "EventBusName": "Serverlesspresso",
                        "Source": "awsserverlessda.serverlesspresso",
                    }]
                },
                "HeartbeatSeconds": 900,
                # "Combine original input with result", at $.order
                "ResultPath": "$.order",
                "Catch": [{"ErrorEquals": ["States.Timeout"], "Comment": "Barista timed out", "ResultPath": "$.comment",
                           "Next": "Barista timedout"}],
                "Next": "Pass",
            },
            "Pass": {"Type": "Pass", "End": True},
            "Customer timedout": {"Type": "Pass", "Result": "Customer timedout", "ResultPath": "$.cause", "End": True},
            "Barista timedout": {"Type": "Pass", "Result": "Barista timedout", "ResultPath": "$.cause", "End": True},
        },
    }


def create_workflow(aws: AwsCli, name: str, tmp_path) -> str:
    arn = f"{ARN_PREFIX}stateMachine:{name}"
    path = tmp_path / "order-processor.asl.json"
    path.write_text(json.dumps(order_processor(arn), indent=2))
    created = aws("create-state-machine", "--name", name, "--definition", f"file://{path}", "--role-arn", ROLE_ARN)
    assert created["stateMachineArn"] == arn
    return arn


def history(aws: AwsCli, execution: str) -> list[dict]:
    return aws("get-execution-history", "--execution-arn", execution)["events"]


def scheduled_event_of(aws: AwsCli, execution: str, state: str, timeout: float = 30) -> dict:
    """The TaskScheduled event of `state`, as the console's event history shows it: the TaskScheduled
    whose previousEventId is that state's TaskStateEntered."""
    deadline = time.monotonic() + timeout
    while True:
        events = history(aws, execution)
        entered = [e["id"] for e in events
                   if e["type"] == "TaskStateEntered" and e["stateEnteredEventDetails"]["name"] == state]
        scheduled = [e for e in events if e["type"] == "TaskScheduled" and e["previousEventId"] in entered]
        if scheduled:
            return scheduled[-1]
        assert time.monotonic() < deadline, f"no TaskScheduled for {state!r}; history: {types(events)}"
        time.sleep(0.2)


def token_in(scheduled: dict) -> tuple[str, dict]:
    parameters = json.loads(scheduled["taskScheduledEventDetails"]["parameters"])
    detail = parameters["Entries"][0]["Detail"]
    return detail["TaskToken"], detail


def wait_status(aws: AwsCli, execution: str, timeout: float = 30) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        described = aws("describe-execution", "--execution-arn", execution)
        if described["status"] != "RUNNING":
            return described
        assert time.monotonic() < deadline, f"{execution} still RUNNING after {timeout} s"
        time.sleep(0.2)


def test_the_tutorial_walk_through(aws, new_name, tmp_path):
    arn = create_workflow(aws, new_name("OrderProcessorWorkflow"), tmp_path)
    started = aws("start-execution", "--state-machine-arn", arn, "--input", json.dumps(TUTORIAL_INPUT))
    execution = started["executionArn"]

    # "In the Execution event history panel, open the TaskScheduled event for Emit - Workflow Started TT."
    first = scheduled_event_of(aws, execution, "Emit - Workflow Started TT")
    details = first["taskScheduledEventDetails"]
    assert (details["resourceType"], details["resource"]) == ("events", "putEvents.waitForTaskToken")
    assert details["heartbeatInSeconds"] == 900
    token, detail = token_in(first)
    assert (detail["orderId"], detail["userId"]) == ("1", "testuser")
    assert aws("describe-execution", "--execution-arn", execution)["status"] == "RUNNING"

    # aws stepfunctions send-task-success --task-output '{"orderId":1}' --task-token YOUR_TASK_TOKEN
    assert aws("send-task-success", "--task-output", '{"orderId":1}', "--task-token", token) is None

    # "Execution continues to the next state waiting for a callback."
    second = scheduled_event_of(aws, execution, "Emit - Awaiting Completion TT")
    token2, detail2 = token_in(second)
    assert token2 != token
    assert detail2["orderNumber"] == ORDER_NUMBER
    assert (detail2["orderId"], detail2["userId"]) == ("1", "testuser")
    assert aws("describe-execution", "--execution-arn", execution)["status"] == "RUNNING"

    assert aws("send-task-success", "--task-output", '{"orderId":1}', "--task-token", token2) is None

    # "The console shows that the execution is now finished for the workflow."
    described = wait_status(aws, execution)
    assert described["status"] == "SUCCEEDED", described
    output = json.loads(described["output"])
    # ResultPath null keeps the input; the second callback's result lands at $.order.
    assert output["detail"] == TUTORIAL_INPUT["detail"]
    assert output["Order"] == {"Payload": {"orderNumber": ORDER_NUMBER}}
    assert output["order"] == {"orderId": 1}
    running = output["isCapacityAvailable"]["Executions"]
    assert execution in [e["ExecutionArn"] for e in running]
    assert set(output) == {"detail", "isCapacityAvailable", "Order", "order"}

    events = history(aws, execution)
    assert_event_ids(events)
    entered = [e["stateEnteredEventDetails"]["name"] for e in events if e["type"].endswith("StateEntered")]
    assert entered == ["Get Capacity Status", "Is capacity available?", "Emit - Workflow Started TT",
                       "Generate Order Number", "Emit - Awaiting Completion TT", "Pass"]
    succeeded = [json.loads(e["taskSucceededEventDetails"]["output"]) for e in events if e["type"] == "TaskSucceeded"]
    assert succeeded[-2:] == [{"orderId": 1}, {"orderId": 1}]
    # Each event of the callback states points at the one before it.
    for e in events[2:]:
        assert e["previousEventId"] == e["id"] - 1, e

    # The tokens are spent now.
    with pytest.raises(AwsCliError) as spent:
        aws("send-task-success", "--task-output", '{"orderId":1}', "--task-token", token)
    assert spent.value.code == "TaskTimedOut"


def test_the_customer_does_not_order_in_time(aws, server, new_name, tmp_path):
    arn = create_workflow(aws, new_name("OrderProcessorWorkflow"), tmp_path)
    execution = aws("start-execution", "--state-machine-arn", arn, "--input", json.dumps(TUTORIAL_INPUT))["executionArn"]
    scheduled_event_of(aws, execution, "Emit - Workflow Started TT")

    # Fifteen minutes pass: fire the heartbeat timer now.
    assert server.fast_forward(execution)["timerFired"] is True
    described = wait_status(aws, execution)
    assert described["status"] == "SUCCEEDED", described
    events = history(aws, execution)
    assert_event_ids(events)
    timed_out = [e for e in events if e["type"] == "TaskTimedOut"]
    assert len(timed_out) == 1
    assert timed_out[0]["taskTimedOutEventDetails"]["error"] == "States.Timeout"
    entered = [e["stateEnteredEventDetails"]["name"] for e in events if e["type"].endswith("StateEntered")]
    assert entered[-2:] == ["Emit - Workflow Started TT", "Customer timedout"]

    # The catcher (no ResultPath) passes the error output; the Pass state adds its Result at $.cause.
    output = json.loads(described["output"])
    assert output["cause"] == "Customer timedout"
    assert output["Error"] == "States.Timeout"
    # AWS (recorded for a caught task timeout): the error output is {"Error": "States.Timeout", "Cause": ""}.
    assert output == {"Error": "States.Timeout", "Cause": "", "cause": "Customer timedout"}


def test_the_barista_does_not_finish_in_time_on_a_fast_clock(start_server, new_name, tmp_path):
    # `--time-scale 100`: the 900 s heartbeat expires after 9 wall-clock seconds.
    fast = start_server("--time-scale", "100")
    aws = AwsCli(fast.endpoint)
    arn = create_workflow(aws, new_name("OrderProcessorWorkflow"), tmp_path)
    execution = aws("start-execution", "--state-machine-arn", arn, "--input", json.dumps(TUTORIAL_INPUT))["executionArn"]
    token, _ = token_in(scheduled_event_of(aws, execution, "Emit - Workflow Started TT"))
    aws("send-task-success", "--task-output", '{"orderId":1}', "--task-token", token)
    scheduled_event_of(aws, execution, "Emit - Awaiting Completion TT")

    described = wait_status(aws, execution, timeout=60)
    assert described["status"] == "SUCCEEDED", described
    output = json.loads(described["output"])
    # The barista catcher puts the error at $.comment; the Pass state adds "Barista timedout" at $.cause.
    assert output["cause"] == "Barista timedout"
    assert output["detail"] == TUTORIAL_INPUT["detail"]
    assert output["Order"] == {"Payload": {"orderNumber": ORDER_NUMBER}}
    assert "order" not in output
    events = history(aws, execution)
    assert [e["type"] for e in events].count("TaskTimedOut") == 1
    # Nine wall seconds are 900 s on this server's clock.
    started_at = next(e for e in events if e["type"] == "TaskScheduled" and
                      "WaitingCompletion" in e["taskScheduledEventDetails"]["parameters"])["timestamp"]
    timed_out_at = next(e for e in events if e["type"] == "TaskTimedOut")["timestamp"]
    assert 899 <= timed_out_at - started_at <= 960
    assert output["comment"]["Error"] == "States.Timeout"
    # AWS (recorded for a caught task timeout): {"Error": "States.Timeout", "Cause": ""}.
    assert output["comment"] == {"Error": "States.Timeout", "Cause": ""}
