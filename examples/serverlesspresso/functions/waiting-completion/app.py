"""WaitingCompletion: once the customer's drink is in, the OrderProcessor numbers the order and waits for
the barista ("Emit - Awaiting Completion TT"), emitting OrderProcessor.WaitingCompletion with a new task
token. This function, the target of the WaitingCompletion rule, stores the order number and the new token
on the order (only if the order belongs to the event's user) and announces OrderManager.WaitingCompletion,
as the workshop's function does.
"""

import json
import os
import time

import boto3
from boto3.dynamodb.types import TypeDeserializer

dynamodb = boto3.client("dynamodb")
events = boto3.client("events")
plain = TypeDeserializer()


def handler(event, context):
    detail = event["detail"]
    print(f"WaitingCompletion: order {detail['orderId']} is number {detail['orderNumber']}")
    updated = dynamodb.update_item(
        TableName=os.environ["ORDER_TABLE"],
        Key={"PK": {"S": "orders"}, "SK": {"S": str(detail["orderId"])}},
        UpdateExpression="set TS = :TS, TaskToken = :TaskToken, orderNumber = :orderNumber",
        ConditionExpression="#userId = :userId",
        ExpressionAttributeNames={"#userId": "USERID"},
        ExpressionAttributeValues={
            ":userId": {"S": str(detail["userId"])},
            ":TaskToken": {"S": detail["TaskToken"]},
            ":orderNumber": {"S": str(detail["orderNumber"])},
            ":TS": {"N": str(int(time.time() * 1000))},
        },
        ReturnValues="ALL_NEW",
    )
    order = {k: plain.deserialize(v) for k, v in updated["Attributes"].items()}
    drink = order.get("drinkOrder")
    events.put_events(Entries=[{
        "Source": os.environ["EVENT_SOURCE"],
        "DetailType": "OrderManager.WaitingCompletion",
        "EventBusName": os.environ["EVENT_BUS"],
        "Detail": json.dumps({
            "orderId": order["SK"],
            "orderNumber": order.get("orderNumber"),
            "state": order.get("ORDERSTATE"),
            "drinkOrder": json.loads(drink) if drink else None,
            "userId": order.get("USERID"),
            "robot": order.get("robot", False),
            "TS": int(order["TS"]),
            "Message": "A Lambda function is invoked which stores the Step Functions Task Token in an Amazon "
                       "DynamoDB table. The Task Token is later used to resume the workflow when the barista "
                       "completes or cancels the order.",
        }),
    }])
    return {"orderId": order["SK"], "orderNumber": order.get("orderNumber")}
