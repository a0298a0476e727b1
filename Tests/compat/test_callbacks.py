"""Callbacks: SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat on `.waitForTaskToken` tasks."""

from __future__ import annotations

import json
import time

import pytest
from botocore.exceptions import ClientError

from support import (
    AwsCliError,
    assert_event_ids,
    callback_definition,
    create_machine,
    error_code,
    error_message,
    full_history,
    task_token_of,
    types,
    wait_closed,
    wait_for_event,
)

TASK_GONE = "Task Timed Out: 'Provided task does not exist anymore'"


def start_waiting(sfn, new_name, definition=None, order_id="o-1"):
    """Starts a callback execution and returns (execution ARN, task token read from the history)."""
    arn = create_machine(sfn, new_name(), definition or callback_definition())
    execution = sfn.start_execution(stateMachineArn=arn, input=json.dumps({"orderId": order_id}))["executionArn"]
    scheduled = wait_for_event(sfn, execution, "TaskScheduled")
    return execution, task_token_of(scheduled)


def test_send_task_success_with_the_cli(sfn, aws, new_name):
    execution, token = start_waiting(sfn, new_name)
    scheduled = wait_for_event(sfn, execution, "TaskScheduled")
    details = scheduled["taskScheduledEventDetails"]
    assert details["resourceType"] == "events"
    assert details["resource"] == "putEvents.waitForTaskToken"
    assert details["region"] == "us-east-1"
    parameters = json.loads(details["parameters"])
    assert parameters["Entries"][0]["Detail"]["orderId"] == "o-1"
    assert sfn.describe_execution(executionArn=execution)["status"] == "RUNNING"

    answer = aws("send-task-success", "--task-output", '{"orderId":1}', "--task-token", token)
    assert answer is None  # SendTaskSuccess answers with an empty body

    described = wait_closed(sfn, execution)
    assert described["status"] == "SUCCEEDED"
    assert json.loads(described["output"]) == {"orderId": 1}
    events = full_history(sfn, execution)
    assert_event_ids(events)
    succeeded = next(e for e in events if e["type"] == "TaskSucceeded")
    assert json.loads(succeeded["taskSucceededEventDetails"]["output"]) == {"orderId": 1}
    assert succeeded["taskSucceededEventDetails"]["resourceType"] == "events"
    assert types(events)[-3:] == ["TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"]
    assert types(events)[:4] == ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted"]


def test_wait_for_task_token_records_the_service_answer_as_task_submitted(sfn, new_name):
    # On AWS a `.waitForTaskToken` service integration records the service's own answer as
    # TaskSubmitted between TaskStarted and the callback's TaskSucceeded (recorded for SQS and SNS;
    # EventBridge PutEvents answers {"Entries": [{"EventId"}], "FailedEntryCount": 0}).
    execution, token = start_waiting(sfn, new_name)
    sfn.send_task_success(taskToken=token, output="{}")
    wait_closed(sfn, execution)
    events = full_history(sfn, execution)
    assert types(events) == [
        "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded",
        "TaskStateExited", "ExecutionSucceeded",
    ]
    submitted = json.loads(events[4]["taskSubmittedEventDetails"]["output"])
    assert submitted["FailedEntryCount"] == 0
    assert len(submitted["Entries"]) == 1 and submitted["Entries"][0]["EventId"]


def test_send_task_failure(sfn, aws, new_name):
    execution, token = start_waiting(sfn, new_name)
    assert aws("send-task-failure", "--task-token", token, "--error", "Order.Rejected", "--cause", "out of beans") is None
    described = wait_closed(sfn, execution)
    assert described["status"] == "FAILED"
    assert described["error"] == "Order.Rejected"
    assert described["cause"] == "out of beans"
    events = full_history(sfn, execution)
    failed = next(e for e in events if e["type"] == "TaskFailed")
    assert failed["taskFailedEventDetails"]["error"] == "Order.Rejected"
    assert failed["taskFailedEventDetails"]["cause"] == "out of beans"
    assert events[-1]["type"] == "ExecutionFailed"


def test_send_task_failure_is_caught(sfn, new_name):
    definition = callback_definition()
    state = definition["States"]["WaitForCallback"]
    state["Catch"] = [{"ErrorEquals": ["Order.Rejected"], "ResultPath": "$.error", "Next": "Rejected"}]
    definition["States"]["Rejected"] = {"Type": "Pass", "End": True}
    execution, token = start_waiting(sfn, new_name, definition)
    sfn.send_task_failure(taskToken=token, error="Order.Rejected", cause="no milk")
    described = wait_closed(sfn, execution)
    assert described["status"] == "SUCCEEDED"
    assert json.loads(described["output"]) == {"orderId": "o-1", "error": {"Error": "Order.Rejected", "Cause": "no milk"}}


def test_a_used_token_is_task_timed_out(sfn, aws, new_name):
    execution, token = start_waiting(sfn, new_name)
    sfn.send_task_success(taskToken=token, output='"first"')
    wait_closed(sfn, execution)
    for call in (
        lambda: sfn.send_task_success(taskToken=token, output='"second"'),
        lambda: sfn.send_task_failure(taskToken=token, error="Late"),
        lambda: sfn.send_task_heartbeat(taskToken=token),
    ):
        with pytest.raises(ClientError) as e:
            call()
        assert error_code(e.value) == "TaskTimedOut"
        assert error_message(e.value) == TASK_GONE
    with pytest.raises(AwsCliError) as cli:
        aws("send-task-success", "--task-output", '{"orderId":1}', "--task-token", token)
    assert cli.value.code == "TaskTimedOut"
    assert json.loads(sfn.describe_execution(executionArn=execution)["output"]) == "first"


