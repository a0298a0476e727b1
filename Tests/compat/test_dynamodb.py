"""DynamoDB's API through boto3 (the client and the `Table` resource) and the AWS CLI: tables with
indexes, every item action, the expression language as the Serverlesspresso state machines use it, paging,
batches and transactions, the errors AWS gives, and the `dynamodb:*` / `aws-sdk:dynamodb:*` integrations.

Pinned texts are AWS's, as DynamoDB answers them; `Tests/compat/README.md` says how the suite reads them.
"""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

import boto3
import pytest
from boto3.dynamodb.conditions import Attr, Key
from botocore.exceptions import ClientError

from conftest import make_client
from support import CREDENTIALS, REGION, create_machine, error_code, error_message, wait_closed


@pytest.fixture(scope="module")
def ddb(server):
    return make_client(server.endpoint, "dynamodb")


@pytest.fixture(scope="module")
def resource(server):
    session = boto3.session.Session(
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"], aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"], region_name=REGION
    )
    return session.resource("dynamodb", endpoint_url=server.endpoint)


def new_table(ddb, *, range_key: str | None = None, indexes: list | None = None, stream: bool = False, **extra) -> str:
    name = f"t-{uuid.uuid4().hex[:10]}"
    attributes = [{"AttributeName": "PK", "AttributeType": "S"}]
    keys = [{"AttributeName": "PK", "KeyType": "HASH"}]
    if range_key:
        attributes.append({"AttributeName": range_key, "AttributeType": "S"})
        keys.append({"AttributeName": range_key, "KeyType": "RANGE"})
    for extra_attribute in extra.pop("more_attributes", []):
        attributes.append(extra_attribute)
    args = dict(TableName=name, AttributeDefinitions=attributes, KeySchema=keys, BillingMode="PAY_PER_REQUEST", **extra)
    if indexes:
        args["GlobalSecondaryIndexes"] = indexes
    if stream:
        args["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
    ddb.create_table(**args)
    return name


# MARK: - Tables


def test_create_describe_list_delete(ddb):
    name = new_table(ddb, range_key="SK")
    table = ddb.describe_table(TableName=name)["Table"]
    assert table["TableStatus"] == "ACTIVE"
    assert table["KeySchema"] == [{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}]
    assert table["TableArn"] == f"arn:aws:dynamodb:{REGION}:000000000000:table/{name}"
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert name in ddb.list_tables()["TableNames"]
    ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 3})

    with pytest.raises(ClientError) as e:
        new_table_same = dict(
            TableName=name, AttributeDefinitions=[{"AttributeName": "PK", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}], BillingMode="PAY_PER_REQUEST",
        )
        ddb.create_table(**new_table_same)
    assert error_code(e.value) == "ResourceInUseException"
    assert error_message(e.value) == f"Table already exists: {name}"

    assert ddb.delete_table(TableName=name)["TableDescription"]["TableStatus"] == "DELETING"
    with pytest.raises(ClientError) as e:
        ddb.describe_table(TableName=name)
    assert error_code(e.value) == "ResourceNotFoundException"
    assert name not in ddb.list_tables()["TableNames"]


def test_list_tables_pages(ddb):
    names = sorted(new_table(ddb) for _ in range(3))
    seen = []
    start = None
    while True:
        page = ddb.list_tables(Limit=2, **({"ExclusiveStartTableName": start} if start else {}))
        seen += page["TableNames"]
        start = page.get("LastEvaluatedTableName")
        if not start:
            break
    assert seen == sorted(seen)
    assert set(names) <= set(seen)


