"""Seed 003, "AWS Step Functions - Simple Order Flow" (DEV Community), walked through with the AWS CLI.

Step 2 creates eight Node.js functions from the post's code, Step 3 pastes the post's definition, whose
Tasks use `arn:aws:states:::lambda:invoke` with `Parameters: {"Payload.$": "$"}` and
`OutputPath: "$.Payload"` but no FunctionName, and Step 5 says to "replace the
arn:aws:states:::lambda:invoke with lambda that you specifically created". Taken literally that makes
every Task's Resource a function ARN, and the first comment under the post reports what happens then:
`States.Runtime`, "Invalid path '$.Payload'", because a function ARN returns the function's own result,
with no `Payload` wrapper. The comment's fix (remove `Parameters` and `OutputPath`) makes the flow run.
The third variant is what the console writes today: `lambda:invoke` with a `FunctionName` parameter.

The code and the definition are the example's, copied verbatim from the post (see examples/bookstore/README.md).
"""

from __future__ import annotations

import copy
import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from support import (
    ARN_PREFIX,
    FUNCTION_ARN_PREFIX,
    ROLE_ARN,
    AwsCliError,
    assert_event_ids,
    create_function_cli,
    full_history,
    invoke_cli,
    log_messages,
    wait_closed,
    write_zip,
)

FIXTURES = Path(__file__).resolve().parents[2] / "examples" / "bookstore"
DEFINITION = json.loads((FIXTURES / "order-flow.asl.json").read_text())

# Step 2's function names, and the state each one serves in the definition.
FUNCTIONS = {
    "CheckInventory": "checkInventory",
    "OrderPrint": "OrderToPrint",
    "CheckFurtherDiscountEligibility": "checkFurtherDiscountEligibility",
    "GenerateDiscountCode": "generateDiscountCode",
    "UpdateLoyaltyPoints": "updateLoyaltyPoints",
    "PrepareOrder": "prepareOrder",
    "SendToShipment": "sendToShipment",
    "UpdateRecoEngine": "updateRecoEngine",
}

WITH_INVENTORY = {"orderId": "123", "bookId": "343222"}
WITHOUT_INVENTORY = {"orderId": "124", "bookId": "343122"}

# What the post's code gives. With stock, the Parallel state gets {"ItemStock": 20}: no TotalValue, so
# the discount is 10 (code "Hello10") and updateLoyaltyPoints returns {LoyaltyPoints: undefined}, which
# JSON.stringify writes as {}. Without stock, OrderToPrint's {"TotalValue": 500} reaches the branches:
# 500 > 400 gives Discount 20, and 20 > 20 is false, so the code is still "Hello10"; the points are 500.
OUTPUT_WITH_INVENTORY = [{"DiscountCode": "Hello10"}, {}, {"ShipmentSent": "True"}, {"RecoengineUpdated": "True"}]
OUTPUT_WITHOUT_INVENTORY = [{"DiscountCode": "Hello10"}, {"LoyaltyPoints": 500}, {"ShipmentSent": "True"},
                            {"RecoengineUpdated": "True"}]

LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke"


def tasks(definition: dict):
    """Every Task state of the definition, Parallel branches included, as (name, state)."""
    for name, state in definition["States"].items():
        if state["Type"] == "Task":
            yield name, state
        for branch in state.get("Branches", []):
            yield from tasks(branch)


def step_5_literally(definition: dict) -> dict:
    """Step 5: each `arn:aws:states:::lambda:invoke` replaced by the ARN of the state's function."""
    changed = copy.deepcopy(definition)
    for name, state in tasks(changed):
        assert state["Resource"] == LAMBDA_INVOKE
        state["Resource"] = FUNCTION_ARN_PREFIX + FUNCTIONS[name]
    return changed


def the_comments_fix(definition: dict) -> dict:
    """The comment's fix, on every Task: no `Parameters`, no `OutputPath`."""
    changed = step_5_literally(definition)
    for _, state in tasks(changed):
        del state["Parameters"]
        del state["OutputPath"]
    return changed


def console_form(definition: dict) -> dict:
    """The definition as written, each Task's Parameters given the FunctionName the console adds."""
    changed = copy.deepcopy(definition)
    for name, state in tasks(changed):
        state["Parameters"] = {"FunctionName": f"{FUNCTION_ARN_PREFIX}{FUNCTIONS[name]}:$LATEST", **state["Parameters"]}
    return changed


