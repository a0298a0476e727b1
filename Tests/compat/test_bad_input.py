"""Bad requests: what the server says, and that it says what and where.

Messages marked "recorded" are AWS's own (LocalStack's AWS-validated snapshots); others are checked only
for the error code and for naming the member or value at fault."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from support import (
    ARN_PREFIX,
    PASS_DEFINITION,
    ROLE_ARN,
    AwsCliError,
    callback_definition,
    create_machine,
    dumps,
    error_code,
    error_message,
    task_token_of,
    wait_for_event,
)

def assert_aws_error(status, headers, body, code: str, http_status: int = 400):
    assert status == http_status, (status, body)
    assert isinstance(body, dict), body
    # botocore reads the code from `__type`, after any `namespace#` prefix.
    assert body["__type"].split("#")[-1] == code, body
    assert {k.lower(): v for k, v in headers.items()}["content-type"] == "application/x-amz-json-1.0"
    assert any(k.lower() == "x-amzn-requestid" for k in headers)
    return body.get("message") or body.get("Message") or ""


# MARK: - The protocol


@pytest.mark.parametrize("body", [b"{not json", b'{"name": "x",}', b"[1, 2", "\u00e9".encode("latin-1")])
def test_a_body_that_is_not_json_is_a_serialization_exception(server, body):
    status, headers, answer = server.raw("AWSStepFunctions.ListStateMachines", body)
    message = assert_aws_error(status, headers, answer, "SerializationException")
    assert message, answer


def test_a_body_that_is_not_an_object_is_a_serialization_exception(server):
    status, headers, answer = server.raw("AWSStepFunctions.ListStateMachines", b"[]")
    assert_aws_error(status, headers, answer, "SerializationException")


def test_an_unknown_action_is_unknown_operation(server):
    status, headers, answer = server.raw("AWSStepFunctions.BrewCoffee", b"{}")
    message = assert_aws_error(status, headers, answer, "UnknownOperationException")
    assert "BrewCoffee" in message


def test_an_unknown_service_prefix_is_unknown_operation(server):
    status, headers, answer = server.raw("AmazonSQS.ListQueues", b"{}")
    assert_aws_error(status, headers, answer, "UnknownOperationException")


@pytest.mark.parametrize(
    "action, body, member",
    [
        ("CreateStateMachine", {"name": 5, "definition": "{}", "roleArn": ROLE_ARN}, "name"),
        ("ListStateMachines", {"maxResults": "ten"}, "maxResults"),
        ("GetExecutionHistory", {"executionArn": f"{ARN_PREFIX}execution:a:b", "reverseOrder": "yes"}, "reverseOrder"),
        ("TagResource", {"resourceArn": f"{ARN_PREFIX}stateMachine:a", "tags": {"key": "k"}}, "tags"),
    ],
)
def test_a_member_of_the_wrong_type_is_a_serialization_exception_naming_it(server, action, body, member):
    status, headers, answer = server.call(action, body)
    message = assert_aws_error(status, headers, answer, "SerializationException")
    assert member in message, message


def test_a_missing_member_is_a_validation_exception_naming_it(server):
    status, headers, answer = server.call("StartExecution", {"name": "n"})
    message = assert_aws_error(status, headers, answer, "ValidationException")
    assert message == ("1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: "
                       "Member must not be null")


# MARK: - Names


def test_a_name_of_81_characters_is_a_validation_exception(sfn, aws, new_name):
    long = "n" * 81
    expected = (f"1 validation error detected: Value '{long}' at 'name' failed to satisfy constraint: "
                f"Member must have length less than or equal to 80")
    with pytest.raises(ClientError) as e:
        sfn.create_state_machine(name=long, definition=dumps(PASS_DEFINITION), roleArn=ROLE_ARN)
    assert error_code(e.value) == "ValidationException"
    assert error_message(e.value) == expected

    arn = create_machine(sfn, new_name())
    with pytest.raises(ClientError) as e:
        sfn.start_execution(stateMachineArn=arn, name=long)
    assert error_code(e.value) == "ValidationException"
    assert error_message(e.value) == expected
    with pytest.raises(AwsCliError) as cli:
        aws("create-activity", "--name", long)
    assert cli.value.code == "ValidationException"
    assert cli.value.message == expected
    # 80 characters is fine.
    sfn.start_execution(stateMachineArn=arn, name="n" * 80)


@pytest.mark.parametrize("bad", ["has space", "a/b", "semi;colon", "star*", "brace{", "quote\"", "tab\tname", "q?"])
def test_invalid_characters_in_a_name_are_invalid_name(sfn, new_name, bad):
    # AWS (recorded): InvalidName, "Invalid Name: '<name>'".
    expected = f"Invalid Name: '{bad}'"
    with pytest.raises(ClientError) as e:
        sfn.create_state_machine(name=bad, definition=dumps(PASS_DEFINITION), roleArn=ROLE_ARN)
    assert (error_code(e.value), error_message(e.value)) == ("InvalidName", expected)
    arn = create_machine(sfn, new_name())
    with pytest.raises(ClientError) as e:
        sfn.start_execution(stateMachineArn=arn, name=bad)
    assert (error_code(e.value), error_message(e.value)) == ("InvalidName", expected)
    assert sfn.list_executions(stateMachineArn=arn)["executions"] == []


# MARK: - Payloads


def test_input_larger_than_256_kib_is_refused_and_nothing_is_stored(sfn, aws, new_name):
    arn = create_machine(sfn, new_name())
    large = json.dumps({"blob": "a" * (256 * 1024)})
    assert len(large.encode()) > 262_144
    with pytest.raises(ClientError) as e:
        sfn.start_execution(stateMachineArn=arn, name=new_name("big"), input=large)
    assert error_code(e.value) == "ValidationException"
    # AWS (measured by others, two sources): the value of a sensitive member is not echoed.
    assert error_message(e.value) == (
        "1 validation error detected: Value at 'input' failed to satisfy constraint: "
        "Member must have size less than or equal to 262144 bytes in UTF-8 encoding")
    assert sfn.list_executions(stateMachineArn=arn)["executions"] == []

    # Exactly 256 KiB is accepted.
    exact = json.dumps({"blob": ""})
    exact = json.dumps({"blob": "a" * (262_144 - len(exact))})
    assert len(exact.encode()) == 262_144
    execution = sfn.start_execution(stateMachineArn=arn, input=exact)["executionArn"]
    assert len(sfn.list_executions(stateMachineArn=arn)["executions"]) == 1
    assert sfn.describe_execution(executionArn=execution)["input"] == exact


def test_input_size_counts_utf8_bytes(sfn, new_name):
    arn = create_machine(sfn, new_name())
    # 100,000 characters, 300,000 bytes.
    large = json.dumps({"blob": "\u20ac" * 100_000}, ensure_ascii=False)
    with pytest.raises(ClientError) as e:
        sfn.start_execution(stateMachineArn=arn, input=large)
    assert error_code(e.value) == "ValidationException"
    assert "'input'" in error_message(e.value)
    assert sfn.list_executions(stateMachineArn=arn)["executions"] == []


def test_task_output_larger_than_256_kib_is_refused(sfn, new_name):
    arn = create_machine(sfn, new_name(), callback_definition())
    execution = sfn.start_execution(stateMachineArn=arn, input='{"orderId": "x"}')["executionArn"]
    token = task_token_of(wait_for_event(sfn, execution, "TaskScheduled"))
    with pytest.raises(ClientError) as e:
        sfn.send_task_success(taskToken=token, output=json.dumps("a" * 262_144))
    assert error_code(e.value) == "ValidationException"
    assert "'output'" in error_message(e.value)
    assert sfn.describe_execution(executionArn=execution)["status"] == "RUNNING"
    sfn.stop_execution(executionArn=execution)


def test_input_that_is_not_json_is_invalid_execution_input(sfn, new_name):
    arn = create_machine(sfn, new_name())
    with pytest.raises(ClientError) as e:
        sfn.start_execution(stateMachineArn=arn, input="{'single': 'quotes'}")
    assert error_code(e.value) == "InvalidExecutionInput"
    assert error_message(e.value).startswith("Invalid State Machine Execution Input: '")
    assert sfn.list_executions(stateMachineArn=arn)["executions"] == []


# MARK: - ARNs


def test_unknown_state_machine_is_state_machine_does_not_exist(sfn, aws, new_name):
    missing = f"{ARN_PREFIX}stateMachine:{new_name()}"
    expected = f"State Machine Does Not Exist: '{missing}'"
    for call in (
        lambda: sfn.describe_state_machine(stateMachineArn=missing),
        lambda: sfn.start_execution(stateMachineArn=missing),
        lambda: sfn.list_executions(stateMachineArn=missing),
        lambda: sfn.update_state_machine(stateMachineArn=missing, definition=dumps(PASS_DEFINITION)),
    ):
        with pytest.raises(ClientError) as e:
            call()
        assert (error_code(e.value), error_message(e.value)) == ("StateMachineDoesNotExist", expected)
    with pytest.raises(AwsCliError) as cli:
        aws("describe-state-machine", "--state-machine-arn", missing)
    assert (cli.value.code, cli.value.message) == ("StateMachineDoesNotExist", expected)


def test_unknown_execution_is_execution_does_not_exist(sfn, aws, new_name):
    missing = f"{ARN_PREFIX}execution:{new_name()}:nope"
    expected = f"Execution Does Not Exist: '{missing}'"
    for call in (
        lambda: sfn.describe_execution(executionArn=missing),
        lambda: sfn.get_execution_history(executionArn=missing),
        lambda: sfn.stop_execution(executionArn=missing),
        lambda: sfn.describe_state_machine_for_execution(executionArn=missing),
    ):
        with pytest.raises(ClientError) as e:
            call()
        assert (error_code(e.value), error_message(e.value)) == ("ExecutionDoesNotExist", expected)
    with pytest.raises(AwsCliError) as cli:
        aws("describe-execution", "--execution-arn", missing)
    assert cli.value.code == "ExecutionDoesNotExist"


def test_unknown_activity_is_activity_does_not_exist(sfn, new_name):
    missing = f"{ARN_PREFIX}activity:{new_name()}"
    with pytest.raises(ClientError) as e:
        sfn.describe_activity(activityArn=missing)
    assert (error_code(e.value), error_message(e.value)) == ("ActivityDoesNotExist", f"Activity Does Not Exist: '{missing}'")


@pytest.mark.parametrize("call", ["describe_state_machine", "describe_execution", "list_executions",
                                  "get_execution_history"])
def test_a_string_that_is_not_an_arn_is_invalid_arn(sfn, call):
    # AWS (recorded): "Invalid Arn: 'Invalid ARN prefix: <value>'".
    member = "stateMachineArn" if call in ("describe_state_machine", "list_executions") else "executionArn"
    with pytest.raises(ClientError) as e:
        getattr(sfn, call)(**{member: "not_a_valid_arn"})
    assert error_code(e.value) == "InvalidArn"
    assert error_message(e.value) == "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'"


def test_an_arn_of_the_wrong_kind_is_invalid_arn(sfn, new_name):
    machine = create_machine(sfn, new_name())
    with pytest.raises(ClientError) as e:
        sfn.describe_execution(executionArn=machine)
    assert error_code(e.value) == "InvalidArn"
    assert "stateMachine" in error_message(e.value)
    with pytest.raises(ClientError) as e:
        sfn.describe_state_machine(stateMachineArn=f"{ARN_PREFIX}activity:{new_name()}")
    assert error_code(e.value) == "InvalidArn"
    assert "activity" in error_message(e.value)


def test_a_role_arn_that_is_not_an_arn_is_invalid_arn(sfn, new_name):
    with pytest.raises(ClientError) as e:
        sfn.create_state_machine(name=new_name(), definition=dumps(PASS_DEFINITION), roleArn="my-role")
    assert error_code(e.value) == "InvalidArn"
    assert "my-role" in error_message(e.value)


# MARK: - Paging and enums


def test_a_status_filter_outside_the_enum(sfn, new_name):
    arn = create_machine(sfn, new_name())
    with pytest.raises(ClientError) as e:
        sfn.list_executions(stateMachineArn=arn, statusFilter="succeeded")
    assert error_code(e.value) == "ValidationException"
    # AWS (recorded), enum order included.
    assert error_message(e.value) == (
        "1 validation error detected: Value 'succeeded' at 'statusFilter' failed to satisfy constraint: "
        "Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]")


@pytest.mark.parametrize("call", ["list_state_machines", "list_activities", "list_executions"])
def test_max_results_above_1000(sfn, new_name, call):
    kwargs = {"stateMachineArn": create_machine(sfn, new_name())} if call == "list_executions" else {}
    with pytest.raises(ClientError) as e:
        getattr(sfn, call)(maxResults=1001, **kwargs)
    assert error_code(e.value) == "ValidationException"
    assert error_message(e.value) == (  # AWS (recorded)
        "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: "
        "Member must have value less than or equal to 1000")


def test_a_garbage_next_token_is_invalid_token(sfn, new_name):
    with pytest.raises(ClientError) as e:
        sfn.list_state_machines(nextToken="garbage")
    assert error_code(e.value) == "InvalidToken"
    # AWS's wording for a page token it did not issue is unverified; it names the token as invalid.
    assert error_message(e.value).startswith("Invalid Token: '")
    arn = create_machine(sfn, new_name())
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    with pytest.raises(ClientError) as e:
        sfn.get_execution_history(executionArn=execution, nextToken="garbage")
    assert error_code(e.value) == "InvalidToken"


@pytest.mark.parametrize("call, limit", [("list_state_machines", 1024), ("list_executions", 3096)])
def test_a_next_token_past_its_length_limit(sfn, new_name, call, limit):
    kwargs = {"stateMachineArn": create_machine(sfn, new_name())} if call == "list_executions" else {}
    token = "t" * (limit + 1)
    with pytest.raises(ClientError) as e:
        getattr(sfn, call)(nextToken=token, **kwargs)
    assert error_code(e.value) == "ValidationException"
    assert error_message(e.value) == (  # AWS (recorded)
        f"1 validation error detected: Value '{token}' at 'nextToken' failed to satisfy constraint: "
        f"Member must have length less than or equal to {limit}")
