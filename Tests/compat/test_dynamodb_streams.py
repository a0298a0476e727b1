"""DynamoDB Streams: change records through the Streams API (boto3 `dynamodbstreams`), and a function
triggered by a table's stream through Lambda's event source mapping, as the Serverlesspresso config table
uses one. Records arrive in commit order, in batches of the mapping's size, with the images the stream's
view type asks for.
"""

from __future__ import annotations

import json
import uuid

import pytest

from conftest import make_client
from support import ROLE_ARN, wait_until, zip_bytes

RECORDER = '''
import boto3

table = boto3.resource("dynamodb").Table("SINK")

def handler(event, context):
    for r in event["Records"]:
        table.put_item(Item={
            "PK": r["dynamodb"]["SequenceNumber"], "name": r["eventName"], "key": r["dynamodb"]["Keys"]["PK"]["S"],
            "source": r["eventSourceARN"], "batch": len(event["Records"]),
            "new": json_dumps(r["dynamodb"].get("NewImage")), "old": json_dumps(r["dynamodb"].get("OldImage")),
        })
    return {"ok": True}

def json_dumps(value):
    import json
    return json.dumps(value, sort_keys=True) if value is not None else "-"
'''


def new_table(ddb, stream: str | None = None) -> tuple[str, str | None]:
    name = f"s-{uuid.uuid4().hex[:10]}"
    args = dict(TableName=name, AttributeDefinitions=[{"AttributeName": "PK", "AttributeType": "S"}],
                KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}], BillingMode="PAY_PER_REQUEST")
    if stream:
        args["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": stream}
    described = ddb.create_table(**args)["TableDescription"]
    return name, described.get("LatestStreamArn")


def test_streams_api_reads_changes_in_order(server):
    ddb = make_client(server.endpoint, "dynamodb")
    streams = make_client(server.endpoint, "dynamodbstreams")
    name, arn = new_table(ddb, "NEW_AND_OLD_IMAGES")
    assert arn.startswith(f"arn:aws:dynamodb:us-east-1:000000000000:table/{name}/stream/")
    ddb.put_item(TableName=name, Item={"PK": {"S": "a"}, "v": {"N": "1"}})
    ddb.put_item(TableName=name, Item={"PK": {"S": "a"}, "v": {"N": "1"}})  # no change, no record
    ddb.update_item(TableName=name, Key={"PK": {"S": "a"}}, UpdateExpression="SET v = :two", ExpressionAttributeValues={":two": {"N": "2"}})
    ddb.delete_item(TableName=name, Key={"PK": {"S": "a"}})

    assert any(s["StreamArn"] == arn for s in streams.list_streams(TableName=name)["Streams"])
    description = streams.describe_stream(StreamArn=arn)["StreamDescription"]
    assert description["StreamStatus"] == "ENABLED" and description["StreamViewType"] == "NEW_AND_OLD_IMAGES"
    shard = description["Shards"][0]["ShardId"]
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    page = streams.get_records(ShardIterator=iterator)
    records = page["Records"]
    assert [r["eventName"] for r in records] == ["INSERT", "MODIFY", "REMOVE"]
    assert records[0]["dynamodb"]["NewImage"] == {"PK": {"S": "a"}, "v": {"N": "1"}} and "OldImage" not in records[0]["dynamodb"]
    assert records[1]["dynamodb"]["OldImage"]["v"] == {"N": "1"} and records[1]["dynamodb"]["NewImage"]["v"] == {"N": "2"}
    assert records[2]["dynamodb"]["Keys"] == {"PK": {"S": "a"}} and "NewImage" not in records[2]["dynamodb"]
    numbers = [int(r["dynamodb"]["SequenceNumber"]) for r in records]
    assert numbers == sorted(numbers)
    assert streams.get_records(ShardIterator=page["NextShardIterator"])["Records"] == []


def test_function_triggered_by_stream(server):
    ddb = make_client(server.endpoint, "dynamodb")
    lam = make_client(server.endpoint, "lambda")
    source, arn = new_table(ddb, "NEW_AND_OLD_IMAGES")
    sink, _ = new_table(ddb)
    function = f"recorder-{uuid.uuid4().hex[:8]}"
    lam.create_function(FunctionName=function, Runtime="python3.12", Handler="app.handler", Role=ROLE_ARN, Timeout=30,
                        Code={"ZipFile": zip_bytes({"app.py": RECORDER.replace("SINK", sink)})})
    ddb.put_item(TableName=source, Item={"PK": {"S": "before"}})  # before the mapping: TRIM_HORIZON delivers it
    mapping = lam.create_event_source_mapping(EventSourceArn=arn, FunctionName=function, StartingPosition="TRIM_HORIZON", BatchSize=2)
    assert mapping["State"] == "Creating" and mapping["BatchSize"] == 2 and mapping["EventSourceArn"] == arn
    ddb.put_item(TableName=source, Item={"PK": {"S": "a"}, "n": {"N": "1"}})
    ddb.update_item(TableName=source, Key={"PK": {"S": "a"}}, UpdateExpression="SET n = n + :one", ExpressionAttributeValues={":one": {"N": "1"}})
    ddb.delete_item(TableName=source, Key={"PK": {"S": "before"}})

    items = wait_until(lambda: (lambda got: got if len(got) == 4 else None)(ddb.scan(TableName=sink)["Items"]), timeout=60, what="4 records delivered")
    delivered = sorted(items, key=lambda i: i["PK"]["S"])
    assert [(i["name"]["S"], i["key"]["S"]) for i in delivered] == [("INSERT", "before"), ("INSERT", "a"), ("MODIFY", "a"), ("REMOVE", "before")]
    assert all(i["source"]["S"] == arn for i in delivered)
    assert all(int(i["batch"]["N"]) <= 2 for i in delivered)
    assert json.loads(delivered[2]["new"]["S"])["n"] == {"N": "2"}

    got = lam.get_event_source_mapping(UUID=mapping["UUID"])
    assert got["State"] == "Enabled" and got["LastProcessingResult"] == "OK"
    assert [m["UUID"] for m in lam.list_event_source_mappings(FunctionName=function)["EventSourceMappings"]] == [mapping["UUID"]]
    assert lam.delete_event_source_mapping(UUID=mapping["UUID"])["State"] == "Deleting"
    assert lam.list_event_source_mappings(FunctionName=function)["EventSourceMappings"] == []


def test_mapping_needs_an_existing_stream_and_function(server):
    ddb = make_client(server.endpoint, "dynamodb")
    lam = make_client(server.endpoint, "lambda")
    _, arn = new_table(ddb, "KEYS_ONLY")
    from botocore.exceptions import ClientError

    with pytest.raises(ClientError) as e:
        lam.create_event_source_mapping(EventSourceArn=arn, FunctionName="no-such-function", StartingPosition="LATEST")
    assert e.value.response["Error"]["Code"] == "ResourceNotFoundException"
    function = f"noop-{uuid.uuid4().hex[:8]}"
    lam.create_function(FunctionName=function, Runtime="python3.12", Handler="app.handler", Role=ROLE_ARN,
                        Code={"ZipFile": zip_bytes({"app.py": "def handler(event, context):\n    return None\n"})})
    with pytest.raises(ClientError) as e:
        lam.create_event_source_mapping(EventSourceArn=arn + "x", FunctionName=function, StartingPosition="LATEST")
    assert e.value.response["Error"]["Code"] == "InvalidParameterValueException"
    assert e.value.response["Error"]["Message"] == f"Stream not found: {arn}x"
    assert lam.list_event_source_mappings(FunctionName=function)["EventSourceMappings"] == []