@pytest.fixture(scope="module")
def order_functions(aws, tmp_path_factory) -> dict[str, dict]:
    """Step 2: the eight functions, created with the CLI from the post's code (zipped here)."""
    folder = tmp_path_factory.mktemp("seed_003")

    def create(name: str) -> dict:
        code = (FIXTURES / "functions" / name / "index.js").read_text()
        package = write_zip(folder / f"{name}.zip", {"index.js": code})
        return create_function_cli(aws, name, package, runtime="nodejs20.x", handler="index.handler")

    with ThreadPoolExecutor(4) as pool:
        created = list(pool.map(create, FUNCTIONS.values()))
    return {c["FunctionName"]: c for c in created}


def test_step_2_the_eight_functions(aws, order_functions, tmp_path):
    # "Select Runtime as Node.js 14.x": AWS no longer creates nodejs14.x functions, and neither does Cortado.
    package = write_zip(tmp_path / "fourteen.zip", {"index.js": (FIXTURES / "functions/checkInventory/index.js").read_text()})
    with pytest.raises(AwsCliError) as refused:
        create_function_cli(aws, "checkInventory14", package, runtime="nodejs14.x", handler="index.handler")
    assert refused.value.code == "InvalidParameterValueException"
    assert refused.value.message.startswith("The runtime parameter of nodejs14.x is no longer supported"), refused.value.message

    assert set(order_functions) == set(FUNCTIONS.values())
    for name, created in order_functions.items():
        assert created["FunctionArn"] == FUNCTION_ARN_PREFIX + name
        assert (created["Runtime"], created["Handler"], created["State"]) == ("nodejs20.x", "index.handler", "Active")

    # Each function alone, as the console's "Test" button would run it.
    cases = [
        ("checkInventory", WITH_INVENTORY, {"ItemStock": 20}),
        ("checkInventory", WITHOUT_INVENTORY, {"ItemStock": 0}),
        ("OrderToPrint", WITHOUT_INVENTORY, {"TotalValue": 500}),
        ("checkFurtherDiscountEligibility", {"TotalValue": 500}, {"Discount": 20}),
        ("generateDiscountCode", {"Discount": 20}, {"DiscountCode": "Hello10"}),
        ("updateLoyaltyPoints", {"TotalValue": 500}, {"LoyaltyPoints": 500}),
        ("prepareOrder", {"TotalValue": 500}, {"Shipmsg": "Order Prepared - Ready for Shipment"}),
        ("sendToShipment", {"Shipmsg": "Order Prepared - Ready for Shipment"}, {"ShipmentSent": "True"}),
        ("updateRecoEngine", {}, {"RecoengineUpdated": "True"}),
    ]

    def run(case):
        name, payload, _ = case
        return invoke_cli(aws, name, tmp_path, json.dumps(payload))

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(run, cases))
    for (name, payload, expected), (answer, body) in zip(cases, results):
        assert answer["StatusCode"] == 200 and "FunctionError" not in answer, (name, answer, body)
        assert json.loads(body) == expected, (name, payload)

    # The module-level console.log runs at init, before any request: Node writes `undefined` for the id.
    messages = log_messages(aws, "/aws/lambda/checkInventory")
    loading = [m for m in messages if m.endswith("\tINFO\tLoading function checkInventory")]
    assert loading, messages
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\tundefined\tINFO\tLoading function checkInventory", loading[0])
    printing = log_messages(aws, "/aws/lambda/OrderToPrint")
    assert any(m.endswith("\tINFO\tPrinting the Order Book") for m in printing), printing


def start(aws, sfn, definition: dict, name: str, inputs: list[dict], tmp_path) -> list[str]:
    """create-state-machine from a file, as the console's "create" would, then one start-execution per input."""
    path = tmp_path / f"{name}.asl.json"
    path.write_text(json.dumps(definition, indent=2))
    machine = aws("create-state-machine", "--name", name, "--definition", f"file://{path}", "--role-arn", ROLE_ARN)
    assert machine["stateMachineArn"] == f"{ARN_PREFIX}stateMachine:{name}"
    return [aws("start-execution", "--state-machine-arn", machine["stateMachineArn"], "--input", json.dumps(i))["executionArn"]
            for i in inputs]


def entered(events: list[dict]) -> list[str]:
    return [e["stateEnteredEventDetails"]["name"] for e in events if e["type"].endswith("StateEntered")]


