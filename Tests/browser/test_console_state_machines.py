"""The console's state machine pages in headless Chromium (docs/architecture/console.md): the list with its
filters and create form, and one machine's tabs: executions (start, live status, status filter, search),
graph, the definition editor (diagnostics with locations, the graph redrawn, save as a new version),
versions and aliases, details; and an ARN that names nothing. Screenshots go to Tests/browser/artifacts/.

The pages re-read their lists when the change stream says so, replacing rows: what a test reads from a
list it reads in one script call (`rows`), and it clicks nothing inside those lists.
"""

from __future__ import annotations

import json
import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from pages import console_errors, encoded, open_console, replace_text, shoot, text_of, wait_for
from support import ARN_PREFIX, dumps

ROLE = "arn:aws:iam::000000000000:role/cortado"
# Pass → Wait → Succeed: long enough to be seen running, short enough to wait for.
FLOW = {
    "Comment": "Brews one drink",
    "StartAt": "Prepare",
    "States": {
        "Prepare": {"Type": "Pass", "Next": "Brew"},
        "Brew": {"Type": "Wait", "Seconds": 2, "Next": "Served"},
        "Served": {"Type": "Succeed"},
    },
}
NAME = "console-brew"


@pytest.fixture(scope="module")
def sfn(console):
    return console.client("stepfunctions")


@pytest.fixture(scope="module")
def machine(sfn) -> str:
    """A tagged machine, and an untagged one beside it for the filters to leave out."""
    created = sfn.create_state_machine(name=NAME, definition=dumps(FLOW), roleArn=ROLE,
                                       tags=[{"key": "console-team", "value": "coffee"}])
    sfn.create_state_machine(name="console-tea", definition=dumps(FLOW), roleArn=ROLE,
                             tags=[{"key": "console-team", "value": "tea"}])
    return created["stateMachineArn"]


def machine_page(machine: str, tab: str = "") -> str:
    return f"/state-machines/{encoded(machine)}" + (f"#{tab}" if tab else "")


def open_machine(driver, console, machine: str, tab: str = "") -> None:
    """Loads the machine's page afresh (from another page at the same path only the hash would change)."""
    driver.get("about:blank")
    open_console(driver, console, machine_page(machine, tab))


def rows(driver, css: str = "table.list tbody tr[data-arn]") -> list[dict]:
    """The rows of the page's list as {arn, status, text}, read in one step."""
    return driver.execute_script("""
        return [...document.querySelectorAll(arguments[0])].map(tr => ({
          arn: tr.dataset.arn, status: tr.dataset.status || null, text: tr.innerText,
          href: tr.querySelector('a') ? tr.querySelector('a').getAttribute('href') : null}));""", css)


def script_errors(driver) -> list[str]:
    """The browser console's errors, but for the API's answered errors (a 400 from `/` is an AWS error the
    page shows, and Chromium logs every non-2xx fetch)."""
    return console_errors(driver, expected_statuses=(400,))


def select_tab(driver, tab: str) -> None:
    button = driver.find_element(By.ID, f"tab-{tab}")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)  # from under the sticky header
    button.click()
    wait_for(driver, f"the {tab} tab", lambda d: d.find_element(By.ID, f"panel-{tab}").is_displayed())


# MARK: - The list


def test_the_list_shows_machines_and_filters_by_name_and_tag(browser, console, machine, artifacts):
    driver = browser
    open_console(driver, console, "/state-machines")
    wait_for(driver, "the machine in the list", lambda d: any(r["arn"] == machine for r in rows(d)))
    row = next(r for r in rows(driver) if r["arn"] == machine)
    assert row["href"] == machine_page(machine)
    assert NAME in row["text"] and "STANDARD" in row["text"]
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", row["text"]), row["text"]
    shoot(driver, artifacts, "console-state-machines")

    search = driver.find_element(By.CSS_SELECTOR, "form[role=search] input[type=search]")
    names = lambda d: sorted(r["text"].split("\t")[0] for r in rows(d))
    replace_text(search, "BREW")
    wait_for(driver, "the name filter", lambda d: names(d) == [NAME])
    assert re.match(r"1 of \d+ loaded state machines match\.", text_of(driver, "form[role=search] [role=status]"))

    replace_text(search, "console-team=tea")
    wait_for(driver, "the tag filter", lambda d: names(d) == ["console-tea"])
    replace_text(search, "console-team=coffee")
    wait_for(driver, "the tag filter", lambda d: names(d) == [NAME])
    shoot(driver, artifacts, "console-state-machines-tag-filter")
    replace_text(search, "console-team=")
    wait_for(driver, "any value of a tag", lambda d: names(d) == sorted([NAME, "console-tea"]))
    replace_text(search, "nothing-like-this")
    wait_for(driver, "no match", lambda d: names(d) == [])
    assert "No loaded state machine matches." in text_of(driver, "table.list tbody")
    assert not script_errors(driver)