def test_create_table_bad_input(ddb):
    with pytest.raises(ClientError) as e:
        ddb.create_table(
            TableName="bad/name", AttributeDefinitions=[{"AttributeName": "PK", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}], BillingMode="PAY_PER_REQUEST",
        )
    assert error_code(e.value) == "ValidationException"
    assert "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+" in error_message(e.value)
    with pytest.raises(ClientError) as e:
        ddb.create_table(
            TableName="t-extra-attr", AttributeDefinitions=[{"AttributeName": "PK", "AttributeType": "S"}, {"AttributeName": "X", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}], BillingMode="PAY_PER_REQUEST",
        )
    assert error_code(e.value) == "ValidationException"
    assert "t-extra-attr" not in ddb.list_tables()["TableNames"]


# MARK: - Items and expressions


def test_put_get_update_delete(ddb):
    name = new_table(ddb)
    ddb.put_item(TableName=name, Item={"PK": {"S": "a"}, "n": {"N": "1.50"}, "tags": {"SS": ["x", "y"]}, "m": {"M": {"k": {"BOOL": True}}}})
    item = ddb.get_item(TableName=name, Key={"PK": {"S": "a"}})["Item"]
    assert item == {"PK": {"S": "a"}, "n": {"N": "1.5"}, "tags": {"SS": ["x", "y"]}, "m": {"M": {"k": {"BOOL": True}}}}
    assert "Item" not in ddb.get_item(TableName=name, Key={"PK": {"S": "missing"}})

    answer = ddb.update_item(
        TableName=name, Key={"PK": {"S": "a"}}, UpdateExpression="set n = n + :val, #m.k2 = :s REMOVE tags",
        ExpressionAttributeNames={"#m": "m"}, ExpressionAttributeValues={":val": {"N": "2"}, ":s": {"S": "v"}},
        ReturnValues="ALL_NEW",
    )
    assert answer["Attributes"] == {"PK": {"S": "a"}, "n": {"N": "3.5"}, "m": {"M": {"k": {"BOOL": True}, "k2": {"S": "v"}}}}
    old = ddb.delete_item(TableName=name, Key={"PK": {"S": "a"}}, ReturnValues="ALL_OLD")["Attributes"]
    assert old["n"] == {"N": "3.5"}
    assert "Item" not in ddb.get_item(TableName=name, Key={"PK": {"S": "a"}})


def test_counter_with_updated_new(ddb):
    """The workshop's order-number counter: `set IDvalue = IDvalue + :val` with UPDATED_NEW."""
    name = new_table(ddb)
    ddb.put_item(TableName=name, Item={"PK": {"S": "orderID"}, "IDvalue": {"N": "0"}})
    for expected in ["1", "2", "3"]:
        answer = ddb.update_item(
            TableName=name, Key={"PK": {"S": "orderID"}}, UpdateExpression="set IDvalue = IDvalue + :val",
            ExpressionAttributeValues={":val": {"N": "1"}}, ReturnValues="UPDATED_NEW",
        )
        assert answer["Attributes"] == {"IDvalue": {"N": expected}}


def test_updated_values_are_only_what_changed(ddb):
    """UPDATED_OLD / UPDATED_NEW return the updated paths only, nested ones cut down to the updated part."""
    name = new_table(ddb)
    ddb.put_item(TableName=name, Item={"PK": {"S": "a"}, "m": {"M": {"k": {"N": "1"}, "other": {"S": "x"}}}, "gone": {"S": "old"}, "same": {"N": "0"}})
    update = dict(TableName=name, Key={"PK": {"S": "a"}}, UpdateExpression="SET m.k = m.k + :one REMOVE gone",
                  ExpressionAttributeValues={":one": {"N": "1"}})
    new = ddb.update_item(**update, ReturnValues="UPDATED_NEW")["Attributes"]
    assert new == {"m": {"M": {"k": {"N": "2"}}}}
    old = ddb.update_item(**update, ReturnValues="UPDATED_OLD")["Attributes"]
    assert old == {"m": {"M": {"k": {"N": "2"}}}}  # "gone" was already removed by the first update


