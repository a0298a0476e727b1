"""Config: the shop's configuration for the pages.

GET /config  {"storeOpen", "maxOrdersPerUser", "maxOrdersInQueue", "menu": [{"drink", "icon", "available", "modifiers"}]}
PUT /store   body {"storeOpen": true|false}: opens or closes the shop (the OrderProcessor's "Shop Open?"
             check reads it); answers the new configuration
"""

import json
import os

import boto3
from boto3.dynamodb.types import TypeDeserializer

dynamodb = boto3.client("dynamodb")
plain = TypeDeserializer()


def respond(status, body):
    return {"statusCode": status, "headers": {"Content-Type": "application/json"}, "body": json.dumps(body)}


def as_json(value):
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if hasattr(value, "as_integer_ratio") and not isinstance(value, (bool, float)):  # Decimal
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def current():
    table = os.environ["CONFIG_TABLE"]
    config = dynamodb.get_item(TableName=table, Key={"PK": {"S": "config"}}).get("Item")
    menu = dynamodb.get_item(TableName=table, Key={"PK": {"S": "menu"}}).get("Item")
    if config is None or menu is None:
        return None
    c = {k: plain.deserialize(v) for k, v in config.items() if k != "PK"}
    c["menu"] = plain.deserialize(menu["value"]) if "value" in menu else []
    return as_json(c)


def handler(event, context):
    if event.get("httpMethod") == "PUT":
        try:
            request = json.loads(event.get("body") or "{}")
        except ValueError:
            return respond(400, {"message": "the body is not JSON"})
        if not isinstance(request, dict) or not isinstance(request.get("storeOpen"), bool):
            return respond(400, {"message": 'send {"storeOpen": true} or {"storeOpen": false}'})
        dynamodb.update_item(TableName=os.environ["CONFIG_TABLE"], Key={"PK": {"S": "config"}},
                             UpdateExpression="set storeOpen = :open",
                             ExpressionAttributeValues={":open": {"BOOL": request["storeOpen"]}})
    config = current()
    if config is None:
        return respond(503, {"message": "the config table is empty: run seed-config.sh"})
    return respond(200, config)
