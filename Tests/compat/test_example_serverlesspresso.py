"""examples/serverlesspresso end to end: `cortado deploy` of the SAM template, then the workshop's paths as a
user walks them — an order through the HTTP routes (new order, the customer's drink through the
OrderManager route, the barista's claim and complete), the "milkshake is not on the menu" path, the
customer's and the barista's waits timing out (HeartbeatSeconds 900, fired by FastForwardExecution), the
closed shop — asserting the executions' histories, the order table and the routes' answers. Last,
replay.sh against a fresh server must pass.

The stack gets a server of its own: its fixed names (the `Serverlesspresso` bus, `OrderProcessorWorkflow`)
are the ones seed tests on the shared server create by hand.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from conftest import make_client, running_server
from support import ACCOUNT, CREDENTIALS, REGION, REPO_ROOT, AwsCli, CortadoServer, full_history, wait_closed, wait_until

EXAMPLE = REPO_ROOT / "examples" / "serverlesspresso"
STACK = "serverlesspresso"
SOURCE = "awsserverlessda.serverlesspresso"
BUS = "Serverlesspresso"
ORDER_TABLE = "serverlesspresso-order-table"
CONFIG_TABLE = "serverlesspresso-config-table"
LOG_GROUP = "/aws/events/serverlesspressoEventBus"
STATE_MACHINES = f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:"
PROCESSOR = STATE_MACHINES + "OrderProcessorWorkflow"
MANAGER = STATE_MACHINES + "OrderManagerStateMachine"
CAPPUCCINO = {"userId": "1", "drink": "Cappuccino", "modifiers": [], "icon": "barista-icons_cappuccino-alternative"}
MILKSHAKE = {"userId": "1", "drink": "milkshake", "modifiers": [], "icon": "barista-icons_cappuccino-alternative"}
MENU = ["Espresso", "Cappuccino", "Latte", "Flat White", "Americano", "Coffee of the day"]

HAPPY_PATH = ["DynamoDB Get Shop status", "Shop Open?", "ListExecutions", "Is capacity available?",
              "Emit - Workflow Started TT", "Generate Order Number", "Emit - Awaiting Completion TT", "Pass",
              "Emit - order finished"]
WAITING_FOR_CUSTOMER = HAPPY_PATH[:5]


def deploy(cortado_bin: Path, endpoint: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(cortado_bin), "deploy", str(EXAMPLE / "template.yaml"), "--stack-name", STACK,
                           "--endpoint", endpoint], capture_output=True, text=True, timeout=300)


class Shop:
    """The deployed example: its server, clients, the stack's outputs and the API's base URL."""

    def __init__(self, server: CortadoServer, deployed: subprocess.CompletedProcess):
        self.server = server
        self.deployed = deployed
        self.aws = AwsCli(server.endpoint)
        self.sfn = make_client(server.endpoint)
        self.ddb = make_client(server.endpoint, "dynamodb")
        self.events = make_client(server.endpoint, "events")
        self.logs = make_client(server.endpoint, "logs")
        stack = self.aws("describe-stacks", "--stack-name", STACK, service="cloudformation")["Stacks"][0]
        self.stack = stack
        self.outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}
        self.base = f"{server.endpoint}/restapis/{self.outputs['ApiId']}/Prod/_user_request_"

    # HTTP routes

    def http(self, method: str, path: str, body=None) -> tuple[int, dict, object]:
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"} if data is not None else {})
        try:
            with urllib.request.urlopen(request, timeout=60) as r:
                status, headers, raw = r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            status, headers, raw = e.code, dict(e.headers), e.read()
        content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
        return status, headers, json.loads(raw) if "json" in content_type and raw else raw.decode(errors="replace")

    # The order table

    def item(self, order_id: str) -> dict | None:
        return self.ddb.get_item(TableName=ORDER_TABLE, Key={"PK": {"S": "orders"}, "SK": {"S": order_id}}).get("Item")

    def item_with(self, order_id: str, attribute: str, *, differs_from: str | None = None) -> dict:
        def found():
            item = self.item(order_id)
            value = item and item.get(attribute, {}).get("S")
            return item if value and value != differs_from else None
        return wait_until(found, interval=0.2, what=f"order {order_id} to have {attribute}")

    # Executions

    def new_order(self, user_id: str = "1") -> tuple[str, str]:
        """Validator.NewOrder through `aws events put-events`, as the tutorial's "Send events" form does;
        returns the order id and the OrderProcessor execution the NewOrder rule started."""
        order_id = uuid.uuid4().hex[:8]
        sent = self.aws("put-events", "--entries", json.dumps([{
            "Source": SOURCE, "DetailType": "Validator.NewOrder", "EventBusName": BUS,
            "Detail": json.dumps({"userId": user_id, "orderId": order_id})}]), service="events")
        assert sent["FailedEntryCount"] == 0, sent
        return order_id, self.execution_of(order_id)

    def execution_of(self, order_id: str) -> str:
        def started():
            for e in self.sfn.list_executions(stateMachineArn=PROCESSOR)["executions"]:
                described = self.sfn.describe_execution(executionArn=e["executionArn"])
                if json.loads(described["input"]).get("detail", {}).get("orderId") == order_id:
                    return e["executionArn"]
            return None
        return wait_until(started, interval=0.2, what=f"the NewOrder rule to start the OrderProcessor for {order_id}")

    def manager(self, payload: dict) -> dict:
        arn = self.sfn.start_execution(stateMachineArn=MANAGER, input=json.dumps(payload))["executionArn"]
        return wait_closed(self.sfn, arn, timeout=60)

    def fast_forward(self, execution_arn: str) -> dict:
        return self.server.fast_forward(execution_arn)


def states(sfn, execution_arn: str) -> list[str]:
    return [e["stateEnteredEventDetails"]["name"] for e in full_history(sfn, execution_arn) if e["type"].endswith("StateEntered")]


def waiting_in(sfn, execution_arn: str, state: str, count: int) -> list[dict]:
    """Waits until the execution's callback state `state` has been entered and its event submitted
    (TaskSubmitted, the `count`-th of the execution), and returns the history."""
    def submitted():
        history = full_history(sfn, execution_arn)
        if len([e for e in history if e["type"] == "TaskSubmitted"]) < count:
            return None
        return history
    history = wait_until(submitted, interval=0.2, what=f"{execution_arn} to wait in {state}")
    entered = [e["stateEnteredEventDetails"]["name"] for e in history if e["type"].endswith("StateEntered")]
    assert entered[-1] == state, entered
    return history


def callback_tokens(history: list[dict]) -> list[str]:
    """The task tokens the two `putEvents.waitForTaskToken` states emitted, from their TaskScheduled events."""
    return [json.loads(e["taskScheduledEventDetails"]["parameters"])["Entries"][0]["Detail"]["TaskToken"]
            for e in history if e["type"] == "TaskScheduled"
            and e["taskScheduledEventDetails"]["resource"] == "putEvents.waitForTaskToken"]


def callback_outcomes(history: list[dict]) -> list[str]:
    """The event types that follow each callback state's TaskSubmitted: how each wait ended."""
    ends = ("TaskSucceeded", "TaskFailed", "TaskTimedOut")
    outcomes, waiting = [], False
    for e in history:
        if e["type"] == "TaskSubmitted":
            waiting = True
        elif waiting and e["type"] in ends:
            outcomes.append(e["type"])
            waiting = False
    return outcomes