def test_the_create_form_checks_the_definition_and_opens_the_new_machine(browser, console, machine, artifacts):
    driver = browser
    open_console(driver, console, "/state-machines")
    driver.find_element(By.XPATH, "//button[normalize-space()='Create state machine']").click()
    form = driver.find_element(By.CSS_SELECTOR, "form[aria-label='Create state machine']")
    create = form.find_element(By.CSS_SELECTOR, "button[type=submit]")
    wait_for(driver, "the sample checked", lambda d: "Valid" in text_of(d, "form[aria-label='Create state machine'] .validation"))
    assert create.is_enabled()
    assert form.find_element(By.CSS_SELECTOR, "input[value^='arn:aws:iam::000000000000:role/cortado']")

    area = form.find_element(By.CSS_SELECTOR, "textarea.definition")
    replace_text(area, '{"StartAt": "Go", "States": {"Go": {"Type": "Pass", "Next": "Gone"}}}')
    wait_for(driver, "the diagnostic", lambda d: "/States/Go/Next" in text_of(d, "form[aria-label='Create state machine'] ul.diagnostics"))
    assert "MISSING_TRANSITION_TARGET" in text_of(driver, "form[aria-label='Create state machine'] ul.diagnostics")
    assert "invalid" in area.get_attribute("class").split() and area.get_attribute("aria-invalid") == "true"
    assert not create.is_enabled()

    replace_text(area, '{"StartAt": "Go", "States": {"Go": {"Type": "Pass", "End": true}}}')
    wait_for(driver, "the definition to be valid", lambda d: create.is_enabled())
    Select(form.find_element(By.CSS_SELECTOR, "select")).select_by_value("EXPRESS")
    form.find_element(By.CSS_SELECTOR, "input[type=text]").send_keys("console-created")
    shoot(driver, artifacts, "console-state-machines-create")
    create.click()
    created = ARN_PREFIX + "stateMachine:console-created"
    wait_for(driver, "the new machine's page", lambda d: d.current_url == console.url(machine_page(created, "executions")))
    wait_for(driver, "its heading", lambda d: text_of(d, "h1") == "console-created")
    assert "EXPRESS" in text_of(driver, ".heading .kind")
    # Express executions are not listed (AWS keeps none); starting one shows its ARN.
    wait_for(driver, "the express note", lambda d: "StateMachineTypeNotSupported" in text_of(d, "#panel-executions .express-note"))
    driver.find_element(By.CSS_SELECTOR, "details.start > summary").click()
    driver.find_element(By.CSS_SELECTOR, "form[aria-label='Start execution'] button[type=submit]").click()
    wait_for(driver, "the express execution's ARN", lambda d: "Started arn:aws:states:us-east-1:000000000000:express:console-created:"
             in text_of(d, "form[aria-label='Start execution'] .ok-note"))
    assert not driver.find_elements(By.CSS_SELECTOR, "#panel-executions .error")

    # A name AWS refuses: its error, and the form stays.
    open_console(driver, console, "/state-machines")
    driver.find_element(By.XPATH, "//button[normalize-space()='Create state machine']").click()
    form = driver.find_element(By.CSS_SELECTOR, "form[aria-label='Create state machine']")
    wait_for(driver, "the sample checked", lambda d: "Valid" in text_of(d, "form[aria-label='Create state machine'] .validation"))
    form.find_element(By.CSS_SELECTOR, "input[type=text]").send_keys("no spaces allowed")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(driver, "AWS's error", lambda d: "InvalidName" in text_of(d, "form[aria-label='Create state machine'] .error"))
    assert driver.current_url == console.url("/state-machines")


# MARK: - Executions


