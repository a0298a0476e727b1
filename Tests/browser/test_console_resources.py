"""The console's resource pages in headless Chromium (docs/architecture/console.md): an event bus's rules,
"Send events" form, pattern tester and recent deliveries; a log group's live tail; a function's invoke form
and recent invocations; a table's item explorer and query form; a bucket's object browser; and "Not found"
for names that do not exist. Resources are made with boto3 on the console's own server; screenshots of
each page go to Tests/browser/artifacts/.

    CORTADO_BIN=.build/debug/cortado python3 -m pytest -q Tests/browser/test_console_resources.py
"""

from __future__ import annotations

import io
import json
import re
import time
import zipfile

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from pages import console_errors, encoded, open_console, replace_text, retry, shoot, text_of, wait_for
from support import wait_until

ROLE = "arn:aws:iam::000000000000:role/console-test"


def rows(driver, css: str) -> list[str]:
    """The text of each row `css` finds, read in one step."""
    return driver.execute_script("return [...document.querySelectorAll(arguments[0])].map((r) => r.innerText);", css)


def scroll_to(driver, css: str) -> None:
    """Scrolls a part of the page into view, for its screenshot."""
    driver.execute_script("document.querySelector(arguments[0])?.scrollIntoView()", css)


def mark_page(driver) -> None:
    """Marks the loaded document, so a test can tell a live update from a reload."""
    driver.execute_script("window.__sameDocument = true;")


def same_page(driver) -> bool:
    return driver.execute_script("return window.__sameDocument === true;")


# MARK: - Event bus


