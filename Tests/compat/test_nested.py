"""Nested executions: `arn:aws:states:::states:startExecution` (request-response, `.sync`, `.sync:2`)."""

from __future__ import annotations

import json

import pytest

from support import (
    ARN_PREFIX,
    assert_event_ids,
    create_machine,
    full_history,
    types,
    wait_closed,
)

CHILD = {
    "StartAt": "Brew",
    "States": {"Brew": {"Type": "Pass", "Parameters": {"brewed.$": "$.drink", "by": "child"}, "End": True}},
}

FAILING_CHILD = {"StartAt": "Spill", "States": {"Spill": {"Type": "Fail", "Error": "Child.Spilled", "Cause": "oops"}}}


def parent(resource: str, child_arn: str, name: str | None = None) -> dict:
    parameters = {"StateMachineArn": child_arn, "Input": {"drink.$": "$.drink"}}
    if name:
        parameters["Name"] = name
    return {"StartAt": "Child", "States": {"Child": {"Type": "Task", "Resource": resource, "Parameters": parameters,
                                                     "End": True}}}


def run_parent(sfn, new_name, resource, child_definition=CHILD, child_name=None):
    child_machine = new_name("child")
    child_arn = create_machine(sfn, child_machine, child_definition)
    parent_arn = create_machine(sfn, new_name("parent"), parent(resource, child_arn, child_name))
    execution = sfn.start_execution(stateMachineArn=parent_arn, input='{"drink": "cortado"}')["executionArn"]
    return child_machine, child_arn, execution, wait_closed(sfn, execution)


def test_start_execution_request_response(sfn, new_name):
    child_machine, child_arn, execution, described = run_parent(
        sfn, new_name, "arn:aws:states:::states:startExecution", child_name="kid")
    assert described["status"] == "SUCCEEDED"
    output = json.loads(described["output"])
    # AWS (recorded): ExecutionArn, StartDate and the SDK's HTTP metadata, keys in this order.
    assert list(output) == ["ExecutionArn", "SdkHttpMetadata", "SdkResponseMetadata", "StartDate"]
    assert output["ExecutionArn"] == f"{ARN_PREFIX}execution:{child_machine}:kid"
    assert output["SdkHttpMetadata"]["HttpStatusCode"] == 200
    # The child runs on its own and finishes.
    child = wait_closed(sfn, output["ExecutionArn"])
    assert child["status"] == "SUCCEEDED"
    assert json.loads(child["input"]) == {"drink": "cortado"}
    assert json.loads(child["output"]) == {"brewed": "cortado", "by": "child"}
    events = full_history(sfn, execution)
    assert types(events) == ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
                             "TaskStateExited", "ExecutionSucceeded"]
    scheduled = events[2]["taskScheduledEventDetails"]
    assert (scheduled["resourceType"], scheduled["resource"]) == ("states", "startExecution")


def test_start_execution_sync_output_has_strings(sfn, new_name):
    child_machine, child_arn, execution, described = run_parent(sfn, new_name, "arn:aws:states:::states:startExecution.sync")
    assert described["status"] == "SUCCEEDED"
    output = json.loads(described["output"])
    # AWS (recorded): the child's description in PascalCase; Input and Output as JSON text.
    for key in ["ExecutionArn", "Input", "InputDetails", "Name", "Output", "OutputDetails", "StartDate",
                "StateMachineArn", "Status", "StopDate"]:
        assert key in output, f"{key} missing from {sorted(output)}"
    assert output["Status"] == "SUCCEEDED"
    assert output["StateMachineArn"] == child_arn
    assert output["ExecutionArn"].startswith(f"{ARN_PREFIX}execution:{child_machine}:")
    assert isinstance(output["Input"], str) and json.loads(output["Input"]) == {"drink": "cortado"}
    assert isinstance(output["Output"], str) and json.loads(output["Output"]) == {"brewed": "cortado", "by": "child"}
    assert output["InputDetails"] == {"Included": True}
    assert output["OutputDetails"] == {"Included": True}

    events = full_history(sfn, execution)
    assert_event_ids(events)
    assert types(events) == ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted",
                             "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"]
    submitted = json.loads(events[4]["taskSubmittedEventDetails"]["output"])
    assert submitted["ExecutionArn"] == output["ExecutionArn"]
    assert events[4]["taskSubmittedEventDetails"]["resource"] == "startExecution.sync"
    # The child is a normal execution of the child machine.
    child = sfn.describe_execution(executionArn=output["ExecutionArn"])
    assert child["status"] == "SUCCEEDED"


def test_start_execution_sync2_output_has_json(sfn, new_name):
    _, child_arn, execution, described = run_parent(sfn, new_name, "arn:aws:states:::states:startExecution.sync:2")
    assert described["status"] == "SUCCEEDED"
    output = json.loads(described["output"])
    assert output["Status"] == "SUCCEEDED"
    assert output["StateMachineArn"] == child_arn
    # `.sync:2`: Input and Output are JSON values, not text.
    assert output["Input"] == {"drink": "cortado"}
    assert output["Output"] == {"brewed": "cortado", "by": "child"}
    events = full_history(sfn, execution)
    assert events[4]["type"] == "TaskSubmitted"
    assert events[4]["taskSubmittedEventDetails"]["resource"] == "startExecution.sync:2"


@pytest.mark.parametrize("resource", ["arn:aws:states:::states:startExecution.sync",
                                      "arn:aws:states:::states:startExecution.sync:2"])
def test_a_failed_child_fails_the_task(sfn, new_name, resource):
    _, child_arn, execution, described = run_parent(sfn, new_name, resource, FAILING_CHILD)
    assert described["status"] == "FAILED"
    # AWS (recorded): States.TaskFailed with the child's description as the cause.
    assert described["error"] == "States.TaskFailed"
    cause = json.loads(described["cause"])
    assert cause["Status"] == "FAILED"
    assert cause["Error"] == "Child.Spilled"
    assert cause["Cause"] == "oops"
    assert cause["StateMachineArn"] == child_arn
    events = full_history(sfn, execution)
    assert types(events)[-2:] == ["TaskFailed", "ExecutionFailed"]
    assert events[-2]["taskFailedEventDetails"]["error"] == "States.TaskFailed"


def test_a_child_of_a_missing_machine_fails_the_task(sfn, new_name):
    missing = f"{ARN_PREFIX}stateMachine:{new_name('missing')}"
    parent_arn = create_machine(sfn, new_name(), parent("arn:aws:states:::states:startExecution", missing))
    execution = sfn.start_execution(stateMachineArn=parent_arn, input='{"drink": "x"}')["executionArn"]
    described = wait_closed(sfn, execution)
    assert described["status"] == "FAILED"
    assert described["error"] == "StepFunctions.StateMachineDoesNotExistException"
    assert missing in described["cause"]