def test_start_an_execution_from_the_form_and_see_it_succeed_live(browser, console, sfn, machine, artifacts):
    driver = browser
    open_machine(driver, console, machine)
    assert text_of(driver, "h1") == NAME
    assert "STANDARD" in text_of(driver, ".heading .kind")
    driver.find_element(By.CSS_SELECTOR, "details.start > summary").click()
    form = driver.find_element(By.CSS_SELECTOR, "form[aria-label='Start execution']")
    start = form.find_element(By.CSS_SELECTOR, "button[type=submit]")
    area = form.find_element(By.TAG_NAME, "textarea")

    replace_text(area, '{"order": "latte-42"')
    wait_for(driver, "the input's message", lambda d: "The input is not JSON" in text_of(d, ".input-message"))
    assert not start.is_enabled()
    assert area.get_attribute("aria-invalid") == "true"
    shoot(driver, artifacts, "console-machine-start-bad-input")
    area.send_keys("}")
    wait_for(driver, "the input to be JSON", lambda d: start.is_enabled())
    assert text_of(driver, ".input-message") == ""
    form.find_element(By.CSS_SELECTOR, "input[type=text]").send_keys("from-the-form")
    start.click()
    execution = ARN_PREFIX + f"execution:{NAME}:from-the-form"
    wait_for(driver, "the execution's page", lambda d: d.current_url == console.url(f"/executions/{encoded(execution)}"))
    assert json.loads(sfn.describe_execution(executionArn=execution)["input"]) == {"order": "latte-42"}
    console_errors(driver)  # the execution page is another module's; its log is not this test's

    # Back on the machine's page, the list follows the execution to its end without a reload.
    open_machine(driver, console, machine)
    driver.execute_script("window.sameDocument = true;")
    status_of = lambda arn: lambda d: next((r["status"] for r in rows(d) if r["arn"] == arn), None)
    wait_for(driver, "the execution listed", status_of(execution))
    wait_for(driver, "the execution to succeed", lambda d: status_of(execution)(d) == "SUCCEEDED", timeout=30)

    # One started elsewhere appears by itself, running, then succeeded.
    other = sfn.start_execution(stateMachineArn=machine, name="from-boto3", input=dumps({"order": "mocha-7"}))["executionArn"]
    wait_for(driver, "the new execution to appear", status_of(other), timeout=8)
    wait_for(driver, "the new execution to succeed", lambda d: status_of(other)(d) == "SUCCEEDED", timeout=30)
    assert driver.execute_script("return window.sameDocument === true")
    listed = [r for r in rows(driver)]
    assert [r["arn"] for r in listed[:2]] == [other, execution]
    row = listed[1]
    assert row["href"] == f"/executions/{encoded(execution)}"
    assert "from-the-form" in row["text"] and "SUCCEEDED" in row["text"]
    assert re.search(r"\d(\.\d+)? s", row["text"]), row["text"]  # a duration of about two seconds
    shoot(driver, artifacts, "console-machine-executions")
    assert not script_errors(driver)