def test_bus_rules_send_events_pattern_tester_and_deliveries(browser, console, artifacts):
    driver = browser
    sfn, events = console.client("stepfunctions"), console.client("events")
    machine = sfn.create_state_machine(
        name="res-order-flow", roleArn=ROLE, type="STANDARD",
        definition=json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": True}}}))["stateMachineArn"]
    events.create_event_bus(Name="res-orders")
    events.put_rule(Name="res-to-workflow", EventBusName="res-orders", EventPattern=json.dumps({"source": ["console.test"]}))
    # A second target, a log group that does not exist: its delivery is dead-lettered.
    events.put_targets(Rule="res-to-workflow", EventBusName="res-orders", Targets=[
        {"Id": "workflow", "Arn": machine, "RoleArn": ROLE},
        {"Id": "lost", "Arn": "arn:aws:logs:us-east-1:000000000000:log-group:/console/res-missing"}])

    open_console(driver, console, "/buses")
    wait_for(driver, "the buses", lambda d: "res-orders" in text_of(d, "table.list"))
    assert "default" in text_of(driver, "table.list")
    shoot(driver, artifacts, "console-buses")

    open_console(driver, console, f"/buses/{encoded('res-orders')}")
    mark_page(driver)
    # The rule with its pattern and its target, linked to the state machine's page.
    rule = wait_for(driver, "the rule's target", lambda d: d.find_elements(
        By.CSS_SELECTOR, 'tr[data-rule="res-to-workflow"] li[data-target="workflow"] a'))[0]
    assert rule.get_attribute("href") == console.url(f"/state-machines/{encoded(machine)}")
    rule_text = text_of(driver, 'tr[data-rule="res-to-workflow"]')
    assert "ENABLED" in rule_text and '"console.test"' in rule_text and machine in rule_text
    shoot(driver, artifacts, "console-bus")

    # Send events, as in AWS's console.
    send = driver.find_element(By.CSS_SELECTOR, "form.send-events")
    assert send.find_element(By.NAME, "bus").get_attribute("value") == "res-orders"
    replace_text(send.find_element(By.NAME, "source"), "console.test")
    replace_text(send.find_element(By.NAME, "detail-type"), "Order Placed")
    detail = send.find_element(By.TAG_NAME, "textarea")
    replace_text(detail, '{"order": 7}')

    # The pattern tester starts with the rule's pattern and an event built from the form.
    tester = driver.find_element(By.CSS_SELECTOR, "form.pattern-tester")
    assert Select(tester.find_element(By.NAME, "rule")).first_selected_option.text == "res-to-workflow"
    assert json.loads(tester.find_element(By.NAME, "pattern").get_attribute("value")) == {"source": ["console.test"]}
    sample = json.loads(tester.find_element(By.NAME, "event").get_attribute("value"))
    assert {k: sample[k] for k in ("version", "detail-type", "source", "account", "region", "resources", "detail")} == {
        "version": "0", "detail-type": "Order Placed", "source": "console.test", "account": "000000000000",
        "region": "us-east-1", "resources": [], "detail": {"order": 7}}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", sample["time"]) and len(sample["id"]) == 36
    tester.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(driver, "the pattern to match", lambda d: d.find_elements(By.CSS_SELECTOR, '.test-result [data-result="match"]'))

    send.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    event_id = wait_for(driver, "the event's id", lambda d: text_of(d, ".send-result code.event-id"))
    assert re.fullmatch(r"[0-9a-f-]{36}", event_id), event_id

    # The rule started the state machine, and the delivery shows in Recent deliveries without a reload.
    wait_until(lambda: sfn.list_executions(stateMachineArn=machine)["executions"], timeout=30,
               what="the rule's execution to start")
    delivered = wait_for(driver, "the delivery in Recent deliveries", lambda d: [
        r for r in rows(d, 'tr[data-status="DELIVERED"]') if event_id in r])
    assert "res-to-workflow" in delivered[0] and machine in delivered[0] and "console.test" in delivered[0]
    lost = wait_for(driver, "the dead-lettered delivery", lambda d: [
        r for r in rows(d, 'tr[data-status="DEAD_LETTERED"]') if event_id in r])
    assert "lost" in lost[0] and "ResourceNotFoundException" in lost[0]
    dead = wait_for(driver, "the dead letter", lambda d: rows(d, "section[aria-label='Dead letters'] tbody tr:not(.empty)"))
    assert len(dead) == 1 and "lost" in dead[0] and "ResourceNotFoundException" in dead[0]
    assert same_page(driver)
    scroll_to(driver, "section[aria-label='Recent deliveries']")
    shoot(driver, artifacts, "console-bus-deliveries")

    # The event follows the form: another source does not match.
    replace_text(send.find_element(By.NAME, "source"), "console.other")
    assert json.loads(tester.find_element(By.NAME, "event").get_attribute("value"))["source"] == "console.other"
    tester.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(driver, "the pattern not to match", lambda d: d.find_elements(By.CSS_SELECTOR, '.test-result [data-result="no-match"]'))

    # A pattern that is not valid: AWS's error, by name.
    replace_text(tester.find_element(By.NAME, "pattern"), '{"source": "console.test"}')
    tester.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    assert wait_for(driver, "the pattern's error", lambda d: text_of(d, ".test-result .error-type")) == "InvalidEventPatternException"

    # A detail that is not JSON: a message, and Send is disabled.
    replace_text(detail, '{"order": ')
    assert not send.find_element(By.CSS_SELECTOR, "button[type=submit]").is_enabled()
    assert "Event detail is not valid JSON" in text_of(driver, "form.send-events .json-check")
    replace_text(detail, '{"order": 8}')
    assert send.find_element(By.CSS_SELECTOR, "button[type=submit]").is_enabled()
    scroll_to(driver, "form.send-events")
    shoot(driver, artifacts, "console-bus-forms")
    assert console_errors(driver, (400,)) == []  # the refused pattern


# MARK: - Logs


def test_log_group_shows_events_and_tails_them_live(browser, console, artifacts):
    driver = browser
    logs = console.client("logs")
    group = "/console/res-app"
    logs.create_log_group(logGroupName=group)
    for stream in ("web-1", "worker-1"):
        logs.create_log_stream(logGroupName=group, logStreamName=stream)

    def put(stream: str, *messages: str) -> None:
        now = int(time.time() * 1000)
        logs.put_log_events(logGroupName=group, logStreamName=stream,
                            logEvents=[{"timestamp": now + i, "message": m} for i, m in enumerate(messages)])

    put("web-1", "GET /orders 200", "ERROR payment declined for order 41")
    put("worker-1", "worker picked order 40")

    open_console(driver, console, "/logs")
    wait_for(driver, "the log group", lambda d: group in text_of(d, "table.list"))
    shoot(driver, artifacts, "console-logs")

    open_console(driver, console, f"/logs/{encoded(group)}")
    mark_page(driver)
    wait_for(driver, "the events", lambda d: all(m in text_of(d, ".log-view") for m in (
        "GET /orders 200", "ERROR payment declined for order 41", "worker picked order 40")))
    assert {"web-1", "worker-1"} <= set(rows(driver, "button[data-stream]"))

    # One more event appears without a reload.
    put("web-1", "order 42 accepted")
    wait_for(driver, "the new event, live", lambda d: "order 42 accepted" in text_of(d, ".log-view"))
    assert same_page(driver)
    assert len([r for r in rows(driver, ".log-view tbody tr") if "order 42 accepted" in r]) == 1
    shoot(driver, artifacts, "console-log-group")

    # Paused, the tail waits; resumed, it catches up.
    pause = driver.find_element(By.CSS_SELECTOR, ".tail-filter button[aria-pressed]")
    pause.click()
    put("web-1", "order 43 accepted")
    wait_for(driver, "the paused tail to hear of new events", lambda d: "new events waiting" in text_of(d, ".tail-status"))
    assert "order 43 accepted" not in text_of(driver, ".log-view")
    pause.click()
    wait_for(driver, "the resumed tail", lambda d: "order 43 accepted" in text_of(d, ".log-view"))

    # A filter pattern, then one stream's events.
    replace_text(driver.find_element(By.NAME, "filterPattern"), "ERROR")
    driver.find_element(By.NAME, "filterPattern").send_keys(Keys.ENTER)
    wait_for(driver, "only the matching events", lambda d: "order 42" not in text_of(d, ".log-view"))
    assert rows(driver, ".log-view tbody tr") == [r for r in rows(driver, ".log-view tbody tr") if "ERROR payment declined" in r]
    assert len(rows(driver, ".log-view tbody tr")) == 1
    replace_text(driver.find_element(By.NAME, "filterPattern"), "")
    driver.find_element(By.NAME, "filterPattern").send_keys(Keys.ENTER)
    retry(lambda: driver.find_element(By.CSS_SELECTOR, 'button[data-stream="worker-1"]').click())
    wait_for(driver, "only worker-1's events", lambda d: rows(d, ".log-view tbody tr") == [
        r for r in rows(d, ".log-view tbody tr") if "worker picked order 40" in r][:1])
    assert "stream=worker-1" in driver.current_url
    assert console_errors(driver) == []


# MARK: - Functions


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_function_invoke_form_and_recent_invocations(browser, console, artifacts):
    driver = browser
    lam = console.client("lambda")
    handler = "def handler(event, context):\n    print('doubling', event['n'])\n    return {'doubled': event['n'] * 2}\n"
    lam.create_function(FunctionName="res-double", Runtime="python3.12", Role=ROLE, Handler="app.handler",
                        Code={"ZipFile": _zip({"app.py": handler})}, Environment={"Variables": {"GREETING": "hi"}})

    open_console(driver, console, "/functions")
    wait_for(driver, "the function", lambda d: "res-double" in text_of(d, "table.list"))
    shoot(driver, artifacts, "console-functions")

    open_console(driver, console, f"/functions/{encoded('res-double')}")
    mark_page(driver)
    page = text_of(driver, "main")
    assert "python3.12" in page and "app.handler" in page and "GREETING" in page and "128 MB" in page

    form = driver.find_element(By.CSS_SELECTOR, "form.invoke")
    payload = form.find_element(By.TAG_NAME, "textarea")
    replace_text(payload, '{"n": ')
    assert not form.find_element(By.CSS_SELECTOR, "button[type=submit]").is_enabled()
    assert "Payload is not valid JSON" in text_of(driver, "form.invoke .json-check")
    replace_text(payload, '{"n": 21}')
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(driver, "the answer", lambda d: "Status 200" in text_of(d, ".invoke-result"), timeout=60)
    answer = text_of(driver, ".invoke-result")
    assert json.loads(text_of(driver, ".invoke-result pre.json")) == {"doubled": 42}
    assert "doubling 21" in text_of(driver, ".invoke-result pre.log-tail")
    request_id = re.search(r"START RequestId: (\S+)", answer).group(1)

    # The invocation's REPORT line shows in Recent invocations, live.
    report = wait_for(driver, "the invocation in Recent invocations",
                      lambda d: text_of(d, f'tr[data-request-id="{request_id}"]'))
    assert " ms" in report and "128 MB" in report
    assert "doubling 21" in text_of(driver, "section[aria-label='Latest log lines']")
    assert same_page(driver)
    scroll_to(driver, "section[aria-label='Recent invocations']")
    shoot(driver, artifacts, "console-function-invocations")

    # A function error: the X-Amz-Function-Error header and the error payload.
    replace_text(payload, "{}")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(driver, "the function error", lambda d: "X-Amz-Function-Error" in text_of(d, ".invoke-result"), timeout=60)
    assert json.loads(text_of(driver, ".invoke-result pre.json"))["errorType"] == "KeyError"
    assert "Unhandled" in text_of(driver, ".invoke-result .function-error")
    scroll_to(driver, "form.invoke")
    shoot(driver, artifacts, "console-function")
    assert console_errors(driver) == []


# MARK: - Tables


def test_table_item_explorer_and_query(browser, console, artifacts):
    driver = browser
    dynamodb = console.client("dynamodb")
    dynamodb.create_table(
        TableName="res-orders", BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "customer", "KeyType": "HASH"}, {"AttributeName": "order", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "customer", "AttributeType": "S"}, {"AttributeName": "order", "AttributeType": "N"}])
    for customer, order in (("ada", 1), ("ada", 2), ("ada", 3), ("bob", 1), ("bob", 2)):
        dynamodb.put_item(TableName="res-orders", Item={
            "customer": {"S": customer}, "order": {"N": str(order)}, "drink": {"S": f"latte {customer} {order}"},
            "extras": {"M": {"shots": {"N": "2"}, "milk": {"L": [{"S": "oat"}]}}}})

    open_console(driver, console, "/tables")
    wait_for(driver, "the table", lambda d: "res-orders" in text_of(d, "table.list"))
    shoot(driver, artifacts, "console-tables")

    open_console(driver, console, f"/tables/{encoded('res-orders')}")
    items = wait_for(driver, "the items", lambda d: len(rows(d, "table.items tbody tr")) == 5 and rows(d, "table.items tbody tr"))
    headers = rows(driver, "table.items thead th")
    assert headers[:2] == ["customer", "order"] and set(headers[2:]) == {"drink", "extras"}
    cells = dict(zip(headers, items[0].split("\t")))
    assert cells["customer"] == "ada" and cells["order"] == "1" and cells["drink"] == "latte ada 1"
    assert json.loads(cells["extras"]) == {"shots": 2, "milk": ["oat"]}

    # The item's DynamoDB JSON.
    driver.find_element(By.CSS_SELECTOR, "table.items tbody tr:nth-child(4) button").click()
    item = json.loads(wait_for(driver, "the item", lambda d: text_of(d, ".item-detail pre.json")))
    assert item["customer"] == {"S": "bob"} and item["order"] == {"N": "1"}

    # Query by partition key: only bob's.
    query = driver.find_element(By.CSS_SELECTOR, "form.query-form")
    replace_text(query.find_element(By.NAME, "partition"), "bob")
    query.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(driver, "bob's items", lambda d: len(rows(d, "table.items tbody tr")) == 2)
    assert all(r.startswith("bob") for r in rows(driver, "table.items tbody tr"))
    assert "Query on the table: 2 items" in text_of(driver, ".explorer-status")
    assert text_of(driver, ".item-detail") == "Pick an item to see its DynamoDB JSON."  # the scan's pick is gone

    # With a sort key condition.
    replace_text(query.find_element(By.NAME, "partition"), "ada")
    Select(query.find_element(By.NAME, "sort-op")).select_by_value(">=")
    replace_text(query.find_element(By.NAME, "sort"), "2")
    query.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(driver, "ada's later orders", lambda d: [r.split("\t")[:2] for r in rows(d, "table.items tbody tr")] == [["ada", "2"], ["ada", "3"]])
    scroll_to(driver, "section[aria-label=Items]")
    shoot(driver, artifacts, "console-table")

    # A bad query: AWS's error, by name.
    replace_text(query.find_element(By.NAME, "sort"), "two")
    query.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    assert wait_for(driver, "the query's error", lambda d: text_of(d, "section[aria-label=Items] .error .error-type")) == "ValidationException"
    assert console_errors(driver, (400,)) == []  # the refused query


