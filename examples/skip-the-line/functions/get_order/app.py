"""GET /order/{accountid}/{vendorid}: the account's active order with the vendor, or 404."""

import json
import os
from decimal import Decimal

import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])


def number(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def respond(status, body):
    return {"statusCode": status, "headers": {"Content-Type": "application/json"}, "body": json.dumps(body, default=number)}


def handler(event, context):
    key = {name: event["pathParameters"][name] for name in ("accountid", "vendorid")}
    item = table.get_item(Key=key).get("Item")
    if item is None:
        return respond(404, {"message": f"no order for account {key['accountid']} with vendor {key['vendorid']}"})
    return respond(200, item)