def test_a_token_of_a_stopped_execution_is_task_timed_out(sfn, new_name):
    execution, token = start_waiting(sfn, new_name)
    sfn.stop_execution(executionArn=execution)
    with pytest.raises(ClientError) as e:
        sfn.send_task_success(taskToken=token, output="{}")
    assert error_code(e.value) == "TaskTimedOut"


@pytest.mark.parametrize("token", ["garbage", "AAAA" * 50, "x" * 1024])
def test_a_garbage_token_is_invalid_token(sfn, aws, token):
    with pytest.raises(ClientError) as e:
        sfn.send_task_success(taskToken=token, output="{}")
    assert error_code(e.value) == "InvalidToken"
    assert error_message(e.value) == "Invalid Token: 'Invalid token'"
    with pytest.raises(ClientError) as e:
        sfn.send_task_heartbeat(taskToken=token)
    assert error_code(e.value) == "InvalidToken"
    with pytest.raises(AwsCliError) as cli:
        aws("send-task-failure", "--task-token", token)
    assert cli.value.code == "InvalidToken"


def test_a_tampered_token_is_invalid_token(sfn, new_name):
    execution, token = start_waiting(sfn, new_name)
    tampered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    with pytest.raises(ClientError) as e:
        sfn.send_task_success(taskToken=tampered, output="{}")
    assert error_code(e.value) == "InvalidToken"
    assert sfn.describe_execution(executionArn=execution)["status"] == "RUNNING"
    sfn.stop_execution(executionArn=execution)


def test_output_that_is_not_json_is_invalid_output(sfn, new_name):
    execution, token = start_waiting(sfn, new_name)
    with pytest.raises(ClientError) as e:
        sfn.send_task_success(taskToken=token, output="{not json")
    assert error_code(e.value) == "InvalidOutput"
    assert error_message(e.value).startswith("Invalid Output: ")
    # The task is still open: a good answer still works.
    sfn.send_task_success(taskToken=token, output='{"ok": true}')
    assert wait_closed(sfn, execution)["status"] == "SUCCEEDED"


def test_heartbeat_is_accepted_and_the_heartbeat_timeout_fails_the_task(sfn, aws, server, new_name):
    execution, token = start_waiting(sfn, new_name, callback_definition(heartbeat=900, timeout=3600))
    scheduled = wait_for_event(sfn, execution, "TaskScheduled")
    assert scheduled["taskScheduledEventDetails"]["heartbeatInSeconds"] == 900
    assert scheduled["taskScheduledEventDetails"]["timeoutInSeconds"] == 3600
    assert aws("send-task-heartbeat", "--task-token", token) is None
    assert sfn.describe_execution(executionArn=execution)["status"] == "RUNNING"

    fired = server.fast_forward(execution)
    assert fired["timerFired"] is True
    described = wait_closed(sfn, execution)
    assert described["status"] == "FAILED"
    # AWS (recorded): a heartbeat timeout is States.Timeout, TaskTimedOut in the history.
    assert described["error"] == "States.Timeout"
    events = full_history(sfn, execution)
    timed_out = next(e for e in events if e["type"] == "TaskTimedOut")
    assert timed_out["taskTimedOutEventDetails"]["error"] == "States.Timeout"
    assert timed_out["taskTimedOutEventDetails"]["resourceType"] == "events"
    with pytest.raises(ClientError) as e:
        sfn.send_task_success(taskToken=token, output="{}")
    assert error_code(e.value) == "TaskTimedOut"


def test_heartbeats_keep_a_task_alive_past_its_heartbeat_seconds(start_server, client_for, new_name):
    # A server 20x faster than the wall clock: HeartbeatSeconds 40 is two wall seconds.
    fast = start_server("--time-scale", "20")
    sfn = client_for(fast)
    execution, token = start_waiting(sfn, new_name, callback_definition(heartbeat=40))
    deadline = time.monotonic() + 5  # 100 virtual seconds: two and a half heartbeat periods
    while time.monotonic() < deadline:
        sfn.send_task_heartbeat(taskToken=token)
        time.sleep(0.2)
    assert sfn.describe_execution(executionArn=execution)["status"] == "RUNNING"
    # Without heartbeats it times out within about one period.
    described = wait_closed(sfn, execution, timeout=10)
    assert described["status"] == "FAILED"
    assert described["error"] == "States.Timeout"


def test_send_task_failure_without_error_or_cause(sfn, new_name):
    # AWS (recorded): TaskFailed without error or cause; States.ALL catches it with nulls.
    definition = callback_definition()
    definition["States"]["WaitForCallback"]["Catch"] = [
        {"ErrorEquals": ["States.Runtime"], "ResultPath": "$.states_runtime_error", "Next": "CaughtRuntimeError"},
        {"ErrorEquals": ["States.ALL"], "ResultPath": "$.states_all_error", "Next": "CaughtStatesALL"},
    ]
    definition["States"]["CaughtRuntimeError"] = {"Type": "Pass", "End": True}
    definition["States"]["CaughtStatesALL"] = {"Type": "Pass", "End": True}
    execution, token = start_waiting(sfn, new_name, definition)
    sfn.send_task_failure(taskToken=token)
    described = wait_closed(sfn, execution)
    assert described["status"] == "SUCCEEDED"
    assert json.loads(described["output"]) == {"orderId": "o-1", "states_all_error": {"Error": None, "Cause": None}}
    failed = next(e for e in full_history(sfn, execution) if e["type"] == "TaskFailed")["taskFailedEventDetails"]
    assert "error" not in failed and "cause" not in failed