def test_conditional_update_as_the_order_manager(ddb):
    """`#userId = :userId AND attribute_exists(TaskToken)`: the wrong user or a missing token fails."""
    name = new_table(ddb, range_key="SK")
    key = {"PK": {"S": "orders"}, "SK": {"S": "1"}}
    ddb.put_item(TableName=name, Item={**key, "USERID": {"S": "u1"}, "TaskToken": {"S": "tok"}})
    update = dict(
        TableName=name, Key=key, UpdateExpression="set #drinkOrder = :drinkOrder",
        ConditionExpression="#userId = :userId AND attribute_exists(TaskToken)",
        ExpressionAttributeNames={"#drinkOrder": "drinkOrder", "#userId": "USERID"},
    )
    answer = ddb.update_item(
        **update, ExpressionAttributeValues={":drinkOrder": {"S": "{}"}, ":userId": {"S": "u1"}}, ReturnValues="ALL_NEW"
    )
    assert answer["Attributes"]["TaskToken"] == {"S": "tok"}
    with pytest.raises(ClientError) as e:
        ddb.update_item(**update, ExpressionAttributeValues={":drinkOrder": {"S": "{}"}, ":userId": {"S": "u2"}})
    assert error_code(e.value) == "ConditionalCheckFailedException"
    assert error_message(e.value) == "The conditional request failed"
    item = ddb.get_item(TableName=name, Key=key)["Item"]
    assert item["drinkOrder"] == {"S": "{}"}


def test_put_if_not_exists_and_return_on_failure(ddb):
    name = new_table(ddb)
    ddb.put_item(TableName=name, Item={"PK": {"S": "k"}, "v": {"N": "1"}}, ConditionExpression="attribute_not_exists(PK)")
    with pytest.raises(ClientError) as e:
        ddb.put_item(
            TableName=name, Item={"PK": {"S": "k"}, "v": {"N": "2"}}, ConditionExpression="attribute_not_exists(PK)",
            ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
    assert error_code(e.value) == "ConditionalCheckFailedException"
    assert e.value.response["Item"] == {"PK": {"S": "k"}, "v": {"N": "1"}}
    assert ddb.get_item(TableName=name, Key={"PK": {"S": "k"}})["Item"]["v"] == {"N": "1"}


def test_query_sort_keys_paging_and_filters(ddb):
    name = new_table(ddb, range_key="SK")
    for i in range(10):
        ddb.put_item(TableName=name, Item={"PK": {"S": "p"}, "SK": {"S": f"item#{i:02d}"}, "n": {"N": str(i)}})
    ddb.put_item(TableName=name, Item={"PK": {"S": "other"}, "SK": {"S": "item#00"}, "n": {"N": "0"}})

    def query(**kwargs):
        return ddb.query(TableName=name, **kwargs)

    all_p = query(KeyConditionExpression="PK = :p", ExpressionAttributeValues={":p": {"S": "p"}})
    assert [i["SK"]["S"] for i in all_p["Items"]] == [f"item#{i:02d}" for i in range(10)]
    assert all_p["Count"] == 10 and all_p["ScannedCount"] == 10 and "LastEvaluatedKey" not in all_p

    backwards = query(KeyConditionExpression="PK = :p AND begins_with(SK, :s)", ExpressionAttributeValues={":p": {"S": "p"}, ":s": {"S": "item#0"}}, ScanIndexForward=False)
    assert [i["SK"]["S"] for i in backwards["Items"]] == [f"item#{i:02d}" for i in reversed(range(10))]

    between = query(
        KeyConditionExpression="PK = :p AND SK BETWEEN :a AND :b",
        ExpressionAttributeValues={":p": {"S": "p"}, ":a": {"S": "item#03"}, ":b": {"S": "item#05"}},
    )
    assert [i["SK"]["S"] for i in between["Items"]] == ["item#03", "item#04", "item#05"]

    pages, start = [], None
    while True:
        page = query(KeyConditionExpression="PK = :p", ExpressionAttributeValues={":p": {"S": "p"}}, Limit=4, **({"ExclusiveStartKey": start} if start else {}))
        pages.append([i["SK"]["S"] for i in page["Items"]])
        start = page.get("LastEvaluatedKey")
        if not start:
            break
    assert [len(p) for p in pages] == [4, 4, 2]

    filtered = query(
        KeyConditionExpression="PK = :p", FilterExpression="n >= :min AND n < :max",
        ExpressionAttributeValues={":p": {"S": "p"}, ":min": {"N": "3"}, ":max": {"N": "6"}}, Limit=5,
    )
    assert filtered["Count"] == 2 and filtered["ScannedCount"] == 5

    projected = query(KeyConditionExpression="PK = :p AND SK = :s", ProjectionExpression="n", ExpressionAttributeValues={":p": {"S": "p"}, ":s": {"S": "item#07"}})
    assert projected["Items"] == [{"n": {"N": "7"}}]

    count = query(KeyConditionExpression="PK = :p", ExpressionAttributeValues={":p": {"S": "p"}}, Select="COUNT")
    assert count["Count"] == 10 and "Items" not in count


def test_numbers_sort_numerically(ddb):
    name = f"t-{uuid.uuid4().hex[:10]}"
    ddb.create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "PK", "AttributeType": "S"}, {"AttributeName": "N", "AttributeType": "N"}],
        KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "N", "KeyType": "RANGE"}],
    )
    values = ["-10", "-1.5", "0", "0.25", "2", "10", "100", "1e3"]
    for v in reversed(values):
        ddb.put_item(TableName=name, Item={"PK": {"S": "p"}, "N": {"N": v}})
    items = ddb.query(TableName=name, KeyConditionExpression="PK = :p AND N > :z", ExpressionAttributeValues={":p": {"S": "p"}, ":z": {"N": "-2"}})["Items"]
    assert [i["N"]["N"] for i in items] == ["-1.5", "0", "0.25", "2", "10", "100", "1000"]


