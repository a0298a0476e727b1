"""The console's overview and its frame: counts of what runs here, each machine's latest executions, the
oldest waiting callbacks, the navigation, and a console URL that names nothing."""

from __future__ import annotations

import json

from pages import console_errors, open_console, shoot, text_of, wait_for
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from support import ROLE_ARN, wait_until

WAITS = {"StartAt": "Ask", "States": {"Ask": {
    "Type": "Task", "Resource": "arn:aws:states:::events:putEvents.waitForTaskToken",
    "Parameters": {"Entries": [{"Source": "console.overview", "DetailType": "ask", "Detail": {"token.$": "$$.Task.Token"}}]},
    "End": True}}}


def test_the_overview_counts_and_links_what_runs(browser, own_console, artifacts):
    """On a server of its own: the overview counts everything, so other tests' machines must not be there."""
    console = own_console
    sfn = console.client("stepfunctions")
    machine = sfn.create_state_machine(name="overview-ask", roleArn=ROLE_ARN, definition=json.dumps(WAITS))["stateMachineArn"]
    execution = sfn.start_execution(stateMachineArn=machine, name="asks-first")["executionArn"]
    wait_until(lambda: sfn.get_execution_history(executionArn=execution, reverseOrder=True)["events"][0]["type"] == "TaskSubmitted",
               what="the task to be submitted")

    open_console(browser, console, "/")
    assert browser.title == "Overview · Cortado"
    cards = wait_for(browser, "the cards to count", lambda d: d.execute_script(
        "const c = {}; for (const a of document.querySelectorAll('a.card')) c[a.querySelector('.l').innerText] = "
        "[a.querySelector('.n').innerText, a.getAttribute('href')]; return Object.values(c).every(v => v[0] !== '…') ? c : null;"))
    assert cards["State machines"][1] == "/state-machines"
    assert cards["State machines"][0] == "1"
    assert cards["Waiting callbacks"][0] == "1"
    assert cards["Event buses"][0] == "1"  # default
    assert cards["Tables"][0] == "0"
    # The callback shows in the inbox's card and list (its index is written as the task is dispatched).
    wait_for(browser, "the waiting callback", lambda d: "asks-first" in text_of(d, "section[aria-label='Oldest waiting callbacks']"))
    latest = text_of(browser, "section[aria-label='Latest executions']")
    assert "overview-ask" in latest and "RUNNING" in latest
    shoot(browser, artifacts, "console-overview")

    # Answering the callback empties the inbox on the page, live.
    scheduled = next(e for e in sfn.get_execution_history(executionArn=execution)["events"] if e["type"] == "TaskScheduled")
    parameters = json.loads(scheduled["taskScheduledEventDetails"]["parameters"])
    sfn.send_task_success(taskToken=parameters["Entries"][0]["Detail"]["token"], output="{}")
    wait_for(browser, "the inbox to empty", lambda d: "No task is waiting" in text_of(d, "section[aria-label='Oldest waiting callbacks']"))
    wait_for(browser, "the execution to show SUCCEEDED", lambda d: "SUCCEEDED" in text_of(d, "section[aria-label='Latest executions']"))

    # The execution's badge is a link to its page.
    browser.find_element(By.CSS_SELECTOR, "section[aria-label='Latest executions'] a.latest-run").click()
    wait_for(browser, "the execution page", lambda d: "/executions/" in d.current_url)
    assert browser.find_element(By.CSS_SELECTOR, "nav a[aria-current=page]").text == "State machines"
    assert console_errors(browser) == []


def test_the_frame_is_keyboard_usable_and_a_bad_console_url_says_so(browser, console, artifacts):
    open_console(browser, console, "/callbacks")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    skip = browser.switch_to.active_element
    assert skip.text == "Skip to content"
    skip.send_keys(Keys.ENTER)
    assert browser.find_element(By.CSS_SELECTOR, "nav a[aria-current=page]").text == "Callbacks"

    open_console(browser, console, "/executions/%E0%A4%A")  # not valid percent-encoding
    assert text_of(browser, "main h1") == "Not found"
    assert "There is no console page" in text_of(browser, "main")
    link = browser.find_element(By.LINK_TEXT, "Back to the overview")
    assert link.get_attribute("href").endswith("/")
    shoot(browser, artifacts, "console-bad-url")
    assert console_errors(browser) == []