def test_step_5_taken_literally_fails_as_the_comment_reports(aws, sfn, order_functions, new_name, tmp_path):
    (execution,) = start(aws, sfn, step_5_literally(DEFINITION), new_name("OrderFlow"), [WITH_INVENTORY], tmp_path)
    described = wait_closed(sfn, execution)
    assert described["status"] == "FAILED", described
    # The comment quotes the console's error and cause.
    assert described["error"] == "States.Runtime"
    assert described["cause"] == ("An error occurred while executing the state 'CheckInventory' (entered at the event id #4). "
                                  "Invalid path '$.Payload' : No results for path: $['Payload']")
    events = full_history(sfn, execution)
    assert_event_ids(events)
    assert events[3]["type"] == "TaskStateEntered" and events[3]["stateEnteredEventDetails"]["name"] == "CheckInventory"
    # The function ran (its own result has no Payload); the execution fails on the OutputPath.
    # AWS (recorded): a function ARN as Resource is recorded as LambdaFunction* events.
    assert [e["type"] for e in events[4:]] == ["LambdaFunctionScheduled", "LambdaFunctionStarted",
                                               "LambdaFunctionSucceeded", "ExecutionFailed"], [e["type"] for e in events]
    scheduled = events[4]["lambdaFunctionScheduledEventDetails"]
    assert scheduled["resource"] == FUNCTION_ARN_PREFIX + "checkInventory"
    # Parameters {"Payload.$": "$"} wrap the input, so the function sees no bookId at the top.
    assert json.loads(scheduled["input"]) == {"Payload": WITH_INVENTORY}
    assert json.loads(events[6]["lambdaFunctionSucceededEventDetails"]["output"]) == {"ItemStock": 0}
    failed = events[-1]["executionFailedEventDetails"]
    assert (failed["error"], failed["cause"]) == (described["error"], described["cause"])


def test_the_comments_fix_runs_both_orders(aws, sfn, order_functions, new_name, tmp_path):
    with_stock, without_stock = start(aws, sfn, the_comments_fix(DEFINITION), new_name("OrderFlow"),
                                      [WITH_INVENTORY, WITHOUT_INVENTORY], tmp_path)
    described = wait_closed(sfn, with_stock)
    assert described["status"] == "SUCCEEDED", described
    assert json.loads(described["output"]) == OUTPUT_WITH_INVENTORY
    events = full_history(sfn, with_stock)
    assert_event_ids(events)
    names = entered(events)
    # "Note it goes to inventory Available flow"
    assert names[:5] == ["Order Handling", "CheckInventory", "Choice", "Pass", "Parallel"]
    assert "OrderPrint" not in names
    assert sorted(names[5:-1]) == sorted(["CheckFurtherDiscountEligibility", "GenerateDiscountCode", "UpdateLoyaltyPoints",
                                          "PrepareOrder", "SendToShipment", "UpdateRecoEngine"])
    assert names[-1] == "Order Handled"
    types = [e["type"] for e in events]
    assert types.count("LambdaFunctionSucceeded") == 7
    assert "TaskScheduled" not in types

    described = wait_closed(sfn, without_stock)
    assert described["status"] == "SUCCEEDED", described
    assert json.loads(described["output"]) == OUTPUT_WITHOUT_INVENTORY
    names = entered(full_history(sfn, without_stock))
    # "Note it goes to the book printing flow"
    assert names[:5] == ["Order Handling", "CheckInventory", "Choice", "OrderPrint", "Parallel"]
    assert "Pass" not in names


def test_the_console_form_with_function_name(aws, sfn, order_functions, new_name, tmp_path):
    with_stock, without_stock = start(aws, sfn, console_form(DEFINITION), new_name("OrderFlow"),
                                      [WITH_INVENTORY, WITHOUT_INVENTORY], tmp_path)
    described = wait_closed(sfn, with_stock)
    assert described["status"] == "SUCCEEDED", described
    assert json.loads(described["output"]) == OUTPUT_WITH_INVENTORY
    events = full_history(sfn, with_stock)
    assert entered(events)[:5] == ["Order Handling", "CheckInventory", "Choice", "Pass", "Parallel"]
    scheduled = [e["taskScheduledEventDetails"] for e in events if e["type"] == "TaskScheduled"]
    assert len(scheduled) == 7
    assert {(s["resourceType"], s["resource"]) for s in scheduled} == {("lambda", "invoke")}
    first = json.loads(scheduled[0]["parameters"])
    assert first == {"FunctionName": f"{FUNCTION_ARN_PREFIX}checkInventory:$LATEST", "Payload": WITH_INVENTORY}

    described = wait_closed(sfn, without_stock)
    assert described["status"] == "SUCCEEDED", described
    assert json.loads(described["output"]) == OUTPUT_WITHOUT_INVENTORY
    assert entered(full_history(sfn, without_stock))[:5] == ["Order Handling", "CheckInventory", "Choice", "OrderPrint", "Parallel"]