def test_the_status_filter_and_the_search(browser, console, sfn, machine, artifacts):
    driver = browser
    hit = sfn.start_execution(stateMachineArn=machine, name="search-hit", input=dumps({"order": "cortado-99"}))["executionArn"]
    sfn.start_execution(stateMachineArn=machine, name="search-miss", input=dumps({"order": "cortado-98"}))
    stopped = sfn.start_execution(stateMachineArn=machine, name="stopped-one", input=dumps({"order": "flat-white-3"}))["executionArn"]
    sfn.stop_execution(executionArn=stopped, error="Changed.Mind")
    open_machine(driver, console, machine)
    wait_for(driver, "the list", lambda d: any(r["arn"] == stopped for r in rows(d)))

    status = Select(driver.find_element(By.CSS_SELECTOR, "#panel-executions select"))
    status.select_by_value("ABORTED")
    wait_for(driver, "only the aborted one", lambda d: [r["arn"] for r in rows(d)] == [stopped])
    shoot(driver, artifacts, "console-machine-executions-aborted")
    status.select_by_value("SUCCEEDED")
    wait_for(driver, "only succeeded ones", lambda d: rows(d) and {r["status"] for r in rows(d)} == {"SUCCEEDED"})
    assert stopped not in [r["arn"] for r in rows(driver)]
    status.select_by_value("FAILED")
    wait_for(driver, "no failed one", lambda d: "No failed executions." in text_of(d, "#panel-executions tbody"))
    status.select_by_value("")
    wait_for(driver, "all again", lambda d: len(rows(d)) >= 3)

    # Input text: exactly the execution whose input holds it.
    search = driver.find_element(By.CSS_SELECTOR, "form[aria-label='Search executions']")
    inputs = search.find_elements(By.CSS_SELECTOR, "input[type=search]")
    inputs[1].send_keys("cortado-99")
    search.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(driver, "the search's result", lambda d: "found" in text_of(d, ".search-status"))
    wait_for(driver, "one execution found", lambda d: [r["arn"] for r in rows(d)] == [hit])
    total = len(sfn.list_executions(stateMachineArn=machine)["executions"])
    assert text_of(driver, ".search-status") == f"Searched {total} executions, 1 found."
    shoot(driver, artifacts, "console-machine-search")

    # Started after a moment still to come: nothing.
    driver.execute_script("arguments[0].value = '2999-01-01T00:00'", search.find_elements(By.CSS_SELECTOR, "input[type=datetime-local]")[0])
    search.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(driver, "nothing started after 2999", lambda d: rows(d) == [] and text_of(d, ".search-status").endswith(", 0 found."))
    driver.execute_script("arguments[0].value = ''", search.find_elements(By.CSS_SELECTOR, "input[type=datetime-local]")[0])

    # By name, with the status filter: the aborted one, then nothing once the filter says SUCCEEDED.
    inputs[1].clear()
    inputs[0].send_keys("stopped")
    search.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(driver, "the name search", lambda d: [r["arn"] for r in rows(d)] == [stopped])
    status.select_by_value("SUCCEEDED")
    wait_for(driver, "nothing found", lambda d: rows(d) == [] and "0 found" in text_of(d, ".search-status"))
    driver.find_element(By.XPATH, "//button[normalize-space()='Clear search']").click()
    wait_for(driver, "the list back", lambda d: len(rows(d)) >= 2 and text_of(d, ".search-status") == "")
    assert not script_errors(driver)


# MARK: - Graph, definition, versions, details


def test_the_graph_tab(browser, console, machine, artifacts):
    driver = browser
    open_machine(driver, console, machine, "graph")
    wait_for(driver, "the graph", lambda d: d.find_elements(By.CSS_SELECTOR, ".graph-wrap svg g.state[data-state]"))
    drawn = {g.get_attribute("data-state") for g in driver.find_elements(By.CSS_SELECTOR, ".graph-wrap svg g.state[data-state]")}
    assert {"Prepare", "Brew", "Served"} <= drawn
    shoot(driver, artifacts, "console-machine-graph")
    # A tab's address followed while the page is open switches the tab.
    driver.execute_script("location.hash = 'details'")
    wait_for(driver, "the details tab", lambda d: d.find_element(By.ID, "panel-details").is_displayed())
    assert driver.find_element(By.ID, "tab-details").get_attribute("aria-selected") == "true"
    assert not script_errors(driver)