def test_global_secondary_index(ddb):
    index = {
        "IndexName": "byUser", "KeySchema": [{"AttributeName": "USERID", "KeyType": "HASH"}, {"AttributeName": "TS", "KeyType": "RANGE"}],
        "Projection": {"ProjectionType": "KEYS_ONLY"},
    }
    name = new_table(
        ddb, range_key="SK", indexes=[index],
        more_attributes=[{"AttributeName": "USERID", "AttributeType": "S"}, {"AttributeName": "TS", "AttributeType": "N"}],
    )
    for i, user in enumerate(["u1", "u2", "u1", "u1"]):
        ddb.put_item(TableName=name, Item={"PK": {"S": "orders"}, "SK": {"S": str(i)}, "USERID": {"S": user}, "TS": {"N": str(10 - i)}, "x": {"S": "y"}})
    ddb.put_item(TableName=name, Item={"PK": {"S": "orders"}, "SK": {"S": "no-user"}})  # sparse: not in the index
    found = ddb.query(TableName=name, IndexName="byUser", KeyConditionExpression="USERID = :u", ExpressionAttributeValues={":u": {"S": "u1"}})
    assert [i["SK"]["S"] for i in found["Items"]] == ["3", "2", "0"]  # by TS ascending: 7, 8, 10
    assert found["Items"][0] == {"PK": {"S": "orders"}, "SK": {"S": "3"}, "USERID": {"S": "u1"}, "TS": {"N": "7"}}
    ddb.update_item(TableName=name, Key={"PK": {"S": "orders"}, "SK": {"S": "3"}}, UpdateExpression="REMOVE USERID")
    found = ddb.query(TableName=name, IndexName="byUser", KeyConditionExpression="USERID = :u", ExpressionAttributeValues={":u": {"S": "u1"}})
    assert [i["SK"]["S"] for i in found["Items"]] == ["2", "0"]
    assert ddb.scan(TableName=name, IndexName="byUser")["Count"] == 3
    with pytest.raises(ClientError) as e:
        ddb.query(TableName=name, IndexName="nope", KeyConditionExpression="USERID = :u", ExpressionAttributeValues={":u": {"S": "u1"}})
    assert error_message(e.value) == "The table does not have the specified index: nope"


