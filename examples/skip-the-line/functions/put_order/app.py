"""PutOrder, the workflow's first step: commits the order to the orders table.

The table's key is (accountid, vendorid), so an account holds one active order per vendor; a new order for
the same vendor replaces the previous one, like a shopping cart. An order without both keys is refused with
InvalidOrder, which fails the execution before the invoice step runs.
"""

import json
import os
import uuid
from datetime import datetime, timezone
from decimal import Decimal

import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])


class InvalidOrder(Exception):
    pass


def handler(event, context):
    missing = [key for key in ("accountid", "vendorid") if not isinstance(event.get(key), str) or not event[key]]
    if missing:
        raise InvalidOrder(f"the order has no {' and no '.join(missing)}")
    order = dict(event)
    order.setdefault("orderid", str(uuid.uuid4()))
    order.setdefault("status", "PLACED")
    order["placedAt"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    # The resource API refuses floats: numbers go to DynamoDB as Decimals.
    table.put_item(Item=json.loads(json.dumps(order), parse_float=Decimal))
    return order