def logged_events(shop: Shop, detail_type: str, order_id: str) -> list[dict]:
    found = shop.logs.filter_log_events(logGroupName=LOG_GROUP)["events"]
    bodies = [json.loads(e["message"]) for e in found]
    return [b for b in bodies if b["detail-type"] == detail_type and b["detail"].get("orderId") == order_id]


@pytest.fixture(scope="module")
def shop(cortado_bin):
    with running_server(cortado_bin) as server:
        deployed = deploy(cortado_bin, server.endpoint)
        assert deployed.returncode == 0, f"cortado deploy exited {deployed.returncode}:\n{deployed.stdout}\n{deployed.stderr}"
        env = {**AwsCli(server.endpoint).env, "ENDPOINT": server.endpoint}
        seeded = subprocess.run([str(EXAMPLE / "seed-config.sh")], env=env, capture_output=True, text=True, timeout=120)
        assert seeded.returncode == 0, f"seed-config.sh exited {seeded.returncode}:\n{seeded.stdout}\n{seeded.stderr}"
        assert json.loads(seeded.stdout) == {"UnprocessedItems": {}}
        yield Shop(server, deployed)


def test_deploy_makes_the_workshop_resources(shop):
    # What the deploy printed: the outputs and the API's base URL.
    printed = shop.deployed.stdout
    assert f"{shop.server.endpoint}/restapis/{shop.outputs['ApiId']}/Prod/_user_request_/" in printed, printed
    assert shop.stack["StackStatus"] == "CREATE_COMPLETE"
    assert shop.outputs["OrderProcessorArn"] == PROCESSOR
    assert shop.outputs["OrderManagerArn"] == MANAGER
    assert shop.outputs["EventBusName"] == BUS
    assert (shop.outputs["OrderTableName"], shop.outputs["ConfigTableName"]) == (ORDER_TABLE, CONFIG_TABLE)
    assert shop.outputs["EventsLogGroupName"] == LOG_GROUP

    # The definitions with their substitutions made: table names, bus, the processor's own ARN, the function.
    processor = json.loads(shop.sfn.describe_state_machine(stateMachineArn=PROCESSOR)["definition"])
    p = processor["States"]
    assert p["DynamoDB Get Shop status"]["Parameters"]["TableName"] == CONFIG_TABLE
    assert p["ListExecutions"]["Parameters"]["StateMachineArn"] == PROCESSOR
    assert p["Generate Order Number"]["Parameters"]["TableName"] == "serverlesspresso-counting-table"
    assert {s["HeartbeatSeconds"] for s in p.values() if "HeartbeatSeconds" in s} == {900}
    assert p["Emit - Workflow Started TT"]["Parameters"]["Entries"][0]["EventBusName"] == BUS
    manager = json.loads(shop.sfn.describe_state_machine(stateMachineArn=MANAGER)["definition"])
    assert manager["States"]["get menu"]["Parameters"]["TableName"] == CONFIG_TABLE
    assert manager["States"]["Update order"]["Parameters"]["TableName"] == ORDER_TABLE
    assert manager["States"]["Sanitize order"]["Parameters"]["FunctionName"] == shop.outputs["SanitizeOrderFunctionName"]

    # The tutorial's rules on the bus, by name, with their patterns.
    rules = {r["Name"]: r for r in shop.events.list_rules(EventBusName=BUS)["Rules"]}
    assert {"NewOrder", "WorkflowStarted", "WaitingCompletion", "logAll"} <= set(rules), list(rules)
    assert json.loads(rules["NewOrder"]["EventPattern"]) == {"detail-type": ["Validator.NewOrder"], "source": [SOURCE]}
    targets = shop.events.list_targets_by_rule(Rule="NewOrder", EventBusName=BUS)["Targets"]
    assert [t["Arn"] for t in targets] == [PROCESSOR]

    # The order table's indexes, as the OrderManager and the routes query them.
    table = shop.ddb.describe_table(TableName=ORDER_TABLE)["Table"]
    assert sorted(i["IndexName"] for i in table["GlobalSecondaryIndexes"]) == ["GSI-status", "GSI-userId"]
    assert [i["IndexName"] for i in table["LocalSecondaryIndexes"]] == ["LSI-timestamp"]


