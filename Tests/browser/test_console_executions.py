"""The console's execution page and callbacks inbox in headless Chromium (docs/architecture/console.md):
a bookstore order's graph coloured by what ran and its event history; a task waiting for its token answered
from the page (bad JSON refused before anything is sent), the page following the execution live to its
end; the /callbacks inbox; an unknown execution; Stop, Start again and Fast-forward from the page.

    CORTADO_BIN=... CORTADO_CONSOLE_DIR=$PWD/Sources/CortadoServer/Console \\
      python3 -m pytest -q -p no:cacheprovider Tests/browser/test_console_executions.py

The page's lists refresh themselves (live updates), so what a test reads from them it reads in one script
call and what it clicks there it finds again if a refresh replaced it (`retry`).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from pages import console_errors, encoded, open_console, replace_text, retry, shoot, text_of, wait_for
from stacks import deploy, outputs, printed
from support import REPO_ROOT, wait_closed, wait_until

ROLE = "arn:aws:iam::000000000000:role/console-tests"


def callback_definition() -> str:
    """One task that puts an event carrying its token and waits for it, then a Succeed."""
    return json.dumps({
        "StartAt": "AwaitApproval",
        "States": {
            "AwaitApproval": {
                "Type": "Task",
                "Resource": "arn:aws:states:::events:putEvents.waitForTaskToken",
                "HeartbeatSeconds": 600,
                "Parameters": {"Entries": [{
                    "Detail": {"TaskToken.$": "$$.Task.Token", "order.$": "$.order"},
                    "DetailType": "ApprovalRequested",
                    "Source": "console.tests",
                }]},
                "Next": "Approved",
            },
            "Approved": {"Type": "Succeed"},
        },
    })


def statuses(driver) -> dict:
    """Every state box of the page's graph: name → data-status."""
    return driver.execute_script(
        "const out = {};"
        "for (const g of document.querySelectorAll('svg.graph g.state[data-state]:not(.marker)'))"
        "  out[g.dataset.state] = g.getAttribute('data-status');"
        "return out;")


def rows(driver) -> list[dict]:
    """The event table's rows, read in one step."""
    return driver.execute_script(
        "return [...document.querySelectorAll('table.events tr.event')].map(r => ({"
        "  id: Number(r.dataset.eventId), type: r.dataset.type,"
        "  step: r.querySelector('.event-step').innerText, resource: r.querySelector('.event-resource').innerText,"
        "  after: r.querySelector('.event-after').innerText}));")


def click(driver, element) -> None:
    """Clicks an element scrolled to the middle of the window (the sticky header covers the top)."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def status_badge(driver) -> str:
    return text_of(driver, ".exec-status .badge")


def no_script_errors(driver) -> list[str]:
    """The browser's errors, without its network log of the 400 answers a test asks for on purpose."""
    return console_errors(driver, expected_statuses=(400,))


@pytest.fixture(scope="module")
def order_flow(console) -> str:
    """The bookstore example deployed on the console's server: its state machine's ARN."""
    done = deploy(console.binary, REPO_ROOT / "examples/bookstore/template.yaml", "bookstore", console.base)
    assert done.returncode == 0, printed(done)
    return outputs(console.client("cloudformation"), "bookstore")["OrderFlowStateMachineArn"]


@pytest.fixture(scope="module")
def callback_machine(console) -> str:
    sfn = console.client("stepfunctions")
    return sfn.create_state_machine(name=f"approval-{uuid.uuid4().hex[:8]}", definition=callback_definition(),
                                    roleArn=ROLE)["stateMachineArn"]


def start(sfn, machine: str, value: dict, name: str | None = None) -> str:
    kwargs = {"name": name} if name else {}
    return sfn.start_execution(stateMachineArn=machine, input=json.dumps(value), **kwargs)["executionArn"]


def waiting(sfn, execution_arn: str) -> None:
    """Until the execution's task has been dispatched and waits for its token."""
    wait_until(lambda: any(e["type"] == "TaskSubmitted" or e["type"] == "TaskStarted"
                           for e in sfn.get_execution_history(executionArn=execution_arn)["events"]),
               timeout=30, what="the callback task to start")


# MARK: - The history walk, on recorded histories


