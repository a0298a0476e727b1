"""OrderAction: the barista's buttons. PUT /orders/{id}/claim | unclaim | complete | cancel runs the
OrderManager with action make | unmake | complete | cancel, the input format of the workshop's API
({"action", "body", "orderId", "baristaUserId"}), and waits for the execution to close so the page can
show the result. The body may name the barista: {"baristaUserId": "3"}.

Answers 200 {"orderId", "action", "executionArn", "status": "SUCCEEDED", "order"}; 404 when the order
does not exist (the OrderManager's UpdateItem would otherwise create a stub); 409 with the execution's
error and cause when it failed; 504 when it is still running after 20 s.
"""

import json
import os
import time

import boto3
from boto3.dynamodb.types import TypeDeserializer

dynamodb = boto3.client("dynamodb")
stepfunctions = boto3.client("stepfunctions")
plain = TypeDeserializer()

ACTIONS = {"claim": "make", "unclaim": "unmake", "complete": "complete", "cancel": "cancel"}


def respond(status, body):
    return {"statusCode": status, "headers": {"Content-Type": "application/json"}, "body": json.dumps(body)}


def order_view(item):
    o = {k: plain.deserialize(v) for k, v in item.items()}
    drink = o.get("drinkOrder")
    return {
        "orderId": o["SK"],
        "userId": o.get("USERID"),
        "state": o.get("ORDERSTATE"),
        "orderNumber": o.get("orderNumber"),
        "drinkOrder": json.loads(drink) if drink else None,
        "baristaUserId": o.get("baristaUserId"),
        "robot": o.get("robot", False),
        "TS": int(o["TS"]) if "TS" in o else None,
    }


def get_order(order_id):
    return dynamodb.get_item(TableName=os.environ["ORDER_TABLE"], Key={"PK": {"S": "orders"}, "SK": {"S": order_id}}).get("Item")


def handler(event, context):
    order_id = (event.get("pathParameters") or {}).get("id")
    verb = (event.get("resource") or event.get("path") or "").rstrip("/").rsplit("/", 1)[-1]
    action = ACTIONS.get(verb)
    if not order_id or action is None:
        return respond(400, {"message": f"unknown order action {verb!r}"})
    try:
        request = json.loads(event.get("body") or "{}")
    except ValueError:
        return respond(400, {"message": "the body is not JSON"})
    if not isinstance(request, dict):
        return respond(400, {"message": "the body must be a JSON object"})
    if get_order(order_id) is None:
        return respond(404, {"message": f"no order {order_id}"})

    started = stepfunctions.start_execution(
        stateMachineArn=os.environ["ORDER_MANAGER_ARN"],
        input=json.dumps({"action": action, "body": request.get("body") or {}, "orderId": order_id,
                          "baristaUserId": str(request.get("baristaUserId") or "barista")}),
    )
    arn = started["executionArn"]
    deadline = time.monotonic() + 20
    while True:
        described = stepfunctions.describe_execution(executionArn=arn)
        if described["status"] != "RUNNING":
            break
        if time.monotonic() > deadline:
            return respond(504, {"orderId": order_id, "action": action, "executionArn": arn, "status": "RUNNING"})
        time.sleep(0.2)
    if described["status"] != "SUCCEEDED":
        return respond(409, {"orderId": order_id, "action": action, "executionArn": arn, "status": described["status"],
                             "error": described.get("error"), "cause": described.get("cause")})
    return respond(200, {"orderId": order_id, "action": action, "executionArn": arn, "status": "SUCCEEDED",
                         "order": order_view(get_order(order_id))})
