"""`arn:aws:states:::aws-sdk:sfn:*` inside a workflow: listExecutions and sendTaskSuccess."""

from __future__ import annotations

import json
import re

from support import (
    HOLD_OR_FINISH,
    callback_definition,
    create_machine,
    full_history,
    task_token_of,
    types,
    wait_closed,
    wait_for_event,
)


def test_list_executions_from_a_workflow(sfn, new_name):
    target = create_machine(sfn, new_name("target"), HOLD_OR_FINISH)
    held = [sfn.start_execution(stateMachineArn=target, name=new_name(f"h{i}"), input='{"hold": true}')["executionArn"]
            for i in range(2)]
    done = sfn.start_execution(stateMachineArn=target, name=new_name("d"))["executionArn"]
    wait_closed(sfn, done)

    # As the serverlesspresso "Get Capacity Status" state does it.
    lister = {
        "StartAt": "Get Capacity Status",
        "States": {"Get Capacity Status": {
            "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sfn:listExecutions",
            "Parameters": {"StateMachineArn": target, "StatusFilter": "RUNNING"},
            "ResultSelector": {"runningExecutionsCount.$": "States.ArrayLength($.Executions)",
                               "arns.$": "$.Executions[*].ExecutionArn",
                               "first.$": "$.Executions[0]"},
            "ResultPath": "$.isCapacityAvailable", "End": True}},
    }
    execution = sfn.start_execution(stateMachineArn=create_machine(sfn, new_name(), lister), input="{}")["executionArn"]
    described = wait_closed(sfn, execution)
    assert described["status"] == "SUCCEEDED", described
    result = json.loads(described["output"])["isCapacityAvailable"]
    assert result["runningExecutionsCount"] == 2
    assert sorted(result["arns"]) == sorted(held)
    first = result["first"]
    # PascalCase members, as the SDK integrations give them.
    assert {"ExecutionArn", "Name", "StartDate", "StateMachineArn", "Status"} <= set(first)
    assert first["Status"] == "RUNNING"
    assert first["StateMachineArn"] == target
    scheduled = next(e for e in full_history(sfn, execution) if e["type"] == "TaskScheduled")
    assert scheduled["taskScheduledEventDetails"]["resourceType"] == "aws-sdk:sfn"
    assert scheduled["taskScheduledEventDetails"]["resource"] == "listExecutions"
    for arn in held:
        sfn.stop_execution(executionArn=arn)


def test_send_task_success_from_a_workflow(sfn, new_name):
    waiting = create_machine(sfn, new_name("waiting"), callback_definition())
    waiter = sfn.start_execution(stateMachineArn=waiting, input='{"orderId": "o-9"}')["executionArn"]
    token = task_token_of(wait_for_event(sfn, waiter, "TaskScheduled"))

    sender = {
        "StartAt": "Resume",
        "States": {"Resume": {
            "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sfn:sendTaskSuccess",
            "Parameters": {"TaskToken.$": "$.token", "Output.$": "States.JsonToString($.result)"}, "End": True}},
    }
    execution = sfn.start_execution(stateMachineArn=create_machine(sfn, new_name("sender"), sender),
                                    input=json.dumps({"token": token, "result": {"from": "sdk"}}))["executionArn"]
    described = wait_closed(sfn, execution)
    assert described["status"] == "SUCCEEDED", described
    assert json.loads(described["output"]) == {}  # SendTaskSuccess has an empty answer

    resumed = wait_closed(sfn, waiter)
    assert resumed["status"] == "SUCCEEDED"
    assert json.loads(resumed["output"]) == {"from": "sdk"}


def test_send_task_success_with_no_such_token_from_a_workflow(sfn, new_name):
    # AWS (recorded): Sfn.InvalidTokenException, the SDK's message with service, status and request id.
    sender = {
        "StartAt": "Resume",
        "States": {"Resume": {
            "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sfn:sendTaskSuccess",
            "Parameters": {"Output": "ParameterOutput", "TaskToken.$": "$$.Execution.Input.TaskToken"}, "End": True}},
    }
    execution = sfn.start_execution(stateMachineArn=create_machine(sfn, new_name(), sender),
                                    input='{"TaskToken": "NoSuchTaskToken"}')["executionArn"]
    described = wait_closed(sfn, execution)
    assert described["status"] == "FAILED"
    assert described["error"] == "Sfn.InvalidTokenException"
    assert re.fullmatch(
        r"Invalid Token: 'Invalid token' \(Service: Sfn, Status Code: 400, Request ID: [0-9a-f-]{36}\) "
        r"\(SDK Attempt Count: 1\)", described["cause"]), described["cause"]
    assert types(full_history(sfn, execution))[-2:] == ["TaskFailed", "ExecutionFailed"]
