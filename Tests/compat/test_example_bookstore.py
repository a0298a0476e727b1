"""examples/bookstore deployed with `cortado deploy`, run with both of the tutorial's inputs, deployed again
and deleted: what a user of the template sees on AWS.

The template names its functions as the tutorial does (`checkInventory`, ...), and test_seed_003.py creates
functions with the same names on the shared server, so this module deploys to a server of its own.
"""

from __future__ import annotations

import json
import uuid

import pytest
from botocore.exceptions import ClientError

from conftest import make_client, running_server
from stacks import EXAMPLES, delete_stack, deploy, outputs, printed, resources, stack_status, state_names
# The state each function serves in the definition, and the two orders: seed 003's (the same tutorial).
from test_seed_003 import FUNCTIONS as STATE_FUNCTIONS, WITH_INVENTORY, WITHOUT_INVENTORY
from support import FUNCTION_ARN_PREFIX, assert_event_ids, error_code, error_message, full_history, wait_closed

TEMPLATE = EXAMPLES / "bookstore" / "template.yaml"

# Logical id → the function name the tutorial gives it.
FUNCTIONS = {
    "CheckInventoryFunction": "checkInventory",
    "OrderToPrintFunction": "OrderToPrint",
    "CheckFurtherDiscountEligibilityFunction": "checkFurtherDiscountEligibility",
    "GenerateDiscountCodeFunction": "generateDiscountCode",
    "UpdateLoyaltyPointsFunction": "updateLoyaltyPoints",
    "PrepareOrderFunction": "prepareOrder",
    "SendToShipmentFunction": "sendToShipment",
    "UpdateRecoEngineFunction": "updateRecoEngine",
}
BRANCH_STATES = ["CheckFurtherDiscountEligibility", "GenerateDiscountCode", "UpdateLoyaltyPoints", "PrepareOrder",
                 "SendToShipment", "UpdateRecoEngine"]

# Worked out from the tutorial's code in test_seed_003.py.
OUTPUT_WITH_INVENTORY = [{"DiscountCode": "Hello10"}, {}, {"ShipmentSent": "True"}, {"RecoengineUpdated": "True"}]
OUTPUT_WITHOUT_INVENTORY = [{"DiscountCode": "Hello10"}, {"LoyaltyPoints": 500}, {"ShipmentSent": "True"},
                            {"RecoengineUpdated": "True"}]

STACK = f"bookstore-{uuid.uuid4().hex[:6]}"


@pytest.fixture(scope="module")
def own_server(cortado_bin):
    with running_server(cortado_bin) as s:
        yield s


@pytest.fixture(scope="module")
def clients(own_server):
    return {service: make_client(own_server.endpoint, service)
            for service in ("stepfunctions", "lambda", "cloudformation")}


@pytest.fixture(scope="module")
def deployed(cortado_bin, own_server, clients):
    done = deploy(cortado_bin, TEMPLATE, STACK, own_server.endpoint)
    assert done.returncode == 0, printed(done)
    return done


def test_deploy_makes_the_functions_and_the_state_machine(deployed, clients):
    cfn, lam, sfn = clients["cloudformation"], clients["lambda"], clients["stepfunctions"]
    assert stack_status(cfn, STACK) == "CREATE_COMPLETE"
    made = resources(cfn, STACK)
    for logical, name in FUNCTIONS.items():
        assert made[logical]["ResourceType"] == "AWS::Lambda::Function"
        assert made[logical]["PhysicalResourceId"] == name
        assert made[logical]["ResourceStatus"] == "CREATE_COMPLETE"
        configuration = lam.get_function(FunctionName=name)["Configuration"]
        assert (configuration["Runtime"], configuration["Handler"], configuration["Timeout"]) == ("nodejs22.x", "index.handler", 10)
    machine_arn = outputs(cfn, STACK)["OrderFlowStateMachineArn"]
    assert made["OrderFlowStateMachine"]["ResourceType"] == "AWS::StepFunctions::StateMachine"
    assert made["OrderFlowStateMachine"]["PhysicalResourceId"] == machine_arn
    assert machine_arn.endswith(":stateMachine:order-flow")

    # The deployed definition is the tutorial's with each function's ARN in place of its placeholder.
    definition = json.loads(sfn.describe_state_machine(stateMachineArn=machine_arn)["definition"])
    seen = {}

    def walk(states):
        for name, state in states.items():
            if state["Type"] == "Task":
                seen[name] = state
            for branch in state.get("Branches", []):
                walk(branch["States"])

    walk(definition["States"])
    assert set(seen) == set(STATE_FUNCTIONS)
    for name, state in seen.items():
        assert state["Resource"] == "arn:aws:states:::lambda:invoke"
        assert state["Parameters"] == {"FunctionName": FUNCTION_ARN_PREFIX + STATE_FUNCTIONS[name], "Payload.$": "$"}
        assert state["OutputPath"] == "$.Payload"

    # What the command printed: every resource it made and the outputs.
    text = printed(deployed)
    for logical in [*FUNCTIONS, "OrderFlowStateMachine"]:
        assert logical in text, text
    assert machine_arn in text, text


def run(sfn, machine_arn: str, order: dict) -> tuple[dict, list[dict]]:
    execution = sfn.start_execution(stateMachineArn=machine_arn, input=json.dumps(order))["executionArn"]
    described = wait_closed(sfn, execution, timeout=60)
    events = full_history(sfn, execution)
    assert_event_ids(events)
    return described, events