def test_an_order_through_the_routes(shop):
    # The customer scans the QR code: a new order.
    status, _, created = shop.http("POST", "/neworder", {"userId": "1"})
    assert status == 200, created
    order_id = created["orderId"]
    assert created["userId"] == "1" and created["eventId"]
    execution = shop.execution_of(order_id)
    history = waiting_in(shop.sfn, execution, "Emit - Workflow Started TT", 1)
    first_token = callback_tokens(history)[0]

    # The WorkflowStarted function stored the order with the token the workflow emitted.
    item = shop.item_with(order_id, "TaskToken")
    assert item["TaskToken"]["S"] == first_token
    assert (item["ORDERSTATE"]["S"], item["USERID"]["S"], item["robot"]["BOOL"]) == ("CREATED", "1", False)
    status, _, order = shop.http("GET", f"/orders/{order_id}")
    assert status == 200
    assert {k: order[k] for k in ("orderId", "userId", "state", "drinkOrder", "orderNumber")} == {
        "orderId": order_id, "userId": "1", "state": "CREATED", "drinkOrder": None, "orderNumber": None}
    assert "TaskToken" not in order and first_token not in json.dumps(order)
    status, _, open_orders = shop.http("GET", "/orders")
    assert status == 200 and order_id in [o["orderId"] for o in open_orders["orders"]]

    # The customer's drink: the OrderManager route starts an execution with the body as its input.
    status, _, started = shop.http("POST", "/orders", {"action": "", "orderId": order_id, "body": CAPPUCCINO})
    assert status == 200, started
    assert set(started) == {"executionArn", "startDate"}
    assert started["executionArn"].startswith(f"arn:aws:states:{REGION}:{ACCOUNT}:execution:OrderManagerStateMachine:")
    put = wait_closed(shop.sfn, started["executionArn"], timeout=60)
    assert put["status"] == "SUCCEEDED", put
    assert states(shop.sfn, put["executionArn"])[-3:] == ["Is Order Valid?", "Update order", "Resume Order Processor 2"]

    # The workflow resumed, numbered the order and waits for the barista with a second token, which the
    # WaitingCompletion function stored.
    history = waiting_in(shop.sfn, execution, "Emit - Awaiting Completion TT", 2)
    second_token = callback_tokens(history)[1]
    item = shop.item_with(order_id, "orderNumber")
    assert item["TaskToken"]["S"] == second_token != first_token
    assert json.loads(item["drinkOrder"]["S"]) == CAPPUCCINO
    status, _, order = shop.http("GET", f"/orders/{order_id}")
    assert order["drinkOrder"] == CAPPUCCINO and order["orderNumber"] == item["orderNumber"]["S"]

    # The barista claims it: the order is theirs, the workflow still waits.
    status, _, claimed = shop.http("PUT", f"/orders/{order_id}/claim", {"baristaUserId": "3"})
    assert status == 200, claimed
    assert (claimed["action"], claimed["status"], claimed["order"]["baristaUserId"]) == ("make", "SUCCEEDED", "3")
    assert shop.sfn.describe_execution(executionArn=execution)["status"] == "RUNNING"

    # ... and completes it: the OrderManager resumes the workflow with the stored token and it finishes.
    status, _, completed = shop.http("PUT", f"/orders/{order_id}/complete", {"baristaUserId": "3"})
    assert status == 200, completed
    assert completed["order"]["state"] == "Completed"
    done = wait_closed(shop.sfn, execution)
    assert done["status"] == "SUCCEEDED", done
    history = full_history(shop.sfn, execution)
    assert states(shop.sfn, execution) == HAPPY_PATH
    assert callback_outcomes(history) == ["TaskSucceeded", "TaskSucceeded"]
    resumed = [e for e in history if e["type"] == "TaskSucceeded"
               and e["taskSucceededEventDetails"]["resource"] == "putEvents.waitForTaskToken"]
    assert [json.loads(e["taskSucceededEventDetails"]["output"]) for e in resumed] == [{}, {}]

    # The order table and the routes show the completed order.
    item = shop.item(order_id)
    assert (item["ORDERSTATE"]["S"], item["baristaUserId"]["S"]) == ("Completed", "3")
    status, _, listed = shop.http("GET", "/orders?state=Completed")
    assert order_id in [o["orderId"] for o in listed["orders"]]
    status, _, open_orders = shop.http("GET", "/orders")
    assert order_id not in [o["orderId"] for o in open_orders["orders"]]

    # Every event of the order went to the log group (logAll), the final one included.
    finished = wait_until(lambda: logged_events(shop, "OrderProcessor.orderFinished", order_id), interval=0.3,
                          what="OrderProcessor.orderFinished in the log group")
    assert finished[0]["source"] == SOURCE and finished[0]["detail"]["userId"] == "1"
    assert logged_events(shop, "OrderManager.WaitingCompletion", order_id)[0]["detail"]["drinkOrder"] == CAPPUCCINO


