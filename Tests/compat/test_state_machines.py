"""State machines: create (idempotent), describe, update, list, delete, validate."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from support import (
    ARN_PREFIX,
    PASS_DEFINITION,
    ROLE_ARN,
    WAIT_DEFINITION,
    AwsCliError,
    create_machine,
    dumps,
    error_code,
    epoch,
    error_message,
    wait_closed,
)

# A definition with one error AWS locates: a transition to a state that does not exist.
BROKEN_DEFINITION = {
    "StartAt": "Fetch",
    "States": {"Fetch": {"Type": "Pass", "Next": "Parse"}, "Done": {"Type": "Succeed"}},
}


def test_create_and_describe_with_the_cli(aws, new_name):
    name = new_name()
    definition = dumps(PASS_DEFINITION)
    created = aws("create-state-machine", "--name", name, "--definition", definition, "--role-arn", ROLE_ARN)
    assert created["stateMachineArn"] == f"{ARN_PREFIX}stateMachine:{name}"
    assert isinstance(created["creationDate"], (int, float))

    described = aws("describe-state-machine", "--state-machine-arn", created["stateMachineArn"])
    assert described["stateMachineArn"] == created["stateMachineArn"]
    assert described["name"] == name
    assert described["status"] == "ACTIVE"
    assert described["definition"] == definition
    assert described["roleArn"] == ROLE_ARN
    assert described["type"] == "STANDARD"
    assert described["creationDate"] == created["creationDate"]
    assert described["loggingConfiguration"] == {"level": "OFF", "includeExecutionData": False}


def test_create_express_keeps_the_type(sfn, new_name):
    arn = create_machine(sfn, new_name(), type="EXPRESS")
    assert sfn.describe_state_machine(stateMachineArn=arn)["type"] == "EXPRESS"


def test_create_again_with_the_same_definition_returns_the_same_machine(sfn, new_name):
    name = new_name()
    first = sfn.create_state_machine(name=name, definition=dumps(PASS_DEFINITION), roleArn=ROLE_ARN)
    again = sfn.create_state_machine(name=name, definition=dumps(PASS_DEFINITION), roleArn=ROLE_ARN)
    assert again["stateMachineArn"] == first["stateMachineArn"]
    assert again["creationDate"] == first["creationDate"]


def test_create_again_with_another_role_is_idempotent_and_keeps_the_role(sfn, new_name):
    # AWS (CreateStateMachine reference): "If a following request has a different roleArn or tags, Step
    # Functions will ignore these differences and treat it as an idempotent request of the previous. In
    # this case, roleArn and tags will not be updated."
    name = new_name()
    first = sfn.create_state_machine(name=name, definition=dumps(PASS_DEFINITION), roleArn=ROLE_ARN)
    other_role = ROLE_ARN + "-other"
    again = sfn.create_state_machine(
        name=name, definition=dumps(PASS_DEFINITION), roleArn=other_role, tags=[{"key": "ignored", "value": "yes"}])
    assert again["stateMachineArn"] == first["stateMachineArn"]
    assert again["creationDate"] == first["creationDate"]
    assert sfn.describe_state_machine(stateMachineArn=first["stateMachineArn"])["roleArn"] == ROLE_ARN
    assert sfn.list_tags_for_resource(resourceArn=first["stateMachineArn"])["tags"] == []


def test_create_again_with_another_definition_is_state_machine_already_exists(sfn, aws, new_name):
    name = new_name()
    arn = create_machine(sfn, name)
    other = dict(PASS_DEFINITION, Comment="changed")
    with pytest.raises(ClientError) as e:
        sfn.create_state_machine(name=name, definition=dumps(other), roleArn=ROLE_ARN)
    assert error_code(e.value) == "StateMachineAlreadyExists"
    assert arn in error_message(e.value)

    with pytest.raises(AwsCliError) as cli:
        aws("create-state-machine", "--name", name, "--definition", dumps(other), "--role-arn", ROLE_ARN)
    assert cli.value.code == "StateMachineAlreadyExists"
    assert cli.value.operation == "CreateStateMachine"
    assert arn in cli.value.message


def test_create_again_with_another_logging_configuration_is_state_machine_already_exists(sfn, new_name):
    # The idempotency check covers LoggingConfiguration (CreateStateMachine reference).
    name = new_name()
    create_machine(sfn, name)
    with pytest.raises(ClientError) as e:
        sfn.create_state_machine(
            name=name, definition=dumps(PASS_DEFINITION), roleArn=ROLE_ARN,
            loggingConfiguration={"level": "ALL", "includeExecutionData": True,
                                  "destinations": [{"cloudWatchLogsLogGroup": {
                                      "logGroupArn": "arn:aws:logs:us-east-1:000000000000:log-group:compat:*"}}]})
    assert error_code(e.value) == "StateMachineAlreadyExists"


def test_update_changes_the_machine_but_not_a_running_execution(sfn, aws, new_name):
    arn = create_machine(sfn, new_name(), WAIT_DEFINITION)
    before = sfn.describe_state_machine(stateMachineArn=arn)
    old_execution = sfn.start_execution(stateMachineArn=arn, name=new_name("old"))["executionArn"]

    updated_definition = dumps(PASS_DEFINITION)
    update = aws("update-state-machine", "--state-machine-arn", arn, "--definition", updated_definition)
    assert isinstance(update["updateDate"], (int, float))
    assert update["updateDate"] >= epoch(before["creationDate"])
    assert update.get("revisionId")

    after = sfn.describe_state_machine(stateMachineArn=arn)
    assert after["definition"] == updated_definition
    assert after["creationDate"] == before["creationDate"]
    assert after["revisionId"] == update["revisionId"]

    # The execution started before the update keeps the definition it started with.
    for_old = aws("describe-state-machine-for-execution", "--execution-arn", old_execution)
    assert for_old["stateMachineArn"] == arn
    assert for_old["definition"] == dumps(WAIT_DEFINITION)
    assert for_old["roleArn"] == ROLE_ARN
    assert for_old["name"] == before["name"]
    assert sfn.describe_execution(executionArn=old_execution)["status"] == "RUNNING"

    # An execution started after it runs the new one.
    new_execution = sfn.start_execution(stateMachineArn=arn, input='{"name": "Ada"}')["executionArn"]
    assert sfn.describe_state_machine_for_execution(executionArn=new_execution)["definition"] == updated_definition
    done = wait_closed(sfn, new_execution)
    assert done["status"] == "SUCCEEDED"
    assert json.loads(done["output"]) == {"greeting": "Hello, Ada"}
    sfn.stop_execution(executionArn=old_execution)


def test_update_with_nothing_to_change_is_refused(sfn, new_name):
    arn = create_machine(sfn, new_name())
    with pytest.raises(ClientError) as e:
        sfn.update_state_machine(stateMachineArn=arn)
    assert error_code(e.value) == "MissingRequiredParameter"


def test_update_with_an_invalid_definition_names_the_location(sfn, new_name):
    arn = create_machine(sfn, new_name())
    with pytest.raises(ClientError) as e:
        sfn.update_state_machine(stateMachineArn=arn, definition=dumps(BROKEN_DEFINITION))
    assert error_code(e.value) == "InvalidDefinition"
    assert "/States/Fetch/Next" in error_message(e.value)
    assert sfn.describe_state_machine(stateMachineArn=arn)["definition"] == dumps(PASS_DEFINITION)


def test_list_pages_through_every_machine_once(sfn, new_name):
    mine = {new_name(str(i)) for i in range(5)}
    arns = {create_machine(sfn, n) for n in mine}

    seen: list[str] = []
    pages = 0
    token = None
    while True:
        kwargs = {"maxResults": 2, **({"nextToken": token} if token else {})}
        page = sfn.list_state_machines(**kwargs)
        pages += 1
        assert len(page["stateMachines"]) <= 2
        for m in page["stateMachines"]:
            assert set(m) >= {"stateMachineArn", "name", "type", "creationDate"}
            seen.append(m["stateMachineArn"])
        token = page.get("nextToken")
        if not token:
            break
    assert len(seen) == len(set(seen)), "a machine was listed twice"
    assert arns <= set(seen)
    assert pages >= 3


def test_list_with_the_cli_no_paginate(aws, sfn, new_name):
    for i in range(3):
        create_machine(sfn, new_name(str(i)))
    page = aws("list-state-machines", "--no-paginate", "--max-results", "2")
    assert len(page["stateMachines"]) == 2
    assert page["nextToken"]
    second = aws("list-state-machines", "--no-paginate", "--max-results", "2", "--next-token", page["nextToken"])
    first_arns = {m["stateMachineArn"] for m in page["stateMachines"]}
    assert not first_arns & {m["stateMachineArn"] for m in second["stateMachines"]}


def test_delete(sfn, aws, new_name):
    arn = create_machine(sfn, new_name())
    assert aws("delete-state-machine", "--state-machine-arn", arn) is None  # empty answer, no output
    try:
        described = sfn.describe_state_machine(stateMachineArn=arn)
    except ClientError as e:
        assert error_code(e) == "StateMachineDoesNotExist"
        assert arn in error_message(e)
    else:
        # AWS may still show the machine while it is being deleted.
        assert described["status"] == "DELETING"
    listed = [m["stateMachineArn"] for m in sfn.list_state_machines(maxResults=1000)["stateMachines"]]
    assert arn not in listed
    with pytest.raises(ClientError) as e:
        sfn.start_execution(stateMachineArn=arn)
    assert error_code(e.value) == "StateMachineDoesNotExist"


def test_validate_ok(sfn):
    answer = sfn.validate_state_machine_definition(definition=dumps(PASS_DEFINITION))
    assert answer["result"] == "OK"
    assert answer["diagnostics"] == []


def test_validate_fail_reports_located_diagnostics(sfn, aws):
    answer = sfn.validate_state_machine_definition(definition=dumps(BROKEN_DEFINITION))
    assert answer["result"] == "FAIL"
    errors = [d for d in answer["diagnostics"] if d["severity"] == "ERROR"]
    assert errors, answer
    # AWS: do not rely on the wording or the codes; the location is the point.
    located = [d for d in errors if d.get("location") == "/States/Fetch/Next"]
    assert located, answer["diagnostics"]
    assert "Parse" in located[0]["message"]
    assert located[0]["code"]

    cli = aws("validate-state-machine-definition", "--definition", dumps(BROKEN_DEFINITION))
    assert cli["result"] == "FAIL"
    assert any(d.get("location") == "/States/Fetch/Next" for d in cli["diagnostics"])


def test_validate_fail_on_text_that_is_not_json(sfn):
    answer = sfn.validate_state_machine_definition(definition='{"StartAt": "A", ')
    assert answer["result"] == "FAIL"
    assert answer["diagnostics"][0]["severity"] == "ERROR"
    assert answer["diagnostics"][0]["code"] == "INVALID_JSON_DESCRIPTION"


def test_validate_warns_about_a_path_without_dollar_suffix(sfn):
    # AWS documents the warning code NO_DOLLAR: "No .$ on a field that appears to be a JSONPath or
    # Intrinsic Function". Warnings alone leave the result OK.
    definition = {
        "StartAt": "P",
        "States": {"P": {"Type": "Pass", "Parameters": {"orderId": "$.detail.orderId"}, "End": True}},
    }
    answer = sfn.validate_state_machine_definition(definition=dumps(definition))
    assert answer["result"] == "OK"
    warnings = [d for d in answer["diagnostics"] if d["severity"] == "WARNING"]
    assert [d["code"] for d in warnings] == ["NO_DOLLAR"], answer["diagnostics"]


def test_create_with_an_invalid_definition_names_the_location(sfn, aws, new_name):
    name = new_name()
    with pytest.raises(ClientError) as e:
        sfn.create_state_machine(name=name, definition=dumps(BROKEN_DEFINITION), roleArn=ROLE_ARN)
    assert error_code(e.value) == "InvalidDefinition"
    message = error_message(e.value)
    assert "/States/Fetch/Next" in message and "Parse" in message, message

    with pytest.raises(AwsCliError) as cli:
        aws("create-state-machine", "--name", name, "--definition", dumps(BROKEN_DEFINITION), "--role-arn", ROLE_ARN)
    assert cli.value.code == "InvalidDefinition"
    assert "/States/Fetch/Next" in cli.value.message
    # Nothing was created.
    with pytest.raises(ClientError) as e:
        sfn.describe_state_machine(stateMachineArn=f"{ARN_PREFIX}stateMachine:{name}")
    assert error_code(e.value) == "StateMachineDoesNotExist"


def test_create_with_a_definition_that_is_not_json(sfn, new_name):
    with pytest.raises(ClientError) as e:
        sfn.create_state_machine(name=new_name(), definition="{not json", roleArn=ROLE_ARN)
    assert error_code(e.value) == "InvalidDefinition"
    assert "INVALID_JSON_DESCRIPTION" in error_message(e.value)


@pytest.mark.parametrize(
    "resource, message",
    [
        ("arn:aws:states:::events:putEvents.waitForTaskToken",
         "Express state machine does not support '.waitForTaskToken' service integration  at /States/Task/Resource"),
        ("arn:aws:states:::states:startExecution.sync",
         "Express state machine does not support '.sync' service integration at /States/Task/Resource"),
        (f"{ARN_PREFIX}activity:compat", "Express state machine does not support Activity ARN at /States/Task/Resource"),
    ],
    ids=["waitForTaskToken", "sync", "activity"],
)
def test_express_refuses_callbacks_sync_and_activities(sfn, new_name, resource, message):
    # AWS (recorded): InvalidDefinition, SCHEMA_VALIDATION_FAILED, located at the Resource.
    definition = {"StartAt": "Task", "States": {"Task": {"Type": "Task", "Resource": resource, "Parameters": {}, "End": True}}}
    if "activity" in resource:
        del definition["States"]["Task"]["Parameters"]
    with pytest.raises(ClientError) as e:
        sfn.create_state_machine(name=new_name(), definition=dumps(definition), roleArn=ROLE_ARN, type="EXPRESS")
    assert error_code(e.value) == "InvalidDefinition"
    assert error_message(e.value) == f"Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: {message}'"
    # The same definition is fine for a STANDARD machine.
    create_machine(sfn, new_name(), definition)


def test_validate_empty_object_reports_the_missing_fields(sfn):
    # AWS (recorded): one SCHEMA_VALIDATION_FAILED at "/".
    answer = sfn.validate_state_machine_definition(definition="{}")
    assert answer["result"] == "FAIL"
    assert answer["truncated"] is False
    assert answer["diagnostics"] == [{
        "severity": "ERROR", "code": "SCHEMA_VALIDATION_FAILED", "location": "/",
        "message": "These fields are required: [States, StartAt]",
    }]


def test_validate_express_refuses_wait_for_task_token(sfn):
    definition = {"StartAt": "SendMessageWithWait", "States": {"SendMessageWithWait": {
        "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {"QueueUrl": "https://sqs", "MessageBody": {"TaskToken.$": "$$.Task.Token"}}, "End": True}}}
    standard = sfn.validate_state_machine_definition(definition=dumps(definition), type="STANDARD")
    assert standard["result"] == "OK"
    express = sfn.validate_state_machine_definition(definition=dumps(definition), type="EXPRESS")
    assert express["result"] == "FAIL"
    assert [(d["code"], d.get("location")) for d in express["diagnostics"]] == [
        ("SCHEMA_VALIDATION_FAILED", "/States/SendMessageWithWait/Resource")]


def test_update_with_the_same_parameters_keeps_the_revision(sfn, new_name):
    # AWS (recorded): an update that changes nothing answers the current revisionId.
    arn = create_machine(sfn, new_name())
    other_role = ROLE_ARN + "-t1"
    first = sfn.update_state_machine(stateMachineArn=arn, roleArn=other_role)
    again = sfn.update_state_machine(stateMachineArn=arn, roleArn=other_role)
    assert again["revisionId"] == first["revisionId"]
    described = sfn.describe_state_machine(stateMachineArn=arn)
    assert described["revisionId"] == first["revisionId"]
    assert described["roleArn"] == other_role
    changed = sfn.update_state_machine(stateMachineArn=arn, definition=dumps(dict(PASS_DEFINITION, Comment="new")))
    assert changed["revisionId"] != first["revisionId"]


def test_create_without_states_is_invalid_definition(sfn, new_name):
    definition = {"Comment": "BASE_PASS_RESULT", "StartAt": "State_1"}
    with pytest.raises(ClientError) as e:
        sfn.create_state_machine(name=new_name(), definition=dumps(definition), roleArn=ROLE_ARN)
    assert error_code(e.value) == "InvalidDefinition"
    # AWS (recorded).
    assert error_message(e.value) == (
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'")
