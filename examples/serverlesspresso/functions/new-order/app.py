"""NewOrder (POST /neworder): starts an order as the workshop's QR code validator does, by putting
Validator.NewOrder with {"userId", "orderId"} on the Serverlesspresso bus; the NewOrder rule starts the
OrderProcessor. The body may name the user and the order id: {"userId": "1", "orderId": "7"}; without
an order id one is made up. Answers {"orderId", "userId", "eventId"}.
"""

import json
import os
import uuid

import boto3

events = boto3.client("events")


def respond(status, body):
    return {"statusCode": status, "headers": {"Content-Type": "application/json"}, "body": json.dumps(body)}


def handler(event, context):
    try:
        request = json.loads(event.get("body") or "{}")
    except ValueError:
        return respond(400, {"message": "the body is not JSON"})
    if not isinstance(request, dict):
        return respond(400, {"message": "the body must be a JSON object"})
    user_id = str(request.get("userId") or "1")
    order_id = str(request.get("orderId") or uuid.uuid4().hex[:8])
    sent = events.put_events(Entries=[{
        "Source": os.environ["EVENT_SOURCE"],
        "DetailType": "Validator.NewOrder",
        "EventBusName": os.environ["EVENT_BUS"],
        "Detail": json.dumps({"userId": user_id, "orderId": order_id}),
    }])
    entry = sent["Entries"][0]
    if sent.get("FailedEntryCount") or "EventId" not in entry:
        return respond(502, {"message": entry.get("ErrorMessage", "PutEvents failed")})
    return respond(200, {"orderId": order_id, "userId": user_id, "eventId": entry["EventId"]})