def test_a_milkshake_is_not_on_the_menu(shop):
    order_id, execution = shop.new_order()
    waiting_in(shop.sfn, execution, "Emit - Workflow Started TT", 1)
    shop.item_with(order_id, "TaskToken")

    done = shop.manager({"action": "", "body": MILKSHAKE, "orderId": order_id, "baristaUserId": "3"})
    assert done["status"] == "SUCCEEDED", done
    assert states(shop.sfn, done["executionArn"]) == [
        "Decide Action", "Customer Put Order", "get menu", "Sanitize order", "Is Order Valid?", "not a valid order"]
    sanitized = [e for e in full_history(shop.sfn, done["executionArn"]) if e["type"] == "TaskSucceeded"
                 and e["taskSucceededEventDetails"]["resource"] == "invoke"]
    assert json.loads(sanitized[0]["taskSucceededEventDetails"]["output"])["Payload"] is False

    # Not entered into the order table; the workflow still waits for a drink.
    assert "drinkOrder" not in shop.item(order_id)
    assert shop.http("GET", f"/orders/{order_id}")[2]["drinkOrder"] is None
    assert shop.sfn.describe_execution(executionArn=execution)["status"] == "RUNNING"
    assert states(shop.sfn, execution) == WAITING_FOR_CUSTOMER

    # The same through the route: it starts the execution; the order stays without a drink.
    status, _, started = shop.http("POST", "/orders", {"action": "", "orderId": order_id, "body": MILKSHAKE})
    assert status == 200
    assert wait_closed(shop.sfn, started["executionArn"])["status"] == "SUCCEEDED"
    assert states(shop.sfn, started["executionArn"])[-1] == "not a valid order"
    assert "drinkOrder" not in shop.item(order_id)
    shop.fast_forward(execution)
    assert wait_closed(shop.sfn, execution)["status"] == "SUCCEEDED"