def test_history_walk_in_node():
    """pages/_history.js decides each state's colour; its unit tests run in Node on recorded histories."""
    node = shutil.which("node")
    if not node:
        pytest.skip("needs node")
    test = Path(__file__).parent / "history_walk.test.mjs"
    done = subprocess.run([node, "--test", str(test)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# fail 0" in done.stdout, done.stdout


# MARK: - A bookstore order


def test_a_bookstore_order_graph_and_history(browser, console, order_flow, artifacts):
    driver = browser
    sfn = console.client("stepfunctions")
    # Book 343222 is in stock (checkInventory answers ItemStock 20): the Choice takes Pass, not OrderPrint.
    arn = start(sfn, order_flow, {"orderId": "123", "bookId": "343222"}, name=f"in-stock-{uuid.uuid4().hex[:6]}")
    assert wait_closed(sfn, arn, timeout=90)["status"] == "SUCCEEDED"

    open_console(driver, console, f"/executions/{encoded(arn)}")
    assert text_of(driver, ".heading h1") == arn.split(":")[-1]
    assert status_badge(driver) == "SUCCEEDED"
    assert driver.find_element(By.CSS_SELECTOR, "a.exec-machine").get_attribute("href") == console.url(
        f"/state-machines/{encoded(order_flow)}")

    shown = wait_for(driver, "the graph coloured", lambda d: (lambda s: s if s.get("Order Handled") == "succeeded" else None)(statuses(d)))
    ran = ["Order Handling", "CheckInventory", "Choice", "Pass", "Parallel", "CheckFurtherDiscountEligibility",
           "GenerateDiscountCode", "UpdateLoyaltyPoints", "PrepareOrder", "SendToShipment", "UpdateRecoEngine", "Order Handled"]
    assert {name: shown[name] for name in ran} == {name: "succeeded" for name in ran}
    assert shown["OrderPrint"] == "notreached"
    assert "st-succeeded" in driver.find_element(By.CSS_SELECTOR, 'g[data-state="CheckInventory"]').get_attribute("class")
    assert driver.find_elements(By.CSS_SELECTOR, "ul.legend li")

    # The history as AWS's console lists it: started first, succeeded last, a lambda task per Task state.
    events = wait_for(driver, "the history", lambda d: (lambda r: r if r and r[-1]["type"] == "ExecutionSucceeded" else None)(rows(d)))
    assert events[0]["type"] == "ExecutionStarted" and events[0]["after"] == "0 ms"
    assert [e["id"] for e in events] == list(range(1, len(events) + 1))
    scheduled = [e for e in events if e["type"] == "TaskScheduled"]
    assert len(scheduled) == 7, scheduled
    assert all("lambda:invoke" in e["resource"] for e in scheduled)
    first = scheduled[0]
    assert first["step"] == "CheckInventory" and "checkInventory" in first["resource"]
    assert all(e["after"].endswith(" ms") for e in events)

    # A row opens onto its details: the task's parameters, with the payload sent to the function.
    button = driver.find_element(By.CSS_SELECTOR, f'tr.event[data-event-id="{first["id"]}"] button.expand')
    assert button.get_attribute("aria-expanded") == "false"
    click(driver, button)
    assert button.get_attribute("aria-expanded") == "true"
    details = driver.find_element(By.ID, button.get_attribute("aria-controls"))
    assert details.is_displayed()
    payload = json.loads(details.find_element(By.CSS_SELECTOR, "pre.json").text)
    assert payload["resourceType"] == "lambda"
    assert payload["parameters"]["Payload"] == {"orderId": "123", "bookId": "343222"}
    assert payload["parameters"]["FunctionName"].endswith(":function:checkInventory")
    button.send_keys(Keys.ENTER)
    assert button.get_attribute("aria-expanded") == "false" and not details.is_displayed()

    # A state box shows that state's input and output: by click, and by keyboard.
    click(driver, driver.find_element(By.CSS_SELECTOR, 'g[data-state="CheckInventory"]'))
    wait_for(driver, "CheckInventory's details", lambda d: text_of(d, ".state-details h2") == "CheckInventory")
    panel = text_of(driver, ".state-details")
    assert "Succeeded" in panel and '"ItemStock": 20' in panel and '"bookId": "343222"' in panel
    box = driver.find_element(By.CSS_SELECTOR, 'g[data-state="OrderPrint"]')
    assert box.get_attribute("tabindex") == "0"
    driver.execute_script("arguments[0].focus()", box)
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    wait_for(driver, "OrderPrint's details", lambda d: text_of(d, ".state-details h2") == "OrderPrint")
    assert "Not reached" in text_of(driver, ".state-details")

    # The timeline: a bar per state visit.
    bars = driver.execute_script("return [...document.querySelectorAll('.timeline .bar')].map(b => b.dataset.state)")
    assert bars[0] == "Order Handling" and "OrderPrint" not in bars and len(bars) == 12
    assert "Hello10" in text_of(driver, ".exec-output")
    click(driver, driver.find_element(By.CSS_SELECTOR, 'g[data-state="CheckInventory"]'))
    driver.execute_script("window.scrollTo(0, 0)")
    shoot(driver, artifacts, "console-execution")

    # Any other book is printed first: OrderPrint runs and Pass is not reached.
    other = start(sfn, order_flow, {"orderId": "124", "bookId": "343122"})
    assert wait_closed(sfn, other, timeout=90)["status"] == "SUCCEEDED"
    open_console(driver, console, f"/executions/{encoded(other)}")
    shown = wait_for(driver, "the other graph", lambda d: (lambda s: s if s.get("Order Handled") == "succeeded" else None)(statuses(d)))
    assert (shown["OrderPrint"], shown["Pass"], shown["UpdateLoyaltyPoints"]) == ("succeeded", "notreached", "succeeded")
    assert no_script_errors(driver) == []


# MARK: - Callbacks


def test_a_callback_answered_from_the_execution_page(browser, console, callback_machine, artifacts):
    driver = browser
    sfn = console.client("stepfunctions")
    arn = start(sfn, callback_machine, {"order": "A-17"})
    waiting(sfn, arn)
    open_console(driver, console, f"/executions/{encoded(arn)}")
    driver.execute_script("window.__samePage = true")
    wait_for(driver, "the task coloured as waiting for its callback",
             lambda d: statuses(d).get("AwaitApproval") == "waiting")
    assert statuses(driver)["Approved"] == "notreached"
    assert status_badge(driver) == "RUNNING"

    card = wait_for(driver, "the waiting token", lambda d: d.find_elements(By.CSS_SELECTOR, "article.callback"))[0]
    assert card.get_attribute("data-state") == "AwaitApproval"
    token = card.get_attribute("data-token")
    assert "…" in card.find_element(By.CSS_SELECTOR, ".cb-token").text  # shown shortened
    assert card.find_element(By.CSS_SELECTOR, "button.cb-copy").is_displayed()

    # Text that is not JSON: a message under the editor, Send disabled, nothing sent.
    editor = card.find_element(By.CSS_SELECTOR, "textarea.cb-output")
    send = card.find_element(By.XPATH, ".//button[normalize-space()='Send success']")
    replace_text(editor, "{ok: true")
    wait_for(driver, "the JSON message", lambda d: "not JSON" in card.find_element(By.CSS_SELECTOR, ".field-problem").text)
    assert not send.is_enabled()
    assert editor.get_attribute("aria-invalid") == "true"
    driver.execute_script("arguments[0].requestSubmit()", card.find_element(By.CSS_SELECTOR, "form.cb-success"))
    shoot(driver, artifacts, "console-execution-callback")
    assert sfn.describe_execution(executionArn=arn)["status"] == "RUNNING"
    assert not card.find_elements(By.CSS_SELECTOR, ".ok-note, .error")

    # A heartbeat keeps it waiting.
    card.find_element(By.XPATH, ".//button[normalize-space()='Send heartbeat']").click()
    wait_for(driver, "the heartbeat's note", lambda d: "Heartbeat sent" in card.text)
    assert sfn.describe_execution(executionArn=arn)["status"] == "RUNNING"

    # JSON: sent, and the page follows the execution to its end without a reload. The card is found again by
    # its token: a live refresh may have drawn it anew since.
    def in_card(xpath):
        return driver.find_element(By.XPATH, f'//article[contains(@class, "callback")][@data-token="{token}"]{xpath}')

    retry(lambda: replace_text(in_card("//textarea[contains(@class, 'cb-output')]"), '{"ok": true}'))
    wait_for(driver, "Send enabled", lambda d: in_card("//button[normalize-space()='Send success']").is_enabled())
    retry(lambda: in_card("//button[normalize-space()='Send success']").click())
    wait_for(driver, "SUCCEEDED on the page", lambda d: status_badge(d) == "SUCCEEDED")
    wait_for(driver, "the graph green", lambda d: statuses(d) == {"AwaitApproval": "succeeded", "Approved": "succeeded"})
    wait_for(driver, "the output", lambda d: '"ok": true' in text_of(d, ".exec-output"))
    wait_for(driver, "the history's end", lambda d: (rows(d) or [{}])[-1].get("type") == "ExecutionSucceeded")
    assert driver.execute_script("return window.__samePage === true")
    described = sfn.describe_execution(executionArn=arn)
    assert described["status"] == "SUCCEEDED" and json.loads(described["output"]) == {"ok": True}
    wait_for(driver, "the answered token gone", lambda d: not d.find_elements(By.CSS_SELECTOR, f'article.callback[data-token="{token}"]'))
    assert no_script_errors(driver) == []


def test_the_callbacks_inbox(browser, console, callback_machine, artifacts):
    driver = browser
    sfn = console.client("stepfunctions")
    older = start(sfn, callback_machine, {"order": "B-1"}, name=f"older-{uuid.uuid4().hex[:6]}")
    waiting(sfn, older)
    newer = start(sfn, callback_machine, {"order": "B-2"}, name=f"newer-{uuid.uuid4().hex[:6]}")
    waiting(sfn, newer)

    open_console(driver, console, "/callbacks")
    listed = lambda d: d.execute_script(
        "return [...document.querySelectorAll('article.callback')].map(a => a.dataset.executionArn)")
    arns = wait_for(driver, "both waiting tokens", lambda d: (lambda a: a if older in a and newer in a else None)(listed(d)))
    assert arns.index(older) < arns.index(newer)  # oldest first
    card = driver.find_element(By.CSS_SELECTOR, f'article.callback[data-execution-arn="{newer}"]')
    text = card.text
    assert newer.split(":")[-1] in text and callback_machine.split(":")[-1] in text and "AwaitApproval" in text
    assert "ago)" in text and "putEvents.waitForTaskToken" in text
    assert card.find_element(By.LINK_TEXT, newer.split(":")[-1]).get_attribute("href") == console.url(f"/executions/{encoded(newer)}")
    shoot(driver, artifacts, "console-callbacks")

    # Success on the newer one: it leaves the list, the older one stays.
    def answer():
        c = driver.find_element(By.CSS_SELECTOR, f'article.callback[data-execution-arn="{newer}"]')
        replace_text(c.find_element(By.CSS_SELECTOR, "textarea.cb-output"), '{"approved": "B-2"}')
        c.find_element(By.XPATH, ".//button[normalize-space()='Send success']").click()
    retry(answer)
    wait_for(driver, "the answered token to leave the list", lambda d: newer not in listed(d))
    assert older in listed(driver)
    assert wait_closed(sfn, newer)["status"] == "SUCCEEDED"

    # Failure on the older one, with an error and a cause.
    def fail():
        c = driver.find_element(By.CSS_SELECTOR, f'article.callback[data-execution-arn="{older}"]')
        c.find_element(By.CSS_SELECTOR, "input.cb-error").send_keys("OrderRejected")
        c.find_element(By.CSS_SELECTOR, "textarea.cb-cause").send_keys("out of beans")
        c.find_element(By.XPATH, ".//button[normalize-space()='Send failure']").click()
    retry(fail)
    wait_for(driver, "the failed token to leave the list", lambda d: older not in listed(d))
    closed = wait_closed(sfn, older)
    assert (closed["status"], closed.get("error"), closed.get("cause")) == ("FAILED", "OrderRejected", "out of beans")
    # Nothing else waits (unless another test left a task waiting on this server): the empty inbox says so.
    status, _, answer = console.server.raw("AWSStepFunctions.ListWaitingCallbacks", {})
    assert status == 200, answer
    if not answer["callbacks"]:
        wait_for(driver, "the empty inbox", lambda d: "No task is waiting for a callback." in text_of(d, "main"))
    assert no_script_errors(driver) == []


def test_fast_forward_with_no_timer_and_an_answer_to_a_closed_task(browser, console):
    """No timer to fire says so; a token whose task closed behind the page's back is answered with AWS's error."""
    driver = browser
    sfn = console.client("stepfunctions")
    definition = json.loads(callback_definition())
    del definition["States"]["AwaitApproval"]["HeartbeatSeconds"]  # no heartbeat timer
    machine = sfn.create_state_machine(name=f"no-timer-{uuid.uuid4().hex[:8]}", definition=json.dumps(definition),
                                       roleArn=ROLE)["stateMachineArn"]
    arn = start(sfn, machine, {"order": "C-1"})
    waiting(sfn, arn)
    open_console(driver, console, f"/executions/{encoded(arn)}")
    wait_for(driver, "the waiting token", lambda d: d.find_elements(By.CSS_SELECTOR, "article.callback"))
    driver.find_element(By.CSS_SELECTOR, "button[data-action=fast-forward]").click()
    wait_for(driver, "the note", lambda d: "No timer was waiting" in text_of(d, ".action-result"))
    assert sfn.describe_execution(executionArn=arn)["status"] == "RUNNING"

    # A card being worked on (focus inside it) stays while the execution is stopped elsewhere.
    button = driver.find_element(By.XPATH, "//article[@class='callback']//button[normalize-space()='Send heartbeat']")
    driver.execute_script("arguments[0].focus()", button)
    sfn.stop_execution(executionArn=arn)
    wait_for(driver, "ABORTED on the page", lambda d: status_badge(d) == "ABORTED")
    button.click()
    error = wait_for(driver, "the error", lambda d: text_of(d, "article.callback .error"))
    assert "TaskTimedOut" in error, error
    assert no_script_errors(driver) == []


# MARK: - Not found, Stop, Start again, Fast-forward


def test_an_unknown_execution_is_not_found(browser, console, artifacts):
    driver = browser
    unknown = "arn:aws:states:us-east-1:000000000000:execution:nothing-here:nope"
    open_console(driver, console, f"/executions/{encoded(unknown)}")
    assert text_of(driver, "main h1") == "Not found"
    text = text_of(driver, "main")
    assert "ExecutionDoesNotExist" in text and unknown in text
    assert driver.find_element(By.LINK_TEXT, "Back to the state machines").get_attribute("href") == console.url("/state-machines")
    assert not driver.find_elements(By.CSS_SELECTOR, "svg.graph, table.events")
    shoot(driver, artifacts, "console-execution-notfound")
    assert no_script_errors(driver) == []

    open_console(driver, console, "/executions/not-an-arn")
    assert text_of(driver, "main h1") == "Not found"
    assert "InvalidArn" in text_of(driver, "main")
    assert no_script_errors(driver) == []


def test_stop_redrive_start_again_and_fast_forward(browser, console, artifacts):
    driver = browser
    sfn = console.client("stepfunctions")
    machine = sfn.create_state_machine(name=f"pause-{uuid.uuid4().hex[:8]}", roleArn=ROLE, definition=json.dumps({
        "StartAt": "Pause", "States": {"Pause": {"Type": "Wait", "Seconds": 3600, "Next": "Done"}, "Done": {"Type": "Succeed"}}}),
    )["stateMachineArn"]
    arn = start(sfn, machine, {"n": 1})
    open_console(driver, console, f"/executions/{encoded(arn)}")
    wait_for(driver, "the Wait running", lambda d: statuses(d).get("Pause") == "running")
    redrive = driver.find_element(By.CSS_SELECTOR, "button[data-action=redrive]")
    assert not redrive.is_enabled()

    # Stop, with an error and a cause.
    driver.find_element(By.CSS_SELECTOR, "button[data-action=stop]").click()
    form = driver.find_element(By.CSS_SELECTOR, "form.stop-form")
    assert form.is_displayed()
    form.find_element(By.XPATH, ".//label[normalize-space()='Error']/following-sibling::input").send_keys("Cancelled")
    form.find_element(By.XPATH, ".//label[normalize-space()='Cause']/following-sibling::input").send_keys("changed my mind")
    form.find_element(By.XPATH, ".//button[normalize-space()='Stop execution']").click()
    wait_for(driver, "ABORTED on the page", lambda d: status_badge(d) == "ABORTED")
    wait_for(driver, "the Wait cancelled", lambda d: statuses(d).get("Pause") == "cancelled")
    assert "Cancelled" in text_of(driver, ".exec-error") and "changed my mind" in text_of(driver, ".exec-error")
    assert sfn.describe_execution(executionArn=arn)["status"] == "ABORTED"
    wait_for(driver, "Redrive enabled", lambda d: d.find_element(By.CSS_SELECTOR, "button[data-action=redrive]").is_enabled())
    assert not driver.find_element(By.CSS_SELECTOR, "button[data-action=stop]").is_enabled()
    shoot(driver, artifacts, "console-execution-stopped")

    # Redrive: it runs again from the Wait it was stopped in.
    driver.find_element(By.CSS_SELECTOR, "button[data-action=redrive]").click()
    wait_for(driver, "RUNNING again", lambda d: status_badge(d) == "RUNNING")
    wait_for(driver, "the Wait running again", lambda d: statuses(d).get("Pause") == "running")
    assert "Redriven" in text_of(driver, ".exec-facts") and "1 time" in text_of(driver, ".exec-facts")
    assert sfn.describe_execution(executionArn=arn)["redriveCount"] == 1
    wait_for(driver, "the redrive in the history",
             lambda d: [r["type"] for r in rows(d)][-2:] == ["ExecutionRedriven", "WaitStateEntered"])

    # Start again with the same input: the new execution's page.
    driver.find_element(By.CSS_SELECTOR, "button[data-action=start]").click()
    wait_for(driver, "the new execution's page", lambda d: d.current_url != console.url(f"/executions/{encoded(arn)}")
             and "/executions/" in d.current_url and text_of(d, ".exec-status .badge") == "RUNNING")
    again = sfn.list_executions(stateMachineArn=machine)["executions"]
    newest = max(again, key=lambda e: e["startDate"])["executionArn"]
    assert newest != arn and driver.current_url == console.url(f"/executions/{encoded(newest)}")
    assert json.loads(sfn.describe_execution(executionArn=newest)["input"]) == {"n": 1}

    # Fast-forward: the Wait's timer fires now, and the page follows the execution to its end.
    wait_for(driver, "the Wait running", lambda d: statuses(d).get("Pause") == "running")
    driver.find_element(By.CSS_SELECTOR, "button[data-action=fast-forward]").click()
    wait_for(driver, "the timer's note", lambda d: "Timer fired" in text_of(d, ".action-result"))
    wait_for(driver, "SUCCEEDED on the page", lambda d: status_badge(d) == "SUCCEEDED")
    wait_for(driver, "the graph green", lambda d: statuses(d) == {"Pause": "succeeded", "Done": "succeeded"})
    # Nothing left to fire.
    wait_for(driver, "Fast-forward disabled", lambda d: not d.find_element(By.CSS_SELECTOR, "button[data-action=fast-forward]").is_enabled())
    assert no_script_errors(driver) == []


def test_a_long_history_is_paged(browser, console):
    """A history of hundreds of events: the table shows a page and loads more on demand; the graph still
    reflects every event (read page by page in the background)."""
    driver = browser
    sfn = console.client("stepfunctions")
    machine = sfn.create_state_machine(name=f"many-{uuid.uuid4().hex[:8]}", roleArn=ROLE, definition=json.dumps({
        "StartAt": "Each", "States": {
            "Each": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Item",
                                                    "States": {"Item": {"Type": "Pass", "End": True}}}, "Next": "Last"},
            "Last": {"Type": "Pass", "End": True}}}))["stateMachineArn"]
    arn = start(sfn, machine, list(range(80)))
    assert wait_closed(sfn, arn)["status"] == "SUCCEEDED"
    total = len(sfn.get_execution_history(executionArn=arn, maxResults=1000)["events"])
    assert total > 300

    open_console(driver, console, f"/executions/{encoded(arn)}")
    wait_for(driver, "the graph", lambda d: statuses(d) == {"Each": "succeeded", "Item": "succeeded", "Last": "succeeded"})
    assert len(rows(driver)) == 100
    more = driver.find_element(By.XPATH, "//button[normalize-space()='Load more events']")
    while len(rows(driver)) < total:
        before = len(rows(driver))
        click(driver, more)
        wait_for(driver, "another page", lambda d: len(rows(d)) > before)
        assert len(rows(driver)) in (min(before + 100, total),)
    wait_for(driver, "every event", lambda d: len(rows(d)) == total)
    assert [r["id"] for r in rows(driver)] == list(range(1, total + 1))
    assert rows(driver)[-1]["type"] == "ExecutionSucceeded"
    wait_for(driver, "Load more gone", lambda d: not more.is_displayed())
    # Visiting Item 80 times shows in its details.
    click(driver, driver.find_element(By.CSS_SELECTOR, 'g[data-state="Item"]'))
    wait_for(driver, "Item's details", lambda d: "Visited 80 times" in text_of(d, ".state-details"))
    assert no_script_errors(driver) == []