def test_a_book_in_stock_goes_straight_to_the_parallel_steps(deployed, clients):
    sfn = clients["stepfunctions"]
    described, events = run(sfn, outputs(clients["cloudformation"], STACK)["OrderFlowStateMachineArn"], WITH_INVENTORY)
    assert described["status"] == "SUCCEEDED", described
    assert json.loads(described["output"]) == OUTPUT_WITH_INVENTORY
    entered = state_names(events, "StateEntered")
    # "Note it goes to inventory Available flow"
    assert entered[:5] == ["Order Handling", "CheckInventory", "Choice", "Pass", "Parallel"]
    assert sorted(entered[5:-1]) == sorted(BRANCH_STATES)
    assert entered[-1] == "Order Handled"
    assert "OrderPrint" not in entered
    exited = state_names(events, "StateExited")
    assert sorted(exited) == sorted(entered)
    assert exited[-2:] == ["Parallel", "Order Handled"]
    # Each Task invoked its own function once, through lambda:invoke.
    scheduled = [e["taskScheduledEventDetails"] for e in events if e["type"] == "TaskScheduled"]
    assert {(s["resourceType"], s["resource"]) for s in scheduled} == {("lambda", "invoke")}
    assert sorted(json.loads(s["parameters"])["FunctionName"] for s in scheduled) == sorted(
        FUNCTION_ARN_PREFIX + STATE_FUNCTIONS[n] for n in ["CheckInventory", *BRANCH_STATES])
    first = json.loads(scheduled[0]["parameters"])
    assert first == {"FunctionName": FUNCTION_ARN_PREFIX + "checkInventory", "Payload": WITH_INVENTORY}
    assert events[-1]["type"] == "ExecutionSucceeded"


def test_any_other_book_is_printed_first(deployed, clients):
    sfn = clients["stepfunctions"]
    described, events = run(sfn, outputs(clients["cloudformation"], STACK)["OrderFlowStateMachineArn"], WITHOUT_INVENTORY)
    assert described["status"] == "SUCCEEDED", described
    assert json.loads(described["output"]) == OUTPUT_WITHOUT_INVENTORY
    entered = state_names(events, "StateEntered")
    # "Note it goes to the book printing flow"
    assert entered[:5] == ["Order Handling", "CheckInventory", "Choice", "OrderPrint", "Parallel"]
    assert sorted(entered[5:-1]) == sorted(BRANCH_STATES)
    assert entered[-1] == "Order Handled"
    assert "Pass" not in entered
    # OrderToPrint's answer is what every branch starts from.
    printed_ = next(e for e in events if e["type"] == "TaskStateExited" and e["stateExitedEventDetails"]["name"] == "OrderPrint")
    assert json.loads(printed_["stateExitedEventDetails"]["output"]) == {"TotalValue": 500}


def test_deploying_again_updates_in_place(cortado_bin, own_server, deployed, clients):
    cfn, lam = clients["cloudformation"], clients["lambda"]
    before = {logical: r["PhysicalResourceId"] for logical, r in resources(cfn, STACK).items()}
    arns = {name: lam.get_function(FunctionName=name)["Configuration"]["FunctionArn"] for name in FUNCTIONS.values()}

    again = deploy(cortado_bin, TEMPLATE, STACK, own_server.endpoint)
    assert again.returncode == 0, printed(again)
    assert stack_status(cfn, STACK) in ("CREATE_COMPLETE", "UPDATE_COMPLETE")
    after = {logical: r["PhysicalResourceId"] for logical, r in resources(cfn, STACK).items()}
    assert after == before
    assert {name: lam.get_function(FunctionName=name)["Configuration"]["FunctionArn"] for name in FUNCTIONS.values()} == arns
    # Still runs.
    described, _ = run(clients["stepfunctions"], outputs(cfn, STACK)["OrderFlowStateMachineArn"], WITH_INVENTORY)
    assert described["status"] == "SUCCEEDED", described


def test_delete_stack_removes_everything(cortado_bin, own_server, deployed, clients):
    cfn, lam, sfn = clients["cloudformation"], clients["lambda"], clients["stepfunctions"]
    machine_arn = outputs(cfn, STACK)["OrderFlowStateMachineArn"]

    done = delete_stack(cortado_bin, STACK, own_server.endpoint)
    assert done.returncode == 0, printed(done)

    for name in FUNCTIONS.values():
        with pytest.raises(ClientError) as gone:
            lam.get_function(FunctionName=name)
        assert error_code(gone.value) == "ResourceNotFoundException", name
        assert error_message(gone.value) == f"Function not found: {FUNCTION_ARN_PREFIX}{name}"
    with pytest.raises(ClientError) as gone:
        sfn.describe_state_machine(stateMachineArn=machine_arn)
    assert error_code(gone.value) == "StateMachineDoesNotExist"
    assert not [m for m in sfn.list_state_machines()["stateMachines"] if m["stateMachineArn"] == machine_arn]
    # AWS: a deleted stack is not found by name.
    with pytest.raises(ClientError) as gone:
        cfn.describe_stacks(StackName=STACK)
    assert error_code(gone.value) == "ValidationError"
    assert error_message(gone.value) == f"Stack with id {STACK} does not exist"