def test_the_customer_times_out(shop):
    order_id, execution = shop.new_order()
    waiting_in(shop.sfn, execution, "Emit - Workflow Started TT", 1)
    shop.item_with(order_id, "TaskToken")

    fired = shop.fast_forward(execution)
    assert fired["timerFired"] is True
    done = wait_closed(shop.sfn, execution)
    assert done["status"] == "SUCCEEDED", done
    history = full_history(shop.sfn, execution)
    assert states(shop.sfn, execution) == WAITING_FOR_CUSTOMER + ["Customer timedout", "Emit - error timeout"]
    assert callback_outcomes(history) == ["TaskTimedOut"]
    timed_out = next(e for e in history if e["type"] == "TaskTimedOut")["taskTimedOutEventDetails"]
    assert timed_out["error"] == "States.Timeout"
    # The catcher's ResultPath and the Pass state's Result, as "Emit - error timeout" saw them.
    entered = next(e for e in history if e["type"] == "TaskStateEntered"
                   and e["stateEnteredEventDetails"]["name"] == "Emit - error timeout")
    state_input = json.loads(entered["stateEnteredEventDetails"]["input"])
    assert state_input["cause"] == "Customer timedout"
    assert state_input["comment"]["Error"] == "States.Timeout"

    timeout_events = wait_until(lambda: logged_events(shop, "OrderProcessor.OrderTimeOut", order_id), interval=0.3,
                                what="OrderProcessor.OrderTimeOut in the log group")
    assert timeout_events[0]["detail"]["cause"] == "Customer timedout"
    # No OrderTimeOut consumer is deployed in the workshop: the order stays CREATED.
    assert shop.item(order_id)["ORDERSTATE"]["S"] == "CREATED"
    # Its token is spent: a late customer's drink fails at "Resume Order Processor 2".
    late = shop.manager({"action": "", "body": CAPPUCCINO, "orderId": order_id, "baristaUserId": "3"})
    assert late["status"] == "FAILED"
    assert late["error"] == "Sfn.TaskTimedOutException", late


