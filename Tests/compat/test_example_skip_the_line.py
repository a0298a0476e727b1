"""examples/skip-the-line deployed with `cortado deploy` and used as its README says: an order placed over
HTTP goes to DynamoDB, then its invoice to S3; the GET routes read them back; an order PutOrder refuses fails
the execution before PutInvoice is scheduled; a changed template updates the stack in place; delete-stack
removes it all."""

from __future__ import annotations

import json
import re
import shutil
import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from conftest import make_client
from stacks import EXAMPLES, api_base, delete_stack, deploy, http, outputs, printed, resources, stack_status, state_names
from support import CREDENTIALS, FUNCTION_ARN_PREFIX, REGION, assert_event_ids, error_code, full_history, wait_closed

EXAMPLE = EXAMPLES / "skip-the-line"
STACK = f"skip-the-line-{uuid.uuid4().hex[:6]}"

ORDER = {
    "accountid": "a-100",
    "vendorid": "cafe-7",
    "orderid": "o-1",
    "items": [{"name": "flat white", "quantity": 2, "price": 3.8}, {"name": "croissant", "quantity": 1, "price": 2.5}],
}


@pytest.fixture(scope="module")
def clients(server):
    made = {service: make_client(server.endpoint, service)
            for service in ("stepfunctions", "lambda", "cloudformation", "dynamodb")}
    session = boto3.session.Session(aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
                                    aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"], region_name=REGION)
    made["s3"] = session.client("s3", endpoint_url=server.endpoint, config=Config(s3={"addressing_style": "path"}))
    return made


@pytest.fixture(scope="module")
def deployed(cortado_bin, server, clients):
    done = deploy(cortado_bin, EXAMPLE / "template.yaml", STACK, server.endpoint)
    assert done.returncode == 0, printed(done)
    return done


@pytest.fixture(scope="module")
def stack(deployed, clients, server) -> dict:
    found = outputs(clients["cloudformation"], STACK)
    found["Api"] = api_base(server.endpoint, found["ApiId"])
    return found


def place(stack: dict, order: dict | str) -> str:
    """POST /order; returns the execution's ARN from StartExecution's answer."""
    status, _, body = http("POST", stack["Api"] + "order", order)
    assert status == 200, (status, body)
    answer = json.loads(body)
    assert set(answer) == {"executionArn", "startDate"}, answer
    return answer["executionArn"]


def test_deploy_makes_the_stack(deployed, stack, clients, server):
    cfn = clients["cloudformation"]
    assert stack_status(cfn, STACK) == "CREATE_COMPLETE"
    made = resources(cfn, STACK)
    types = {logical: r["ResourceType"] for logical, r in made.items()}
    for logical, kind in {
        "OrdersTable": "AWS::DynamoDB::Table",
        "InvoiceBucket": "AWS::S3::Bucket",
        "PutOrder": "AWS::Lambda::Function",
        "PutInvoice": "AWS::Lambda::Function",
        "GetOrder": "AWS::Lambda::Function",
        "GetInvoice": "AWS::Lambda::Function",
        "OrderWorkflow": "AWS::StepFunctions::StateMachine",
    }.items():
        assert types.get(logical) == kind, (logical, types)
    # SAM's implicit API is an API Gateway REST API.
    assert types.get("ServerlessRestApi") == "AWS::ApiGateway::RestApi", types
    assert made["ServerlessRestApi"]["PhysicalResourceId"] == stack["ApiId"]
    assert made["OrdersTable"]["PhysicalResourceId"] == stack["OrdersTableName"]
    assert made["InvoiceBucket"]["PhysicalResourceId"] == stack["InvoiceBucketName"]
    # No names in the template: CloudFormation's <stack>-<logical id>-<suffix>, a bucket's in lower case.
    assert stack["OrdersTableName"].startswith(f"{STACK}-OrdersTable-")
    assert stack["InvoiceBucketName"].startswith(f"{STACK}-invoicebucket-".lower())
    # A state machine's generated name is its logical id and 12 letters or digits, without the stack's name
    # (as quoted in aws/aws-sam-cli#2022: "State Machine is named: StateMachine-3ypO3dryEmXE").
    assert re.fullmatch(r"arn:aws:states:us-east-1:000000000000:stateMachine:OrderWorkflow-[A-Za-z0-9]{12}",
                        stack["OrderWorkflowArn"]), stack["OrderWorkflowArn"]

    table = clients["dynamodb"].describe_table(TableName=stack["OrdersTableName"])["Table"]
    assert table["KeySchema"] == [{"AttributeName": "accountid", "KeyType": "HASH"},
                                  {"AttributeName": "vendorid", "KeyType": "RANGE"}]
    clients["s3"].head_bucket(Bucket=stack["InvoiceBucketName"])
    environment = clients["lambda"].get_function(FunctionName=made["PutOrder"]["PhysicalResourceId"])["Configuration"]["Environment"]
    assert environment["Variables"] == {"TABLE_NAME": stack["OrdersTableName"], "BUCKET_NAME": stack["InvoiceBucketName"]}

    # The command printed the API's base URL.
    assert stack["Api"] in printed(deployed), printed(deployed)


def test_an_order_goes_to_the_table_then_its_invoice_to_the_bucket(stack, clients):
    sfn = clients["stepfunctions"]
    execution = place(stack, ORDER)
    assert execution.startswith(stack["OrderWorkflowArn"].replace(":stateMachine:", ":execution:") + ":")
    described = wait_closed(sfn, execution, timeout=60)
    assert described["status"] == "SUCCEEDED", described
    assert json.loads(described["input"]) == ORDER

    key = "invoices/a-100/cafe-7/o-1.json"
    output = json.loads(described["output"])
    placed_at = output["placedAt"]
    assert output == {**ORDER, "status": "PLACED", "placedAt": placed_at,
                      "invoice": {"bucket": stack["InvoiceBucketName"], "key": key, "total": 10.1}}

    events = full_history(sfn, execution)
    assert_event_ids(events)
    assert state_names(events, "StateEntered") == ["PutOrder", "PutInvoice"]
    assert state_names(events, "StateExited") == ["PutOrder", "PutInvoice"]
    scheduled = [json.loads(e["taskScheduledEventDetails"]["parameters"]) for e in events if e["type"] == "TaskScheduled"]
    put_order, put_invoice = (resources(clients["cloudformation"], STACK)[n]["PhysicalResourceId"] for n in ("PutOrder", "PutInvoice"))
    assert [s["FunctionName"] for s in scheduled] == [FUNCTION_ARN_PREFIX + put_order, FUNCTION_ARN_PREFIX + put_invoice]
    assert events[-1]["type"] == "ExecutionSucceeded"

    # The table holds the order (numbers come back as DynamoDB numbers).
    item = clients["dynamodb"].get_item(TableName=stack["OrdersTableName"],
                                        Key={"accountid": {"S": "a-100"}, "vendorid": {"S": "cafe-7"}})["Item"]
    assert item["orderid"] == {"S": "o-1"}
    assert item["status"] == {"S": "PLACED"}
    assert item["items"]["L"][0] == {"M": {"name": {"S": "flat white"}, "quantity": {"N": "2"}, "price": {"N": "3.8"}}}

    # The bucket holds the invoice.
    listed = clients["s3"].list_objects_v2(Bucket=stack["InvoiceBucketName"], Prefix="invoices/")
    assert [o["Key"] for o in listed.get("Contents", [])] == [key]
    stored = clients["s3"].get_object(Bucket=stack["InvoiceBucketName"], Key=key)
    assert stored["ContentType"] == "application/json"
    invoice = json.loads(stored["Body"].read())
    assert invoice == {
        "orderid": "o-1", "accountid": "a-100", "vendorid": "cafe-7",
        "lines": [{"name": "flat white", "quantity": 2, "price": 3.8, "amount": 7.6},
                  {"name": "croissant", "quantity": 1, "price": 2.5, "amount": 2.5}],
        "total": 10.1, "issuedAt": placed_at,
    }

    # The GET routes read both back.
    status, headers, body = http("GET", stack["Api"] + "order/a-100/cafe-7")
    assert status == 200, body
    assert headers.get("Content-Type") == "application/json"
    assert json.loads(body) == {**ORDER, "status": "PLACED", "placedAt": placed_at}
    status, _, body = http("GET", stack["Api"] + "invoice/a-100/cafe-7/o-1")
    assert status == 200, body
    assert json.loads(body) == invoice


def test_the_routes_answer_404_for_what_is_not_there(stack):
    status, _, body = http("GET", stack["Api"] + "order/a-100/no-such-vendor")
    assert (status, json.loads(body)) == (404, {"message": "no order for account a-100 with vendor no-such-vendor"})
    status, _, body = http("GET", stack["Api"] + "invoice/a-100/cafe-7/o-404")
    assert (status, json.loads(body)) == (404, {"message": "no invoice o-404"})
    # A path no route serves: API Gateway's REST answer.
    status, _, body = http("GET", stack["Api"] + "orders")
    assert (status, json.loads(body)) == (403, {"message": "Missing Authentication Token"})


def test_an_order_without_accountid_never_gets_an_invoice(stack, clients):
    sfn, s3 = clients["stepfunctions"], clients["s3"]
    before = [o["Key"] for o in s3.list_objects_v2(Bucket=stack["InvoiceBucketName"]).get("Contents", [])]

    execution = place(stack, {"vendorid": "cafe-7", "orderid": "o-bad", "items": []})
    described = wait_closed(sfn, execution, timeout=60)
    assert described["status"] == "FAILED", described
    assert described["error"] == "InvalidOrder"
    cause = json.loads(described["cause"])
    assert cause["errorType"] == "InvalidOrder"
    assert cause["errorMessage"] == "the order has no accountid"

    events = full_history(sfn, execution)
    assert_event_ids(events)
    assert state_names(events, "StateEntered") == ["PutOrder"]
    kinds = [e["type"] for e in events]
    assert kinds.count("TaskScheduled") == 1
    assert kinds[-2:] == ["TaskFailed", "ExecutionFailed"]
    assert "TaskStateExited" not in kinds
    # Nothing new in the bucket, nothing for the vendor but the first order in the table.
    after = [o["Key"] for o in s3.list_objects_v2(Bucket=stack["InvoiceBucketName"]).get("Contents", [])]
    assert after == before
    assert not any("o-bad" in key for key in after)
    scanned = clients["dynamodb"].scan(TableName=stack["OrdersTableName"])["Items"]
    assert [i["orderid"]["S"] for i in scanned] == ["o-1"]


def test_a_new_order_for_the_same_vendor_replaces_the_old_one(stack, clients):
    second = {"accountid": "a-100", "vendorid": "cafe-7", "items": [{"name": "espresso", "quantity": 1, "price": 2.2}]}
    described = wait_closed(clients["stepfunctions"], place(stack, second), timeout=60)
    assert described["status"] == "SUCCEEDED", described
    orderid = json.loads(described["output"])["orderid"]
    assert orderid != "o-1" and len(orderid) == 36  # a UUID from PutOrder

    status, _, body = http("GET", stack["Api"] + "order/a-100/cafe-7")
    assert status == 200
    assert json.loads(body)["orderid"] == orderid
    status, _, body = http("GET", stack["Api"] + f"invoice/a-100/cafe-7/{orderid}")
    assert (status, json.loads(body)["total"]) == (200, 2.2)
    # The first invoice stays: invoices are records, orders a cart.
    status, _, _ = http("GET", stack["Api"] + "invoice/a-100/cafe-7/o-1")
    assert status == 200


def test_deploying_a_changed_template_updates_in_place(cortado_bin, server, stack, clients, tmp_path):
    cfn, lam = clients["cloudformation"], clients["lambda"]
    before = {logical: r["PhysicalResourceId"] for logical, r in resources(cfn, STACK).items()}

    # The same application with a longer function timeout, deployed from a copy.
    copy = tmp_path / "skip-the-line"
    shutil.copytree(EXAMPLE, copy)
    template = copy / "template.yaml"
    text = template.read_text()
    assert "    Timeout: 10\n" in text
    template.write_text(text.replace("    Timeout: 10\n", "    Timeout: 20\n", 1))

    again = deploy(cortado_bin, template, STACK, server.endpoint)
    assert again.returncode == 0, printed(again)
    assert stack_status(cfn, STACK) == "UPDATE_COMPLETE"
    after = {logical: r["PhysicalResourceId"] for logical, r in resources(cfn, STACK).items()}
    assert after == before
    for name in ("PutOrder", "PutInvoice", "GetOrder", "GetInvoice"):
        assert lam.get_function(FunctionName=after[name])["Configuration"]["Timeout"] == 20, name
    # The data made before the update is still there, and the routes still serve it.
    status, _, body = http("GET", stack["Api"] + "invoice/a-100/cafe-7/o-1")
    assert status == 200, body

    # Deploying the same template again succeeds too: nothing to update is not a failure, and the
    # outputs are printed again.
    third = deploy(cortado_bin, template, STACK, server.endpoint)
    assert third.returncode == 0, printed(third)
    assert stack["OrderWorkflowArn"] in third.stdout and stack["Api"] in third.stdout, printed(third)
    assert {logical: r["PhysicalResourceId"] for logical, r in resources(cfn, STACK).items()} == before


def test_delete_stack_removes_everything(cortado_bin, server, stack, clients):
    cfn, s3 = clients["cloudformation"], clients["s3"]
    made = {logical: r["PhysicalResourceId"] for logical, r in resources(cfn, STACK).items()}

    # AWS: CloudFormation does not delete a bucket that holds objects; the stack is DELETE_FAILED and
    # keeps the bucket (the README says to empty it first).
    refused = delete_stack(cortado_bin, STACK, server.endpoint)
    assert refused.returncode == 1, printed(refused)
    assert "InvoiceBucket" in printed(refused)
    assert stack_status(cfn, STACK) == "DELETE_FAILED"
    s3.head_bucket(Bucket=stack["InvoiceBucketName"])
    kept = resources(cfn, STACK)
    assert kept["InvoiceBucket"]["ResourceStatus"] == "DELETE_FAILED"
    assert "not empty" in kept["InvoiceBucket"]["ResourceStatusReason"]

    for o in s3.list_objects_v2(Bucket=stack["InvoiceBucketName"]).get("Contents", []):
        s3.delete_object(Bucket=stack["InvoiceBucketName"], Key=o["Key"])
    done = delete_stack(cortado_bin, STACK, server.endpoint)
    assert done.returncode == 0, printed(done)

    with pytest.raises(ClientError) as gone:
        clients["dynamodb"].describe_table(TableName=stack["OrdersTableName"])
    assert error_code(gone.value) == "ResourceNotFoundException"
    with pytest.raises(ClientError) as gone:
        s3.head_bucket(Bucket=stack["InvoiceBucketName"])
    assert gone.value.response["Error"]["Code"] in ("404", "NoSuchBucket")
    for name in ("PutOrder", "PutInvoice", "GetOrder", "GetInvoice"):
        with pytest.raises(ClientError) as gone:
            clients["lambda"].get_function(FunctionName=made[name])
        assert error_code(gone.value) == "ResourceNotFoundException", name
    with pytest.raises(ClientError) as gone:
        clients["stepfunctions"].describe_state_machine(stateMachineArn=stack["OrderWorkflowArn"])
    assert error_code(gone.value) == "StateMachineDoesNotExist"
    with pytest.raises(ClientError) as gone:
        cfn.describe_stacks(StackName=STACK)
    assert error_code(gone.value) == "ValidationError"
    # The API is gone with its stack.
    status, _, _ = http("GET", stack["Api"] + "order/a-100/cafe-7")
    assert status in (403, 404)