def test_update_table_adds_an_index_over_existing_items(ddb):
    name = new_table(ddb)
    for i in range(3):
        ddb.put_item(TableName=name, Item={"PK": {"S": str(i)}, "color": {"S": "red" if i != 1 else "blue"}})
    ddb.update_table(
        TableName=name, AttributeDefinitions=[{"AttributeName": "color", "AttributeType": "S"}],
        GlobalSecondaryIndexUpdates=[{"Create": {"IndexName": "byColor", "KeySchema": [{"AttributeName": "color", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}}],
    )
    red = ddb.query(TableName=name, IndexName="byColor", KeyConditionExpression="color = :c", ExpressionAttributeValues={":c": {"S": "red"}})
    assert sorted(i["PK"]["S"] for i in red["Items"]) == ["0", "2"]


def test_scan_segments_cover_the_table_once(ddb):
    name = new_table(ddb)
    for i in range(40):
        ddb.put_item(TableName=name, Item={"PK": {"S": f"k{i}"}})
    seen = []
    for segment in range(4):
        seen += [i["PK"]["S"] for i in ddb.scan(TableName=name, Segment=segment, TotalSegments=4)["Items"]]
    assert sorted(seen) == sorted(f"k{i}" for i in range(40))


def test_batches(ddb):
    name = new_table(ddb)
    ddb.batch_write_item(RequestItems={name: [{"PutRequest": {"Item": {"PK": {"S": str(i)}}}} for i in range(25)]})
    got = ddb.batch_get_item(RequestItems={name: {"Keys": [{"PK": {"S": str(i)}} for i in range(0, 25, 5)]}})
    assert sorted(i["PK"]["S"] for i in got["Responses"][name]) == ["0", "10", "15", "20", "5"]
    assert got["UnprocessedKeys"] == {}
    with pytest.raises(ClientError) as e:
        ddb.batch_write_item(RequestItems={name: [{"PutRequest": {"Item": {"PK": {"S": str(i)}}}} for i in range(26)]})
    assert error_code(e.value) == "ValidationException"
    with pytest.raises(ClientError) as e:
        ddb.batch_write_item(RequestItems={name: [{"PutRequest": {"Item": {"PK": {"S": "1"}}}}, {"DeleteRequest": {"Key": {"PK": {"S": "1"}}}}]})
    assert error_message(e.value) == "Provided list of item keys contains duplicates"


def test_transactions(ddb):
    name = new_table(ddb)
    ddb.put_item(TableName=name, Item={"PK": {"S": "stock"}, "count": {"N": "1"}})
    ddb.transact_write_items(
        TransactItems=[
            {"Update": {"TableName": name, "Key": {"PK": {"S": "stock"}}, "UpdateExpression": "SET #c = #c - :one", "ConditionExpression": "#c > :zero",
                        "ExpressionAttributeNames": {"#c": "count"}, "ExpressionAttributeValues": {":one": {"N": "1"}, ":zero": {"N": "0"}}}},
            {"Update": {"TableName": name, "Key": {"PK": {"S": "counter"}}, "UpdateExpression": "SET IDvalue = if_not_exists(IDvalue, :zero) + :one",
                        "ExpressionAttributeValues": {":one": {"N": "1"}, ":zero": {"N": "0"}}}},
        ]
    )
    assert ddb.get_item(TableName=name, Key={"PK": {"S": "counter"}})["Item"]["IDvalue"] == {"N": "1"}
    with pytest.raises(ClientError) as e:
        ddb.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": name, "Item": {"PK": {"S": "new"}}}},
                {"ConditionCheck": {"TableName": name, "Key": {"PK": {"S": "stock"}}, "ConditionExpression": "#c > :zero",
                                    "ExpressionAttributeNames": {"#c": "count"}, "ExpressionAttributeValues": {":zero": {"N": "0"}}}},
            ]
        )
    assert error_code(e.value) == "TransactionCanceledException"
    assert error_message(e.value) == "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]"
    assert [r["Code"] for r in e.value.response["CancellationReasons"]] == ["None", "ConditionalCheckFailed"]
    assert "Item" not in ddb.get_item(TableName=name, Key={"PK": {"S": "new"}})
    got = ddb.transact_get_items(TransactItems=[{"Get": {"TableName": name, "Key": {"PK": {"S": "stock"}}}}, {"Get": {"TableName": name, "Key": {"PK": {"S": "none"}}}}])
    assert got["Responses"] == [{"Item": {"PK": {"S": "stock"}, "count": {"N": "0"}}}, {}]