# MARK: - Buckets


def test_bucket_object_browser(browser, console, artifacts):
    driver = browser
    s3 = console.client("s3")
    s3.create_bucket(Bucket="res-files")
    s3.put_object(Bucket="res-files", Key="a/b.txt", Body=b"hello from b")
    s3.put_object(Bucket="res-files", Key="c.txt", Body=b"c")

    open_console(driver, console, "/buckets")
    wait_for(driver, "the bucket", lambda d: "res-files" in text_of(d, "table.list"))
    shoot(driver, artifacts, "console-buckets")

    open_console(driver, console, f"/buckets/{encoded('res-files')}")
    wait_for(driver, "the objects", lambda d: len(rows(d, "table.objects tbody tr")) == 2)
    listed = rows(driver, "table.objects tbody tr")
    assert listed[0].startswith("a/") and listed[1].startswith("c.txt") and "1 B" in listed[1]
    shoot(driver, artifacts, "console-bucket")

    driver.find_element(By.CSS_SELECTOR, 'a.folder[data-prefix="a/"]').click()
    wait_for(driver, "the folder a/", lambda d: "b.txt" in text_of(d, "table.objects"))
    assert driver.current_url == console.url(f"/buckets/res-files?prefix={encoded('a/')}")
    assert "c.txt" not in text_of(driver, "table.objects")
    assert rows(driver, "nav.crumbs li") == ["res-files", "a"]
    download = driver.find_element(By.CSS_SELECTOR, "table.objects a[download]")
    assert download.get_attribute("href") == console.url("/res-files/a/b.txt")
    body = driver.execute_script("return fetch(arguments[0]).then((r) => r.text());", download.get_attribute("href"))
    assert body == "hello from b"
    shoot(driver, artifacts, "console-bucket-folder")

    # The bucket crumb leads back to the top.
    driver.find_element(By.CSS_SELECTOR, "nav.crumbs a").click()
    wait_for(driver, "the top of the bucket", lambda d: "c.txt" in text_of(d, "table.objects"))
    assert console_errors(driver) == []


# MARK: - Not found


@pytest.mark.parametrize("path, error", [
    ("/buses/res-no-such-bus", "ResourceNotFoundException"),
    ("/logs/%2Fres%2Fno-such-group", "ResourceNotFoundException"),
    ("/functions/res-no-such-function", "ResourceNotFoundException"),
    ("/tables/res-no-such-table", "ResourceNotFoundException"),
    ("/buckets/res-no-such-bucket", "NoSuchBucket"),
])
def test_unknown_names_are_not_found(browser, console, artifacts, path, error):
    open_console(browser, console, path)
    assert text_of(browser, ".notfound h1") == "Not found"
    assert text_of(browser, ".notfound .error-type") == error
    assert browser.find_element(By.CSS_SELECTOR, ".notfound a").get_attribute("href") == console.url("/" + path.split("/")[1])
    if path.startswith("/buckets"):
        shoot(browser, artifacts, "console-not-found")
    assert console_errors(browser, (400, 404)) == []  # the API's answer the page shows
