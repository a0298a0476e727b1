"""The Serverlesspresso OrderManager (seed 002, verbatim from the workshop) on seeded tables: a customer's
order passes the menu check, updates the order with its conditional `UpdateItem` and resumes the waiting
order processor through `aws-sdk:sfn:sendTaskSuccess`; "milkshake" takes the "not a valid order" path;
the barista's make and complete update the order and resume it again.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import make_client, running_server
from support import ROLE_ARN, create_machine, wait_closed, wait_until, zip_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "serverlesspresso"

SANITIZE = '''
def handler(event, context):
    """Valid when the drink is on the menu and available (the workshop's SanitizeOrder function)."""
    drink = (event.get("body") or {}).get("drink")
    menu = event["menu"]["Item"]["value"]["L"]
    return any(m["M"]["drink"]["S"] == drink and m["M"]["available"]["BOOL"] for m in menu)
'''

# Stands in for the OrderProcessor's two callback waits: an activity task per wait, whose token the test
# stores in the order table as the workshop's WorkflowStarted and WaitingCompletion functions do.
WAITER = {
    "StartAt": "Wait for order",
    "States": {
        "Wait for order": {"Type": "Task", "Resource": "ACTIVITY", "ResultPath": "$.ordered", "Next": "Wait for completion"},
        "Wait for completion": {"Type": "Task", "Resource": "ACTIVITY", "ResultPath": "$.completed", "End": True},
    },
}


@pytest.fixture(scope="module")
def shop(cortado_bin):
    with running_server(cortado_bin) as server:
        clients = {name: make_client(server.endpoint, name) for name in ["stepfunctions", "dynamodb", "lambda", "events"]}
        ddb = clients["dynamodb"]
        tables = json.loads((FIXTURES / "tables.json").read_text())["tables"]
        for table in tables:
            if table["TableName"] not in ("serverlesspresso-config-table", "serverlesspresso-order-table"):
                continue
            spec = {k: table[k] for k in ("TableName", "AttributeDefinitions", "KeySchema", "BillingMode", "LocalSecondaryIndexes",
                                          "GlobalSecondaryIndexes", "StreamSpecification") if k in table}
            ddb.create_table(**spec)
            for item in table.get("seedItems", []):
                ddb.put_item(TableName=table["TableName"], Item=item)
        clients["events"].create_event_bus(Name="Serverlesspresso")
        clients["lambda"].create_function(
            FunctionName="serverlesspresso-SanitizeOrderLambda", Runtime="python3.12", Handler="app.handler", Role=ROLE_ARN,
            Code={"ZipFile": zip_bytes({"app.py": SANITIZE})},
        )
        sfn = clients["stepfunctions"]
        manager = create_machine(sfn, "OrderManagerStateMachine", (FIXTURES / "order-manager.asl.json").read_text())
        activity = sfn.create_activity(name="order-processor-wait")["activityArn"]
        waiter = create_machine(sfn, "OrderProcessorWorkflow", json.dumps(WAITER).replace("ACTIVITY", activity))
        yield clients, manager, activity, waiter


def run(sfn, machine: str, payload: dict) -> dict:
    arn = sfn.start_execution(stateMachineArn=machine, input=json.dumps(payload))["executionArn"]
    return wait_closed(sfn, arn, timeout=60)


def wait_for_token(sfn, activity: str) -> str:
    return sfn.get_activity_task(activityArn=activity, workerName="order-processor")["taskToken"]


def test_customer_order_then_barista(shop):
    clients, manager, activity, waiter = shop
    sfn, ddb = clients["stepfunctions"], clients["dynamodb"]
    key = {"PK": {"S": "orders"}, "SK": {"S": "2"}}
    processor = sfn.start_execution(stateMachineArn=waiter, input=json.dumps({"detail": {"orderId": "2", "userId": "1"}}))["executionArn"]
    ddb.put_item(TableName="serverlesspresso-order-table", Item={
        **key, "USERID": {"S": "1"}, "ORDERSTATE": {"S": "CREATED"}, "TaskToken": {"S": wait_for_token(sfn, activity)},
        "robot": {"BOOL": False}, "TS": {"N": "1733802300000"},
    })

    put = {"action": "", "body": {"userId": "1", "drink": "Cappuccino", "modifiers": [], "icon": "barista-icons_cappuccino-alternative"},
           "orderId": "2", "baristaUserId": "3"}
    done = run(sfn, manager, put)
    assert done["status"] == "SUCCEEDED", done
    item = ddb.get_item(TableName="serverlesspresso-order-table", Key=key)["Item"]
    assert json.loads(item["drinkOrder"]["S"]) == put["body"]
    # The order processor moved on to its second wait.
    wait_until(lambda: any(e["type"] == "ActivityScheduled" for e in sfn.get_execution_history(executionArn=processor, reverseOrder=True, maxResults=3)["events"]))
    ddb.update_item(TableName="serverlesspresso-order-table", Key=key, UpdateExpression="set TaskToken = :t",
                    ExpressionAttributeValues={":t": {"S": wait_for_token(sfn, activity)}})

    made = run(sfn, manager, {"action": "make", "body": {}, "orderId": "2", "baristaUserId": "3"})
    assert made["status"] == "SUCCEEDED", made
    assert ddb.get_item(TableName="serverlesspresso-order-table", Key=key)["Item"]["baristaUserId"] == {"S": "3"}
    orders = ddb.query(TableName="serverlesspresso-order-table", IndexName="GSI-userId", KeyConditionExpression="USERID = :u",
                       ExpressionAttributeValues={":u": {"S": "1"}})["Items"]
    assert [o["SK"]["S"] for o in orders] == ["2"]

    completed = run(sfn, manager, {**put, "action": "complete"})
    assert completed["status"] == "SUCCEEDED", completed
    assert ddb.get_item(TableName="serverlesspresso-order-table", Key=key)["Item"]["ORDERSTATE"] == {"S": "Completed"}
    assert wait_closed(sfn, processor)["status"] == "SUCCEEDED"
    by_state = ddb.query(TableName="serverlesspresso-order-table", IndexName="GSI-status", KeyConditionExpression="ORDERSTATE = :s",
                         ExpressionAttributeValues={":s": {"S": "Completed"}})["Items"]
    assert [o["SK"]["S"] for o in by_state] == ["2"]


def test_milkshake_is_not_on_the_menu(shop):
    clients, manager, _, _ = shop
    sfn = clients["stepfunctions"]
    done = run(sfn, manager, {"action": "", "body": {"userId": "1", "drink": "milkshake", "modifiers": [], "icon": "x"}, "orderId": "1", "baristaUserId": "3"})
    assert done["status"] == "SUCCEEDED"
    states = [e["stateEnteredEventDetails"]["name"] for e in sfn.get_execution_history(executionArn=done["executionArn"])["events"]
              if e["type"].endswith("StateEntered")]
    assert states == ["Decide Action", "Customer Put Order", "get menu", "Sanitize order", "Is Order Valid?", "not a valid order"]
    assert "Item" not in clients["dynamodb"].get_item(TableName="serverlesspresso-order-table", Key={"PK": {"S": "orders"}, "SK": {"S": "1"}})


def test_order_of_another_user_fails_the_condition(shop):
    clients, manager, _, _ = shop
    sfn, ddb = clients["stepfunctions"], clients["dynamodb"]
    ddb.put_item(TableName="serverlesspresso-order-table", Item={"PK": {"S": "orders"}, "SK": {"S": "9"}, "USERID": {"S": "owner"}, "TaskToken": {"S": "t"}})
    done = run(sfn, manager, {"action": "", "body": {"userId": "intruder", "drink": "Espresso"}, "orderId": "9", "baristaUserId": "3"})
    assert done["status"] == "FAILED"
    assert done["error"] == "DynamoDB.ConditionalCheckFailedException"
    assert "drinkOrder" not in ddb.get_item(TableName="serverlesspresso-order-table", Key={"PK": {"S": "orders"}, "SK": {"S": "9"}})["Item"]
