"""PutInvoice, the workflow's second step: writes the order's invoice to the invoice bucket as JSON, at
invoices/<accountid>/<vendorid>/<orderid>.json. Runs only once PutOrder has stored the order."""

import json
import os

import boto3

s3 = boto3.client("s3")
BUCKET = os.environ["BUCKET_NAME"]


def handler(event, context):
    lines = [
        {**item, "amount": round(item.get("quantity", 1) * item.get("price", 0), 2)}
        for item in event.get("items", [])
    ]
    invoice = {
        "orderid": event["orderid"],
        "accountid": event["accountid"],
        "vendorid": event["vendorid"],
        "lines": lines,
        "total": round(sum(line["amount"] for line in lines), 2),
        "issuedAt": event.get("placedAt"),
    }
    key = f"invoices/{event['accountid']}/{event['vendorid']}/{event['orderid']}.json"
    s3.put_object(Bucket=BUCKET, Key=key, Body=json.dumps(invoice, indent=2).encode(), ContentType="application/json")
    return {"bucket": BUCKET, "key": key, "total": invoice["total"]}
