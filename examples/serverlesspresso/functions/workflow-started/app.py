"""WorkflowStarted: the OrderProcessor waits for the customer's drink ("Emit - Workflow Started TT") and
emits OrderProcessor.WorkflowStarted with a task token. This function, the target of the WorkflowStarted
rule, creates the order in the order table with that token, as the workshop's function does; the
OrderManager reads the token back when the customer submits a drink.
"""

import json
import os
import time

import boto3

dynamodb = boto3.client("dynamodb")


def handler(event, context):
    detail = event["detail"]
    print(f"WorkflowStarted: order {detail['orderId']} for user {detail['userId']}")
    dynamodb.put_item(
        TableName=os.environ["ORDER_TABLE"],
        Item={
            "PK": {"S": "orders"},
            "SK": {"S": str(detail["orderId"])},
            "USERID": {"S": str(detail["userId"])},
            "ORDERSTATE": {"S": "CREATED"},
            "TaskToken": {"S": detail["TaskToken"]},
            "robot": {"BOOL": bool(detail.get("robot", False))},
            "TS": {"N": str(int(time.time() * 1000))},
        },
    )
    print(json.dumps({"stored": detail["orderId"]}))
    return {"orderId": detail["orderId"]}