def test_table_resource(resource, ddb):
    name = new_table(ddb, range_key="SK")
    table = resource.Table(name)
    table.put_item(Item={"PK": "u", "SK": "1", "price": Decimal("3.10"), "tags": {"a", "b"}, "nested": {"list": [1, "two", None]}})
    item = table.get_item(Key={"PK": "u", "SK": "1"})["Item"]
    assert item == {"PK": "u", "SK": "1", "price": Decimal("3.1"), "tags": {"a", "b"}, "nested": {"list": [Decimal(1), "two", None]}}
    table.update_item(Key={"PK": "u", "SK": "1"}, UpdateExpression="ADD tags :t", ExpressionAttributeValues={":t": {"c"}})
    assert table.get_item(Key={"PK": "u", "SK": "1"})["Item"]["tags"] == {"a", "b", "c"}
    with table.batch_writer() as batch:
        for i in range(2, 30):
            batch.put_item(Item={"PK": "u", "SK": f"{i:02d}", "price": Decimal(i)})
    found = table.query(KeyConditionExpression=Key("PK").eq("u") & Key("SK").begins_with("2"), FilterExpression=Attr("price").gt(21))
    assert [i["SK"] for i in found["Items"]] == ["22", "23", "24", "25", "26", "27", "28", "29"]
    scanned = table.scan(FilterExpression=Attr("tags").contains("c"))
    assert [i["SK"] for i in scanned["Items"]] == ["1"]


def test_legacy_parameters(ddb):
    """The parameters from before expressions, as older code sends them."""
    name = new_table(ddb, range_key="SK")
    ddb.put_item(TableName=name, Item={"PK": {"S": "p"}, "SK": {"S": "1"}, "n": {"N": "1"}, "tags": {"SS": ["a"]}},
                 Expected={"PK": {"Exists": False}})
    with pytest.raises(ClientError) as e:
        ddb.put_item(TableName=name, Item={"PK": {"S": "p"}, "SK": {"S": "1"}}, Expected={"PK": {"Exists": False}})
    assert error_code(e.value) == "ConditionalCheckFailedException"
    ddb.update_item(
        TableName=name, Key={"PK": {"S": "p"}, "SK": {"S": "1"}},
        AttributeUpdates={"n": {"Action": "ADD", "Value": {"N": "2"}}, "tags": {"Action": "DELETE", "Value": {"SS": ["a"]}},
                          "note": {"Action": "PUT", "Value": {"S": "hi"}}},
        Expected={"n": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "1"}]}},
    )
    got = ddb.get_item(TableName=name, Key={"PK": {"S": "p"}, "SK": {"S": "1"}}, AttributesToGet=["n", "note", "tags"])
    assert got["Item"] == {"n": {"N": "3"}, "note": {"S": "hi"}}
    for i in range(2, 6):
        ddb.put_item(TableName=name, Item={"PK": {"S": "p"}, "SK": {"S": str(i)}, "n": {"N": str(i)}})
    found = ddb.query(
        TableName=name, KeyConditions={"PK": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]},
                                       "SK": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"S": "2"}, {"S": "5"}]}},
        QueryFilter={"n": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "3"}]}},
    )
    assert [i["SK"]["S"] for i in found["Items"]] == ["4", "5"] and found["ScannedCount"] == 4
    scanned = ddb.scan(TableName=name, ScanFilter={"note": {"ComparisonOperator": "NOT_NULL"}})
    assert [i["SK"]["S"] for i in scanned["Items"]] == ["1"]
    with pytest.raises(ClientError) as e:
        ddb.get_item(TableName=name, Key={"PK": {"S": "p"}, "SK": {"S": "1"}}, AttributesToGet=["n"], ProjectionExpression="n")
    assert error_message(e.value) == ("Can not use both expression and non-expression parameters in the same request: "
                                      "Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}")


