"""Executions: start, idempotent names, describe, list, history, stop, StartSyncExecution."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from support import (
    ARN_PREFIX,
    PASS_DEFINITION,
    ROLE_ARN,
    WAIT_DEFINITION,
    HOLD_OR_FINISH,
    AwsCliError,
    assert_event_ids,
    create_machine,
    error_code,
    epoch,
    error_message,
    full_history,
    same_events,
    types,
    wait_closed,
)

TWO_PASSES = {
    "StartAt": "First",
    "States": {
        "First": {"Type": "Pass", "Result": {"step": 1}, "ResultPath": "$.first", "Next": "Second"},
        "Second": {"Type": "Pass", "Result": {"step": 2}, "ResultPath": "$.second", "End": True},
    },
}


def test_start_and_describe_with_the_cli(aws, sfn, new_name):
    machine_name = new_name()
    arn = create_machine(sfn, machine_name)
    execution_name = new_name("run")
    started = aws("start-execution", "--state-machine-arn", arn, "--name", execution_name, "--input", '{"name": "Ada"}')
    assert started["executionArn"] == f"{ARN_PREFIX}execution:{machine_name}:{execution_name}"
    assert isinstance(started["startDate"], (int, float))

    wait_closed(sfn, started["executionArn"])
    described = aws("describe-execution", "--execution-arn", started["executionArn"])
    assert described["executionArn"] == started["executionArn"]
    assert described["stateMachineArn"] == arn
    assert described["name"] == execution_name
    assert described["status"] == "SUCCEEDED"
    assert described["startDate"] == started["startDate"]
    assert described["stopDate"] >= described["startDate"]
    assert described["input"] == '{"name": "Ada"}'  # the text as sent
    assert described["inputDetails"] == {"included": True}
    assert json.loads(described["output"]) == {"greeting": "Hello, Ada"}
    assert described["outputDetails"] == {"included": True}
    # AWS (recorded): redrive fields on a closed execution.
    assert described["redriveCount"] == 0
    assert described["redriveStatus"] == "NOT_REDRIVABLE"
    assert described["redriveStatusReason"] == "Execution is SUCCEEDED and cannot be redriven"


def test_start_without_name_or_input(sfn, new_name):
    arn = create_machine(sfn, new_name(), TWO_PASSES)
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    described = wait_closed(sfn, execution)
    assert described["input"] == "{}"
    assert json.loads(described["output"]) == {"first": {"step": 1}, "second": {"step": 2}}
    # A generated name is a UUID, as on AWS.
    assert len(described["name"]) == 36 and described["name"].count("-") == 4


def test_failed_execution_reports_error_and_cause(sfn, new_name):
    definition = {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Compat.Error", "Cause": "on purpose"}}}
    arn = create_machine(sfn, new_name(), definition)
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    described = wait_closed(sfn, execution)
    assert described["status"] == "FAILED"
    assert described["error"] == "Compat.Error"
    assert described["cause"] == "on purpose"
    assert "output" not in described
    assert described["redriveStatus"] == "REDRIVABLE"
    last = full_history(sfn, execution)[-1]
    assert last["type"] == "ExecutionFailed"
    assert last["executionFailedEventDetails"] == {"error": "Compat.Error", "cause": "on purpose"}


def test_same_name_and_input_while_running_returns_the_same_execution(sfn, aws, new_name):
    arn = create_machine(sfn, new_name(), HOLD_OR_FINISH)
    name = new_name("once")
    first = sfn.start_execution(stateMachineArn=arn, name=name, input='{"hold": true}')
    again = sfn.start_execution(stateMachineArn=arn, name=name, input='{"hold": true}')
    assert again["executionArn"] == first["executionArn"]
    assert again["startDate"] == first["startDate"]

    # Different input: refused, naming the execution.
    with pytest.raises(ClientError) as e:
        sfn.start_execution(stateMachineArn=arn, name=name, input='{"hold": true, "other": 1}')
    assert error_code(e.value) == "ExecutionAlreadyExists"
    assert first["executionArn"] in error_message(e.value)
    with pytest.raises(AwsCliError) as cli:
        aws("start-execution", "--state-machine-arn", arn, "--name", name, "--input", "{}")
    assert cli.value.code == "ExecutionAlreadyExists"

    # Once closed, even the same input is refused.
    sfn.stop_execution(executionArn=first["executionArn"])
    with pytest.raises(ClientError) as e:
        sfn.start_execution(stateMachineArn=arn, name=name, input='{"hold": true}')
    assert error_code(e.value) == "ExecutionAlreadyExists"

    running = sfn.list_executions(stateMachineArn=arn)["executions"]
    assert [x["executionArn"] for x in running] == [first["executionArn"]]


def test_list_with_status_filter_and_paging(sfn, aws, new_name):
    arn = create_machine(sfn, new_name(), HOLD_OR_FINISH)
    finished = [sfn.start_execution(stateMachineArn=arn, name=new_name(f"done{i}"))["executionArn"] for i in range(3)]
    held = [sfn.start_execution(stateMachineArn=arn, name=new_name(f"held{i}"), input='{"hold": true}')["executionArn"]
            for i in range(2)]
    for e in finished:
        assert wait_closed(sfn, e)["status"] == "SUCCEEDED"

    def all_pages(**kwargs) -> list[dict]:
        items: list[dict] = []
        token = None
        while True:
            page = sfn.list_executions(stateMachineArn=arn, maxResults=2, **kwargs, **({"nextToken": token} if token else {}))
            assert len(page["executions"]) <= 2
            items += page["executions"]
            token = page.get("nextToken")
            if not token:
                return items

    succeeded = all_pages(statusFilter="SUCCEEDED")
    assert sorted(x["executionArn"] for x in succeeded) == sorted(finished)
    for x in succeeded:
        assert x["status"] == "SUCCEEDED"
        assert x["stateMachineArn"] == arn
        assert "stopDate" in x
        assert x["redriveCount"] == 0  # AWS lists it, 0 included (recorded)
    running = all_pages(statusFilter="RUNNING")
    assert sorted(x["executionArn"] for x in running) == sorted(held)
    assert all("stopDate" not in x for x in running)

    everything = all_pages()
    assert sorted(x["executionArn"] for x in everything) == sorted(finished + held)
    # Newest first.
    starts = [x["startDate"] for x in everything]
    assert starts == sorted(starts, reverse=True)

    assert all_pages(statusFilter="ABORTED") == []
    cli = aws("list-executions", "--state-machine-arn", arn, "--status-filter", "RUNNING")
    assert sorted(x["executionArn"] for x in cli["executions"]) == sorted(held)
    # The CLI's own paginator follows nextToken one execution at a time.
    cli_all = aws("list-executions", "--state-machine-arn", arn, "--page-size", "1")
    assert sorted(x["executionArn"] for x in cli_all["executions"]) == sorted(finished + held)
    for e in held:
        sfn.stop_execution(executionArn=e)


def test_history_paging_and_reverse_order(sfn, aws, new_name):
    arn = create_machine(sfn, new_name(), TWO_PASSES)
    execution = sfn.start_execution(stateMachineArn=arn, input='{"n": 1}')["executionArn"]
    wait_closed(sfn, execution)

    whole = sfn.get_execution_history(executionArn=execution)
    assert "nextToken" not in whole
    events = whole["events"]
    assert types(events) == [
        "ExecutionStarted", "PassStateEntered", "PassStateExited", "PassStateEntered", "PassStateExited",
        "ExecutionSucceeded",
    ]
    assert_event_ids(events)
    # AWS (recorded): the first state's entry points at 0, later events at the one before.
    assert [e["previousEventId"] for e in events] == [0, 0, 2, 3, 4, 5]
    started = events[0]["executionStartedEventDetails"]
    assert json.loads(started["input"]) == {"n": 1}
    assert started["inputDetails"] == {"truncated": False}
    assert started["roleArn"] == ROLE_ARN
    assert events[1]["stateEnteredEventDetails"]["name"] == "First"
    assert json.loads(events[4]["stateExitedEventDetails"]["output"]) == {"n": 1, "first": {"step": 1}, "second": {"step": 2}}
    assert events[4]["stateExitedEventDetails"]["outputDetails"] == {"truncated": False}

    paged = full_history(sfn, execution, maxResults=2)
    assert paged == events
    first_page = sfn.get_execution_history(executionArn=execution, maxResults=2)
    assert len(first_page["events"]) == 2 and first_page["nextToken"]

    reverse = full_history(sfn, execution, reverseOrder=True)
    assert reverse == list(reversed(events))
    assert full_history(sfn, execution, reverseOrder=True, maxResults=4) == reverse

    without_data = full_history(sfn, execution, includeExecutionData=False)
    assert types(without_data) == types(events)
    assert "input" not in without_data[0]["executionStartedEventDetails"]
    assert "output" not in without_data[-1]["executionSucceededEventDetails"]

    # The CLI pages on its own and returns every event.
    cli = aws("get-execution-history", "--execution-arn", execution, "--page-size", "2")
    assert same_events(cli["events"], events)
    cli_reverse = aws("get-execution-history", "--execution-arn", execution, "--reverse-order", "--max-items", "3")
    assert [e["id"] for e in cli_reverse["events"]] == [6, 5, 4]
    assert cli_reverse.get("NextToken")


def test_stop_aborts_a_running_execution(sfn, aws, new_name):
    arn = create_machine(sfn, new_name(), WAIT_DEFINITION)
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    stopped = aws("stop-execution", "--execution-arn", execution, "--error", "Compat.Stop", "--cause", "stopped by the suite")
    assert isinstance(stopped["stopDate"], (int, float))

    described = sfn.describe_execution(executionArn=execution)
    assert described["status"] == "ABORTED"
    assert epoch(described["stopDate"]) == pytest.approx(stopped["stopDate"], abs=0.001)
    assert described["error"] == "Compat.Stop"
    assert described["cause"] == "stopped by the suite"
    assert described["redriveStatus"] == "REDRIVABLE"

    events = full_history(sfn, execution)
    assert types(events) == ["ExecutionStarted", "WaitStateEntered", "ExecutionAborted"]
    assert events[-1]["executionAbortedEventDetails"] == {"error": "Compat.Stop", "cause": "stopped by the suite"}
    assert_event_ids(events)


def test_stop_without_error_or_cause(sfn, new_name):
    arn = create_machine(sfn, new_name(), WAIT_DEFINITION)
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    sfn.stop_execution(executionArn=execution)
    described = sfn.describe_execution(executionArn=execution)
    assert described["status"] == "ABORTED"
    assert "error" not in described and "cause" not in described
    events = full_history(sfn, execution)
    # AWS (recorded): an empty details object, previousEventId 0.
    assert events[-1]["type"] == "ExecutionAborted"
    assert events[-1]["executionAbortedEventDetails"] == {}
    assert events[-1]["previousEventId"] == 0


def test_start_sync_execution_on_express(sfn, aws, new_name):
    machine_name = new_name()
    arn = create_machine(sfn, machine_name, PASS_DEFINITION, type="EXPRESS")
    answer = sfn.start_sync_execution(stateMachineArn=arn, name=new_name("sync"), input='{"name": "Grace"}')
    assert answer["status"] == "SUCCEEDED"
    assert json.loads(answer["output"]) == {"greeting": "Hello, Grace"}
    assert answer["executionArn"].startswith(f"{ARN_PREFIX}express:{machine_name}:")
    assert answer["stateMachineArn"] == arn
    assert answer["input"] == '{"name": "Grace"}'
    assert answer["stopDate"] >= answer["startDate"]
    assert answer["billingDetails"]["billedDurationInMilliseconds"] >= 100

    cli = aws("start-sync-execution", "--state-machine-arn", arn, "--input", '{"name": "Lin"}')
    assert cli["status"] == "SUCCEEDED"
    assert json.loads(cli["output"]) == {"greeting": "Hello, Lin"}


def test_start_sync_execution_that_fails(sfn, new_name):
    definition = {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Compat.Error", "Cause": "sync"}}}
    arn = create_machine(sfn, new_name(), definition, type="EXPRESS")
    answer = sfn.start_sync_execution(stateMachineArn=arn)
    assert answer["status"] == "FAILED"
    assert answer["error"] == "Compat.Error"
    assert answer["cause"] == "sync"
    assert "output" not in answer


def test_start_sync_execution_on_standard_is_refused(sfn, aws, new_name):
    arn = create_machine(sfn, new_name())
    with pytest.raises(ClientError) as e:
        sfn.start_sync_execution(stateMachineArn=arn)
    assert error_code(e.value) == "StateMachineTypeNotSupported"
    assert error_message(e.value) == "This operation is not supported by this type of state machine"
    with pytest.raises(AwsCliError) as cli:
        aws("start-sync-execution", "--state-machine-arn", arn)
    assert cli.value.code == "StateMachineTypeNotSupported"
    assert sfn.list_executions(stateMachineArn=arn)["executions"] == []


def test_express_executions_have_no_describe_stop_or_history(sfn, new_name):
    arn = create_machine(sfn, new_name(), PASS_DEFINITION, type="EXPRESS")
    answer = sfn.start_sync_execution(stateMachineArn=arn)
    # AWS (recorded): the express ARN kind is refused by these actions.
    for call in (sfn.describe_execution, sfn.stop_execution, sfn.get_execution_history):
        with pytest.raises(ClientError) as e:
            call(executionArn=answer["executionArn"])
        assert error_code(e.value) == "InvalidArn"
        assert error_message(e.value) == "Invalid Arn: 'Resource type not valid in this context: express'"
    with pytest.raises(ClientError) as e:
        sfn.list_executions(stateMachineArn=arn)
    assert error_code(e.value) == "StateMachineTypeNotSupported"
    assert error_message(e.value) == "This operation is not supported by this type of state machine"


def test_a_running_execution_has_no_stop_date_or_output(sfn, new_name):
    arn = create_machine(sfn, new_name(), WAIT_DEFINITION)
    execution = sfn.start_execution(stateMachineArn=arn, input='{"a": 1}')["executionArn"]
    described = sfn.describe_execution(executionArn=execution)
    assert described["status"] == "RUNNING"
    for key in ("stopDate", "output", "error", "cause"):
        assert key not in described, key
    sfn.stop_execution(executionArn=execution)


def test_fast_forward_ends_a_wait(sfn, server, new_name):
    arn = create_machine(sfn, new_name(), WAIT_DEFINITION)
    execution = sfn.start_execution(stateMachineArn=arn, input='{"a": 1}')["executionArn"]
    fired = server.fast_forward(execution)
    assert fired["timerFired"] is True
    # The Wait's due date: a day after the start.
    started = epoch(sfn.describe_execution(executionArn=execution)["startDate"])
    assert fired["dueDate"] == pytest.approx(started + 86400, abs=1)
    described = wait_closed(sfn, execution)
    assert described["status"] == "SUCCEEDED"
    assert json.loads(described["output"]) == {"a": 1}
    assert types(full_history(sfn, execution)) == [
        "ExecutionStarted", "WaitStateEntered", "WaitStateExited", "SucceedStateEntered", "SucceedStateExited",
        "ExecutionSucceeded"]


def test_execution_timeout(sfn, server, new_name):
    definition = dict(WAIT_DEFINITION, TimeoutSeconds=60)
    arn = create_machine(sfn, new_name(), definition)
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    # The execution's 60 s timeout comes before the Wait's day.
    assert server.fast_forward(execution)["timerFired"] is True
    described = wait_closed(sfn, execution)
    assert described["status"] == "TIMED_OUT"
    events = full_history(sfn, execution)
    assert events[-1]["type"] == "ExecutionTimedOut"
    assert described["redriveStatus"] == "REDRIVABLE"
    assert sfn.list_executions(stateMachineArn=arn, statusFilter="TIMED_OUT")["executions"][0]["executionArn"] == execution


@pytest.mark.parametrize("text", ["1", '"a string"', "null", "[1, 2]"])
def test_input_need_not_be_an_object(sfn, new_name, text):
    # AWS (recorded): numbers, strings and null are accepted as execution input.
    arn = create_machine(sfn, new_name(), TWO_PASSES if text.startswith("{") else {
        "StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": True}}})
    execution = sfn.start_execution(stateMachineArn=arn, input=text)["executionArn"]
    described = wait_closed(sfn, execution)
    assert described["status"] == "SUCCEEDED"
    assert described["input"] == text
    assert json.loads(described["output"]) == json.loads(text)


def test_empty_input_is_invalid_execution_input(sfn, new_name):
    arn = create_machine(sfn, new_name())
    with pytest.raises(ClientError) as e:
        sfn.start_execution(stateMachineArn=arn, input="")
    assert error_code(e.value) == "InvalidExecutionInput"
    # AWS (recorded).
    assert error_message(e.value) == "Invalid State Machine Execution Input: 'Invalid execution input.'"
    assert sfn.list_executions(stateMachineArn=arn)["executions"] == []