def test_the_definition_editor_checks_draws_and_saves_a_version(browser, console, sfn, machine, artifacts):
    driver = browser
    open_machine(driver, console, machine, "definition")
    area = driver.find_element(By.CSS_SELECTOR, "#panel-definition textarea.definition")
    save = driver.find_element(By.XPATH, "//button[normalize-space()='Save as new version']")
    assert json.loads(area.get_attribute("value")) == FLOW
    assert "\n  " in area.get_attribute("value")  # pretty-printed
    wait_for(driver, "the first check", lambda d: "Valid" in text_of(d, "#panel-definition .validation"))
    wait_for(driver, "the graph beside the editor", lambda d: d.find_elements(By.CSS_SELECTOR, "#panel-definition .graph-wrap g.state[data-state=Brew]"))
    assert save.is_enabled()

    # A Next that names no state: the diagnostic with its location, the text marked, Save disabled, the graph
    # showing the missing state.
    broken = json.loads(json.dumps(FLOW))
    broken["States"]["Prepare"]["Next"] = "Grind"
    replace_text(area, json.dumps(broken, indent=2))
    diagnostics = "#panel-definition ul.diagnostics"
    wait_for(driver, "the diagnostic", lambda d: "/States/Prepare/Next" in text_of(d, diagnostics))
    shown = driver.execute_script("""return [...document.querySelectorAll(arguments[0] + ' li')].map(li =>
        ({code: li.dataset.code, location: li.dataset.location, text: li.innerText}));""", diagnostics)
    assert {"code": "MISSING_TRANSITION_TARGET", "location": "/States/Prepare/Next"} in [
        {"code": d["code"], "location": d["location"]} for d in shown], shown
    assert any("ERROR" in d["text"] and "Grind" in d["text"] for d in shown), shown
    assert "invalid" in area.get_attribute("class").split() and area.get_attribute("aria-invalid") == "true"
    assert not save.is_enabled()
    wait_for(driver, "the graph redrawn", lambda d: d.find_elements(By.CSS_SELECTOR, "#panel-definition .graph-wrap g[data-state=Grind]"))
    shoot(driver, artifacts, "console-machine-definition-error")

    # Text that is not JSON: where it breaks, and the last good graph stays.
    area.send_keys("}")
    wait_for(driver, "the JSON diagnostic", lambda d: "INVALID_JSON" in text_of(d, diagnostics))
    assert re.search(r"line \d+, column \d+", text_of(driver, diagnostics)), text_of(driver, diagnostics)
    assert "not JSON" in text_of(driver, "#panel-definition .graph-note")
    assert driver.find_elements(By.CSS_SELECTOR, "#panel-definition .graph-wrap g[data-state=Grind]")
    assert not save.is_enabled()
    shoot(driver, artifacts, "console-machine-definition-not-json")

    # Revert, then a valid change: a Wait of one second and a new state; saved as a new version.
    driver.find_element(By.XPATH, "//button[normalize-space()='Revert']").click()
    wait_for(driver, "the saved definition back", lambda d: json.loads(area.get_attribute("value")) == FLOW and save.is_enabled())
    changed = json.loads(json.dumps(FLOW))
    changed["States"]["Brew"] = {"Type": "Wait", "Seconds": 1, "Next": "Pour"}
    changed["States"]["Pour"] = {"Type": "Pass", "Next": "Served"}
    replace_text(area, json.dumps(changed, indent=2))
    wait_for(driver, "the change to be valid", lambda d: save.is_enabled() and "Valid" in text_of(d, "#panel-definition .validation"))
    assert "invalid" not in area.get_attribute("class").split()
    assert text_of(driver, diagnostics) == ""
    wait_for(driver, "the new state drawn", lambda d: d.find_elements(By.CSS_SELECTOR, "#panel-definition .graph-wrap g.state[data-state=Pour]"))
    versions_before = len(sfn.list_state_machine_versions(stateMachineArn=machine)["stateMachineVersions"])
    driver.find_element(By.CSS_SELECTOR, ".save-bar input[type=text]").send_keys("adds Pour")
    shoot(driver, artifacts, "console-machine-definition-valid")
    save.click()
    expected = versions_before + 1
    wait_for(driver, "the new version", lambda d: text_of(d, "#panel-definition .ok-note").startswith(f"Saved as version {expected}"))
    version_arn = f"{machine}:{expected}"
    assert version_arn in text_of(driver, "#panel-definition .ok-note")
    assert json.loads(sfn.describe_state_machine(stateMachineArn=machine)["definition"]) == changed
    assert json.loads(sfn.describe_state_machine(stateMachineArn=version_arn)["definition"]) == changed

    select_tab(driver, "versions")
    wait_for(driver, "the version in the versions tab",
             lambda d: d.find_elements(By.CSS_SELECTOR, f"#panel-versions tr[data-version='{expected}']"))
    assert version_arn in text_of(driver, f"#panel-versions tr[data-version='{expected}']")
    select_tab(driver, "graph")
    wait_for(driver, "the graph tab showing the saved definition", lambda d: d.find_elements(By.CSS_SELECTOR, "#panel-graph g.state[data-state=Pour]"))
    assert not script_errors(driver)