# MARK: - Errors


def test_errors_name_what_and_where(ddb):
    name = new_table(ddb)
    cases = [
        (lambda: ddb.get_item(TableName="no-such-table", Key={"PK": {"S": "a"}}), "ResourceNotFoundException", "Requested resource not found"),
        (lambda: ddb.get_item(TableName=name, Key={"id": {"S": "a"}}), "ValidationException", "The provided key element does not match the schema"),
        (lambda: ddb.put_item(TableName=name, Item={"PK": {"N": "1"}}), "ValidationException",
         "One or more parameter values were invalid: Type mismatch for key PK expected: S actual: N"),
        (lambda: ddb.put_item(TableName=name, Item={"x": {"S": "1"}}), "ValidationException",
         "One or more parameter values were invalid: Missing the key PK in the item"),
        (lambda: ddb.update_item(TableName=name, Key={"PK": {"S": "a"}}, UpdateExpression="SET a = :v"), "ValidationException",
         "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :v"),
        (lambda: ddb.update_item(TableName=name, Key={"PK": {"S": "a"}}, UpdateExpression="SET data = :v", ExpressionAttributeValues={":v": {"S": "x"}}),
         "ValidationException", "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: data"),
        (lambda: ddb.update_item(TableName=name, Key={"PK": {"S": "a"}}, UpdateExpression="SET PK = :v", ExpressionAttributeValues={":v": {"S": "x"}}),
         "ValidationException", "One or more parameter values were invalid: Cannot update attribute PK. This attribute is part of the key"),
        (lambda: ddb.put_item(TableName=name, Item={"PK": {"S": "a"}}, ExpressionAttributeValues={":v": {"S": "x"}}),
         "ValidationException", "ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null"),
        (lambda: ddb.put_item(TableName=name, Item={"PK": {"S": "a"}}, ConditionExpression="attribute_exists(PK)", ExpressionAttributeValues={":v": {"S": "x"}}),
         "ValidationException", "Value provided in ExpressionAttributeValues unused in expressions: keys: {:v}"),
        (lambda: ddb.put_item(TableName=name, Item={"PK": {"S": "a"}, "big": {"S": "x" * 410_000}}), "ValidationException",
         "Item size has exceeded the maximum allowed size"),
    ]
    for call, code, message in cases:
        with pytest.raises(ClientError) as e:
            call()
        assert (error_code(e.value), error_message(e.value)) == (code, message)
    assert ddb.scan(TableName=name)["Count"] == 0  # nothing half-written


def test_syntax_error_names_token_and_place(ddb):
    name = new_table(ddb)
    with pytest.raises(ClientError) as e:
        ddb.update_item(TableName=name, Key={"PK": {"S": "a"}}, UpdateExpression="SET a = ", ExpressionAttributeValues={":v": {"S": "x"}})
    assert error_code(e.value) == "ValidationException"
    assert error_message(e.value).startswith('Invalid UpdateExpression: Syntax error; token: "<EOF>", near:')


