"""GetOrders: the order table for the pages, without the task tokens (a token is the power to resume
the workflow, so it stays on the server).

GET /orders                 open orders (ORDERSTATE CREATED), oldest first
GET /orders?state=Completed orders in that state (CREATED, Completed, Cancelled); state=all: every order
GET /orders?userId=1        one user's orders (any state)
GET /orders/{id}            one order, or 404
"""

import json
import os

import boto3
from boto3.dynamodb.types import TypeDeserializer

dynamodb = boto3.client("dynamodb")
plain = TypeDeserializer()


def respond(status, body):
    return {"statusCode": status, "headers": {"Content-Type": "application/json"}, "body": json.dumps(body)}


def order_view(item):
    """An order item as the pages see it: plain JSON, drinkOrder parsed, no TaskToken."""
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


def query(**kwargs):
    items, start = [], None
    while True:
        page = dynamodb.query(TableName=os.environ["ORDER_TABLE"], **kwargs, **({"ExclusiveStartKey": start} if start else {}))
        items += page["Items"]
        start = page.get("LastEvaluatedKey")
        if not start:
            return items


def handler(event, context):
    table = os.environ["ORDER_TABLE"]
    order_id = (event.get("pathParameters") or {}).get("id")
    if order_id is not None:
        found = dynamodb.get_item(TableName=table, Key={"PK": {"S": "orders"}, "SK": {"S": order_id}})
        if "Item" not in found:
            return respond(404, {"message": f"no order {order_id}"})
        return respond(200, order_view(found["Item"]))

    params = event.get("queryStringParameters") or {}
    state, user_id = params.get("state"), params.get("userId")
    if user_id:
        items = query(IndexName="GSI-userId", KeyConditionExpression="USERID = :u",
                      ExpressionAttributeValues={":u": {"S": user_id}})
        if state and state != "all":
            items = [i for i in items if i.get("ORDERSTATE", {}).get("S") == state]
    elif state == "all":
        items = query(KeyConditionExpression="PK = :pk", ExpressionAttributeValues={":pk": {"S": "orders"}})
    else:
        items = query(IndexName="GSI-status", KeyConditionExpression="ORDERSTATE = :s",
                      ExpressionAttributeValues={":s": {"S": state or "CREATED"}})
    orders = sorted((order_view(i) for i in items), key=lambda o: (o["TS"] or 0, o["orderId"]))
    return respond(200, {"orders": orders})
