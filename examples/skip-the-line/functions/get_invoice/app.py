"""GET /invoice/{accountid}/{vendorid}/{orderid}: the invoice PutInvoice wrote, or 404."""

import json
import os

import boto3

s3 = boto3.client("s3")
BUCKET = os.environ["BUCKET_NAME"]


def handler(event, context):
    p = event["pathParameters"]
    key = f"invoices/{p['accountid']}/{p['vendorid']}/{p['orderid']}.json"
    try:
        body = s3.get_object(Bucket=BUCKET, Key=key)["Body"].read().decode()
    except s3.exceptions.NoSuchKey:
        return {"statusCode": 404, "headers": {"Content-Type": "application/json"},
                "body": json.dumps({"message": f"no invoice {p['orderid']}"})}
    return {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": body}
