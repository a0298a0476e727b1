"""JSONata states and workflow variables through the server, as a user of AWS drives them: boto3 and the AWS
CLI create and run a JSONata workflow that calls a Python function, assigns and reads variables, chooses with
`Condition`, maps with `Items` and `ItemSelector`, and catches a `States.QueryEvaluationError`; a bad
expression is refused at CreateStateMachine, located; a failing one leaves AWS's `EvaluationFailed` event."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from support import ROLE_ARN, AwsCliError, create_machine, dumps, error_code, error_message, full_history, types, wait_closed, zip_bytes

PRICE_FUNCTION = """\
def handler(event, context):
    return {"sku": event["sku"], "unit": {"latte": 4.5, "mocha": 5}.get(event["sku"], 0)}
"""


def order_workflow(function_arn: str) -> dict:
    return {
        "QueryLanguage": "JSONata",
        "StartAt": "Remember",
        "States": {
            "Remember": {
                "Type": "Pass",
                "Assign": {"customer": "{% $states.input.customer %}", "lines": "{% $states.input.lines %}"},
                "Next": "Price",
            },
            "Price": {
                "Type": "Map",
                "Items": "{% $lines %}",
                "ItemSelector": {"sku": "{% $states.context.Map.Item.Value.sku %}", "qty": "{% $states.context.Map.Item.Value.qty %}"},
                "ItemProcessor": {
                    "StartAt": "Lookup",
                    "States": {
                        "Lookup": {
                            "Type": "Task",
                            "Resource": "arn:aws:states:::lambda:invoke",
                            "Arguments": {"FunctionName": function_arn, "Payload": {"sku": "{% $states.input.sku %}"}},
                            "Output": "{% $states.result.Payload.unit * $states.input.qty %}",
                            "End": True,
                        }
                    },
                },
                "Assign": {"total": "{% $sum($states.result) %}"},
                "Next": "Big?",
            },
            "Big?": {
                "Type": "Choice",
                "Choices": [{"Condition": "{% $total >= 10 %}", "Next": "Done", "Output": {"tier": "big"}}],
                "Default": "Done",
                "Output": {"tier": "small"},
            },
            "Done": {
                "Type": "Pass",
                "Output": {
                    "customer": "{% $uppercase($customer) %}",
                    "total": "{% $total %}",
                    "tier": "{% $states.input.tier %}",
                    "execution": "{% $states.context.Execution.Name %}",
                },
                "End": True,
            },
        },
    }


@pytest.fixture(scope="module")
def price_function(lam):
    name = "jsonata-price"
    try:
        lam.delete_function(FunctionName=name)
    except ClientError:
        pass
    answer = lam.create_function(
        FunctionName=name, Runtime="python3.12", Role=ROLE_ARN, Handler="handler.handler",
        Code={"ZipFile": zip_bytes({"handler.py": PRICE_FUNCTION})})
    return answer["FunctionArn"]


def test_a_jsonata_workflow_runs_through_boto3(sfn, new_name, price_function):
    arn = create_machine(sfn, new_name(), order_workflow(price_function))
    started = sfn.start_execution(
        stateMachineArn=arn, name="order-1",
        input=dumps({"customer": "ada", "lines": [{"sku": "latte", "qty": 2}, {"sku": "mocha", "qty": 1}]}))
    done = wait_closed(sfn, started["executionArn"])
    assert done["status"] == "SUCCEEDED", done
    assert json.loads(done["output"]) == {"customer": "ADA", "total": 14, "tier": "big", "execution": "order-1"}
    events = full_history(sfn, started["executionArn"])
    assigned = [e["stateExitedEventDetails"] for e in events if e["type"] == "MapStateExited"][0]
    assert assigned["assignedVariables"] == {"total": "14"}
    assert assigned["assignedVariablesDetails"] == {"truncated": False}
    scheduled = [json.loads(e["taskScheduledEventDetails"]["parameters"]) for e in events if e["type"] == "TaskScheduled"]
    assert sorted(p["Payload"]["sku"] for p in scheduled) == ["latte", "mocha"]


def test_the_same_workflow_through_the_aws_cli(aws, new_name, price_function):
    created = aws("create-state-machine", "--name", new_name(), "--definition", dumps(order_workflow(price_function)),
                  "--role-arn", ROLE_ARN)
    started = aws("start-execution", "--state-machine-arn", created["stateMachineArn"],
                  "--input", dumps({"customer": "bo", "lines": [{"sku": "latte", "qty": 1}]}))
    for _ in range(600):
        described = aws("describe-execution", "--execution-arn", started["executionArn"])
        if described["status"] != "RUNNING":
            break
    assert described["status"] == "SUCCEEDED", described
    assert json.loads(described["output"])["tier"] == "small"
    assert json.loads(described["output"])["total"] == 4.5


def test_a_query_evaluation_error_is_recorded_and_can_be_caught(sfn, new_name):
    definition = {
        "QueryLanguage": "JSONata",
        "StartAt": "Read",
        "States": {
            "Read": {"Type": "Pass", "Output": {"name": "{% $states.input.customer.name %}"}, "End": True},
        },
    }
    arn = create_machine(sfn, new_name(), definition)
    execution = sfn.start_execution(stateMachineArn=arn, input="{}")["executionArn"]
    done = wait_closed(sfn, execution)
    cause = ("An error occurred while executing the state 'Read' (entered at the event id #2). The JSONata expression "
             "'$states.input.customer.name' specified for the field 'Output/name' returned nothing (undefined).")
    assert (done["status"], done["error"], done["cause"]) == ("FAILED", "States.QueryEvaluationError", cause)
    events = full_history(sfn, execution)
    assert types(events) == ["ExecutionStarted", "PassStateEntered", "EvaluationFailed", "ExecutionFailed"]
    assert events[2]["evaluationFailedEventDetails"] == {
        "error": "States.QueryEvaluationError", "cause": cause, "location": "Output/name", "state": "Read"}

    caught = {
        "QueryLanguage": "JSONata",
        "StartAt": "Items",
        "States": {
            "Items": {
                "Type": "Map", "Items": "{% $states.input.items %}",
                "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}},
                "Catch": [{"ErrorEquals": ["States.QueryEvaluationError"], "Output": {"caught": "{% $states.errorOutput.Error %}"},
                           "Next": "Recovered"}],
                "End": True,
            },
            "Recovered": {"Type": "Succeed"},
        },
    }
    arn = create_machine(sfn, new_name("caught"), caught)
    done = wait_closed(sfn, sfn.start_execution(stateMachineArn=arn, input=dumps({"items": "nope"}))["executionArn"])
    assert done["status"] == "SUCCEEDED", done
    assert json.loads(done["output"]) == {"caught": "States.QueryEvaluationError"}


def test_a_bad_expression_is_refused_where_it_is(sfn, aws, new_name):
    definition = {
        "QueryLanguage": "JSONata",
        "StartAt": "A",
        "States": {"A": {"Type": "Pass", "Output": {"x": "{% $states.input.( %}"}, "End": True}},
    }
    with pytest.raises(ClientError) as e:
        sfn.create_state_machine(name=new_name(), definition=dumps(definition), roleArn=ROLE_ARN)
    assert error_code(e.value) == "InvalidDefinition"
    assert "/States/A/Output/x" in error_message(e.value) and "$states.input.(" in error_message(e.value)

    mixed = {"QueryLanguage": "JSONata", "StartAt": "A",
             "States": {"A": {"Type": "Pass", "Parameters": {"a": 1}, "End": True}}}
    with pytest.raises(AwsCliError) as cli:
        aws("create-state-machine", "--name", new_name("mixed"), "--definition", dumps(mixed), "--role-arn", ROLE_ARN)
    assert cli.value.code == "InvalidDefinition"
    assert "/States/A/Parameters" in cli.value.message

    answer = sfn.validate_state_machine_definition(definition=dumps(definition))
    assert answer["result"] == "FAIL"
    assert [d["location"] for d in answer["diagnostics"]] == ["/States/A/Output/x"]


@pytest.mark.parametrize("expression, code", [
    ("($f := function($n){ $f($n + 1) }; $f(0))", "U1001"),
    ("$count([1..1000000000])", "D2014"),
])
def test_runaway_expressions_fail_the_execution_not_the_server(sfn, new_name, expression, code):
    definition = {"QueryLanguage": "JSONata", "StartAt": "Spin",
                  "States": {"Spin": {"Type": "Pass", "Output": "{% " + expression + " %}", "End": True}}}
    arn = create_machine(sfn, new_name(), definition)
    done = wait_closed(sfn, sfn.start_execution(stateMachineArn=arn)["executionArn"], timeout=120)
    assert (done["status"], done["error"]) == ("FAILED", "States.QueryEvaluationError"), done
    assert f"threw an error during evaluation. {code}:" in done["cause"], done["cause"]
    # The server still answers.
    assert sfn.describe_state_machine(stateMachineArn=arn)["stateMachineArn"] == arn


def test_test_state_runs_a_jsonata_state_with_variables(sfn):
    machine = {
        "QueryLanguage": "JSONata",
        "StartAt": "Greet",
        "States": {
            "Greet": {"Type": "Pass", "Assign": {"greeted": "{% $name %}"},
                      "Output": {"text": "{% 'Hello, ' & $name & ' from ' & $states.input.city %}"}, "Next": "Done"},
            "Done": {"Type": "Succeed"},
        },
    }
    answer = sfn.test_state(definition=dumps(machine), input=dumps({"city": "Lisbon"}), variables=dumps({"name": "Ada"}),
                            inspectionLevel="DEBUG")
    assert answer["status"] == "SUCCEEDED", answer
    assert json.loads(answer["output"]) == {"text": "Hello, Ada from Lisbon"}
    assert answer["nextState"] == "Done"
    assert json.loads(answer["inspectionData"]["variables"]) == {"name": "Ada", "greeted": "Ada"}

    missing = sfn.test_state(definition=dumps(machine), input="{}")
    assert (missing["status"], missing["error"]) == ("FAILED", "States.QueryEvaluationError"), missing