# MARK: - The AWS CLI


def test_cli(aws):
    name = f"t-{uuid.uuid4().hex[:10]}"
    created = aws(
        "create-table", "--table-name", name, "--attribute-definitions", "AttributeName=PK,AttributeType=S",
        "--key-schema", "AttributeName=PK,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST", service="dynamodb",
    )
    assert created["TableDescription"]["TableName"] == name
    aws("wait", "table-exists", "--table-name", name, service="dynamodb")
    aws("put-item", "--table-name", name, "--item", '{"PK":{"S":"1"},"drink":{"S":"Latte"}}', service="dynamodb")
    got = aws("get-item", "--table-name", name, "--key", '{"PK":{"S":"1"}}', service="dynamodb")
    assert got["Item"] == {"PK": {"S": "1"}, "drink": {"S": "Latte"}}
    scanned = aws("scan", "--table-name", name, service="dynamodb")
    assert scanned["Count"] == 1
    aws("delete-table", "--table-name", name, service="dynamodb")


# MARK: - Step Functions integrations


def test_state_machine_integrations(ddb, sfn, new_name):
    name = new_table(ddb)
    definition = {
        "StartAt": "Put",
        "States": {
            "Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                    "Parameters": {"TableName": name, "Item": {"PK": {"S.$": "$.id"}, "n": {"N": "1"}}}, "ResultPath": None, "Next": "Update"},
            "Update": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:updateItem",
                       "Parameters": {"TableName": name, "Key": {"PK": {"S.$": "$.id"}}, "UpdateExpression": "set n = n + :one",
                                      "ExpressionAttributeValues": {":one": {"N": "1"}}, "ReturnValues": "UPDATED_NEW"},
                       "ResultSelector": {"n.$": "$.Attributes.n.N"}, "ResultPath": "$.updated", "Next": "Get"},
            "Get": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
                    "Parameters": {"TableName": name, "Key": {"PK": {"S.$": "$.id"}}}, "ResultSelector": {"Item.$": "$.Item"}, "ResultPath": "$.got", "Next": "Query"},
            "Query": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:query",
                      "Parameters": {"TableName": name, "KeyConditionExpression": "PK = :id", "ExpressionAttributeValues": {":id": {"S.$": "$.id"}}},
                      "ResultPath": "$.query", "Next": "Missing"},
            "Missing": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
                        "Parameters": {"TableName": name, "Key": {"PK": {"S": "nope"}}}, "ResultPath": "$.missing", "Next": "Fail on condition"},
            "Fail on condition": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                                  "Parameters": {"TableName": name, "Item": {"PK": {"S.$": "$.id"}}, "ConditionExpression": "attribute_not_exists(PK)"},
                                  "Catch": [{"ErrorEquals": ["DynamoDB.ConditionalCheckFailedException"], "ResultPath": "$.error", "Next": "Done"}],
                                  "End": True},
            "Done": {"Type": "Pass", "End": True},
        },
    }
    arn = create_machine(sfn, new_name(), definition)
    execution = sfn.start_execution(stateMachineArn=arn, input=json.dumps({"id": "order-1"}))["executionArn"]
    done = wait_closed(sfn, execution)
    assert done["status"] == "SUCCEEDED", done
    output = json.loads(done["output"])
    assert output["updated"] == {"n": "2"}
    assert output["got"] == {"Item": {"PK": {"S": "order-1"}, "n": {"N": "2"}}}
    assert output["query"] == {"Count": 1, "Items": [{"PK": {"S": "order-1"}, "n": {"N": "2"}}], "ScannedCount": 1}
    assert "Item" not in output["missing"] and output["missing"]["SdkHttpMetadata"]["HttpStatusCode"] == 200
    assert output["error"]["Error"] == "DynamoDB.ConditionalCheckFailedException"
    assert output["error"]["Cause"].startswith("The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: ")