def test_the_barista_times_out(shop):
    order_id, execution = shop.new_order()
    waiting_in(shop.sfn, execution, "Emit - Workflow Started TT", 1)
    shop.item_with(order_id, "TaskToken")
    assert shop.manager({"action": "", "body": CAPPUCCINO, "orderId": order_id, "baristaUserId": "3"})["status"] == "SUCCEEDED"
    waiting_in(shop.sfn, execution, "Emit - Awaiting Completion TT", 2)
    shop.item_with(order_id, "orderNumber")

    assert shop.fast_forward(execution)["timerFired"] is True
    assert wait_closed(shop.sfn, execution)["status"] == "SUCCEEDED"
    history = full_history(shop.sfn, execution)
    assert states(shop.sfn, execution) == HAPPY_PATH[:7] + ["Barista timedout", "Emit - error timeout"]
    assert callback_outcomes(history) == ["TaskSucceeded", "TaskTimedOut"]
    events = wait_until(lambda: logged_events(shop, "OrderProcessor.OrderTimeOut", order_id), interval=0.3,
                        what="OrderProcessor.OrderTimeOut in the log group")
    assert events[0]["detail"]["cause"] == "Barista timedout"


def test_a_closed_shop_takes_no_orders(shop):
    status, _, config = shop.http("PUT", "/store", {"storeOpen": False})
    assert status == 200 and config["storeOpen"] is False
    try:
        order_id, execution = shop.new_order()
        done = wait_closed(shop.sfn, execution)
        assert done["status"] == "SUCCEEDED"
        assert states(shop.sfn, execution) == ["DynamoDB Get Shop status", "Shop Open?", "Emit - Shop not ready"]
        assert shop.item(order_id) is None
    finally:
        status, _, config = shop.http("PUT", "/store", {"storeOpen": True})
    assert status == 200 and config["storeOpen"] is True


def test_routes_answer_as_documented(shop):
    status, headers, config = shop.http("GET", "/config")
    assert status == 200
    assert [d["drink"] for d in config["menu"]] == MENU
    assert (config["storeOpen"], config["maxOrdersPerUser"], config["maxOrdersInQueue"]) == (True, 1, 10)

    status, _, body = shop.http("GET", "/orders/no-such-order")
    assert (status, body) == (404, {"message": "no order no-such-order"})
    assert shop.http("PUT", "/orders/no-such-order/claim", {})[0] == 404
    assert shop.http("PUT", "/store", {"storeOpen": "yes"})[0] == 400

    status, headers, page = shop.http("GET", "/web/index.html")
    assert status == 200
    assert next(v for k, v in headers.items() if k.lower() == "content-type").startswith("text/html")
    # The file as it is in the function's directory (the pages are written there).
    assert page == (EXAMPLE / "functions" / "web" / "index.html").read_text()
    assert shop.http("GET", "/web/app.py")[0] == 404
    # A route the API does not have: API Gateway's answer.
    status, _, body = shop.http("DELETE", "/orders")
    assert status == 403 and body == {"message": "Missing Authentication Token"}


def test_replay_script_passes(cortado_bin, start_server):
    if not (shutil.which("jq") and shutil.which("curl") and shutil.which("aws")):
        pytest.skip("replay.sh needs aws, jq and curl")
    server = start_server()
    env = {**AwsCli(server.endpoint).env, "ENDPOINT": server.endpoint, "CORTADO": str(cortado_bin)}
    done = subprocess.run([str(EXAMPLE / "replay.sh")], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"replay.sh exited {done.returncode}:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    assert done.stdout.rstrip().endswith("All steps passed.")
    assert "OrderProcessor SUCCEEDED: DynamoDB Get Shop status" in done.stdout