def test_versions_and_aliases(browser, console, sfn, machine, artifacts):
    driver = browser
    for seconds in (3, 2):  # two revisions, two versions (one Save in the editor may have made the first)
        revision = json.loads(json.dumps(FLOW))
        revision["States"]["Brew"]["Seconds"] = seconds
        sfn.update_state_machine(stateMachineArn=machine, definition=dumps(revision), publish=True)
    open_machine(driver, console, machine, "versions")
    versions = sfn.list_state_machine_versions(stateMachineArn=machine)["stateMachineVersions"]
    numbers = [v["stateMachineVersionArn"].rsplit(":", 1)[1] for v in versions]
    wait_for(driver, "the versions", lambda d: d.execute_script(
        "return [...document.querySelectorAll('#panel-versions tr[data-version]')].map(tr => tr.dataset.version)") == numbers)
    assert numbers == sorted(numbers, key=int, reverse=True)

    # Publishing again: the same revision answers the version it already has.
    driver.find_element(By.XPATH, "//button[normalize-space()='Publish version']").click()
    wait_for(driver, "the published version", lambda d: f"Version {numbers[0]}:" in text_of(d, "#panel-versions .ok-note"))

    # An alias splitting between the two newest versions.
    form = driver.find_element(By.CSS_SELECTOR, "form[aria-label='Create alias']")
    form.find_element(By.CSS_SELECTOR, "input[type=text]").send_keys("live")
    selects = form.find_elements(By.TAG_NAME, "select")
    Select(selects[0]).select_by_value(versions[0]["stateMachineVersionArn"])
    Select(selects[1]).select_by_value(versions[1]["stateMachineVersionArn"])
    replace_text(form.find_element(By.CSS_SELECTOR, "input[type=number]"), "25")
    assert text_of(driver, "form[aria-label='Create alias'] .hint") == (
        f"version {numbers[0]} gets 75%, version {numbers[1]} gets 25%")
    expected = [f"version {numbers[0]} → 75%", f"version {numbers[1]} → 25%"]
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(driver, "the alias listed", lambda d: d.find_elements(By.CSS_SELECTOR, "#panel-versions tr[data-alias=live]"))
    assert text_of(driver, "#panel-versions tr[data-alias=live] ul.routing").splitlines() == expected
    shoot(driver, artifacts, "console-machine-versions")

    # The same name with another routing: AWS's ConflictException, shown in the form.
    Select(selects[1]).select_by_value("")
    form.find_element(By.CSS_SELECTOR, "input[type=text]").send_keys("live")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(driver, "the conflict", lambda d: "ConflictException" in text_of(d, "form[aria-label='Create alias'] .error"))
    assert not script_errors(driver)


def test_the_details_tab(browser, console, machine, artifacts):
    driver = browser
    open_machine(driver, console, machine, "details")
    wait_for(driver, "the tags", lambda d: "coffee" in text_of(d, "#panel-details"))
    text = text_of(driver, "#panel-details")
    for expected in (machine, ROLE, "STANDARD", "console-team", "coffee", '"level": "OFF"'):
        assert expected in text, (expected, text)
    assert re.search(r"Created\s+\d{4}-\d\d-\d\d", text), text
    shoot(driver, artifacts, "console-machine-details")
    assert not script_errors(driver)


# MARK: - What is not there


@pytest.mark.parametrize("arn, error", [
    (ARN_PREFIX + "stateMachine:no-such-machine", "StateMachineDoesNotExist"),
    ("not-an-arn", "InvalidArn"),
])
def test_an_arn_that_names_nothing_shows_not_found(browser, console, arn, error, artifacts):
    driver = browser
    console_errors(driver)  # what earlier tests left in the log
    open_console(driver, console, f"/state-machines/{encoded(arn)}")
    assert text_of(driver, ".notfound h1") == "Not found"
    assert error in text_of(driver, ".notfound .error-type")
    assert arn in text_of(driver, ".notfound")
    assert driver.execute_script("return document.querySelector('.notfound a').getAttribute('href')") == "/state-machines"
    assert not driver.find_elements(By.CSS_SELECTOR, "[role=tablist]")
    shoot(driver, artifacts, f"console-machine-not-found-{error}")
    assert script_errors(driver) == []


def test_every_control_has_a_name(browser, console, machine):
    """Inputs have labels and buttons have text a screen reader can say, on every tab."""
    driver = browser
    unnamed = """
        return [...document.querySelectorAll('main input, main button, main select, main textarea')]
          .filter(e => !(e.labels?.length || e.getAttribute('aria-label') || e.textContent.trim()))
          .map(e => e.outerHTML);"""
    open_console(driver, console, "/state-machines")
    driver.find_element(By.XPATH, "//button[normalize-space()='Create state machine']").click()
    assert driver.execute_script(unnamed) == []
    for tab in ("executions", "graph", "definition", "versions", "details"):
        open_machine(driver, console, machine, tab)
        assert driver.execute_script(unnamed) == [], tab
