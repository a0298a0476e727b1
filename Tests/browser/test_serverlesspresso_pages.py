"""The Serverlesspresso pages in headless Chromium, on the example deployed to Cortado: a customer orders
a drink, the display board shows it in the queue, the barista claims it (the board shows it being made)
and completes it (the board shows it ready, the customer page says so), and the order's OrderProcessor
execution has succeeded. Screenshots of each page go to Tests/browser/artifacts/.

Waits poll the page (WebDriverWait) with a deadline: the pages themselves refresh every 1.5 s, replacing
their lists, so what the test reads from a list it reads in one script call (`text_of`, `on_board`, `order_row`),
and what it clicks there it finds again if a refresh replaced it (`retry`).
"""

from __future__ import annotations

import json

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from pages import console_errors, retry, shoot, text_of, wait_for
from support import wait_until

def order_row(driver, css: str) -> dict | None:
    """The first list item under `css` as {id, number, text}, read in one step."""
    return driver.execute_script("""
        const li = document.querySelector(arguments[0]);
        if (!li) return null;
        const number = li.querySelector('.number');
        return {id: li.dataset.orderId, number: number ? number.innerText : '', text: li.innerText};""", css)


def open_page(driver, deployment, page: str) -> None:
    driver.get(deployment.base + "web/" + page)
    wait_for(driver, f"{page} to load", lambda d: d.execute_script("return document.readyState") == "complete")


def test_index_links_to_the_three_pages(browser, serverlesspresso, artifacts):
    open_page(browser, serverlesspresso, "index.html")
    links = {a.text: a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "main a")}
    assert set(links) == {"Customer", "Barista", "Display board"}
    assert links["Customer"] == serverlesspresso.base + "web/customer.html"
    shoot(browser, artifacts, "index")


def test_an_order_from_customer_to_ready(browser, serverlesspresso, artifacts):
    driver = browser
    open_page(driver, serverlesspresso, "customer.html")
    customer = driver.current_window_handle

    # The menu comes from GET ../config.
    wait_for(driver, "the menu", lambda d: d.find_elements(By.CSS_SELECTOR, "#menu input[type=radio]"))
    drinks = [r.get_attribute("value") for r in driver.find_elements(By.CSS_SELECTOR, "#menu input[type=radio]")]
    assert "Cappuccino" in drinks, drinks

    # Order with the keyboard only: the name, then the drink, then Enter submits the form.
    name = driver.find_element(By.ID, "user")
    assert driver.find_element(By.CSS_SELECTOR, "label[for=user]").text.startswith("Your name")
    name.clear()
    name.send_keys("ada")
    driver.find_element(By.CSS_SELECTOR, "#menu input[value=Cappuccino]").send_keys(Keys.SPACE)
    assert driver.find_element(By.CSS_SELECTOR, "#menu input[value=Cappuccino]").is_selected()
    driver.find_element(By.ID, "place").send_keys(Keys.ENTER)

    wait_for(driver, "the order to be accepted", lambda d: "Ordered a Cappuccino" in text_of(d, "#status"))
    order = wait_for(driver, "an order number on the customer page",
                     lambda d: (lambda o: o if o and "In the queue" in o["text"] and "#" in o["text"] else None)(
                         order_row(d, "#mine li[data-order-id]")))
    order_id = order["id"]
    number = order["number"]
    assert number.startswith("#"), order["text"]
    assert "Cappuccino" in order["text"]
    shoot(driver, artifacts, "customer-ordered")

    # The display board, in a second tab: in the queue.
    driver.switch_to.new_window("tab")
    display = driver.current_window_handle
    open_page(driver, serverlesspresso, "display.html")
    on_board = lambda column: lambda d: d.execute_script(
        "return [...document.querySelectorAll(arguments[0])].some(li => li.dataset.orderId === arguments[1]);",
        f"#{column} li", order_id)
    wait_for(driver, "the order in the queue column", on_board("queue"))
    shown = order_row(driver, f"#queue li[data-order-id='{order_id}']")
    assert (shown["number"], "Cappuccino" in shown["text"]) == (number, True)
    shoot(driver, artifacts, "display-queued")

    # The barista, in a third tab: claim it.
    driver.switch_to.new_window("tab")
    barista = driver.current_window_handle
    open_page(driver, serverlesspresso, "barista.html")
    row = f"#queue li[data-order-id='{order_id}']"
    wait_for(driver, "the order on the barista page", lambda d: d.find_elements(By.CSS_SELECTOR, row))
    claim = f"{row} button[aria-label^='Claim']"
    assert retry(lambda: driver.find_element(By.CSS_SELECTOR, claim).get_attribute("aria-label")) == f"Claim {number} Cappuccino"
    retry(lambda: driver.find_element(By.CSS_SELECTOR, claim).click())
    wait_for(driver, "the order to be claimed", lambda d: "claimed by barista" in text_of(d, row))
    assert f"Order {number} (Cappuccino) claimed." == text_of(driver, "#status")
    shoot(driver, artifacts, "barista-claimed")

    driver.switch_to.window(display)
    wait_for(driver, "the order in the being-made column", on_board("making"))
    assert not on_board("queue")(driver)
    shoot(driver, artifacts, "display-making")

    # Complete it: it leaves the barista's list and shows as ready.
    driver.switch_to.window(barista)
    retry(lambda: driver.find_element(By.CSS_SELECTOR, f"{row} button[aria-label^='Complete']").click())
    wait_for(driver, "the order to leave the barista's list", lambda d: not d.find_elements(By.CSS_SELECTOR, row))
    assert text_of(driver, "#status") == f"Order {number} (Cappuccino) completed."
    shoot(driver, artifacts, "barista-completed")

    driver.switch_to.window(display)
    wait_for(driver, "the order in the ready column", on_board("ready"))
    assert not on_board("making")(driver)
    shoot(driver, artifacts, "display-ready")

    driver.switch_to.window(customer)
    wait_for(driver, "the customer page to say ready",
             lambda d: "Ready: pick it up!" in text_of(d, f"#mine li[data-order-id='{order_id}']"))
    shoot(driver, artifacts, "customer-ready")
    assert not console_errors(driver)

    if serverlesspresso.endpoint is None:
        return
    # Behind the pages: the order's OrderProcessor execution has run to the end.
    sfn = serverlesspresso.client("stepfunctions")

    def finished():
        for e in sfn.list_executions(stateMachineArn=serverlesspresso.outputs["OrderProcessorArn"])["executions"]:
            described = sfn.describe_execution(executionArn=e["executionArn"])
            if json.loads(described["input"]).get("detail", {}).get("orderId") == order_id and described["status"] != "RUNNING":
                return described
        return None

    described = wait_until(finished, timeout=60, interval=0.5, what=f"the OrderProcessor execution of {order_id} to end")
    assert described["status"] == "SUCCEEDED", described


def test_the_shop_can_be_closed_and_opened_from_the_barista_page(browser, serverlesspresso, artifacts):
    driver = browser
    open_page(driver, serverlesspresso, "barista.html")
    button = driver.find_element(By.ID, "shop")
    wait_for(driver, "the shop state", lambda d: text_of(d, "#shop-state") == "The shop is open.")
    button.click()
    wait_for(driver, "the shop to close", lambda d: text_of(d, "#shop-state") == "The shop is closed.")
    assert button.text == "Open the shop"

    open_page(driver, serverlesspresso, "display.html")
    wait_for(driver, "the closed banner", lambda d: d.find_element(By.ID, "closed").is_displayed())
    shoot(driver, artifacts, "display-closed")

    open_page(driver, serverlesspresso, "barista.html")
    wait_for(driver, "the shop state", lambda d: text_of(d, "#shop-state") == "The shop is closed.")
    driver.find_element(By.ID, "shop").click()
    wait_for(driver, "the shop to open", lambda d: text_of(d, "#shop-state") == "The shop is open.")


def test_every_control_has_a_name(browser, serverlesspresso):
    """Inputs have labels and buttons have text a screen reader can say."""
    for page in ("customer.html", "barista.html", "display.html"):
        open_page(browser, serverlesspresso, page)
        unnamed = browser.execute_script("""
            return [...document.querySelectorAll('input, button, select, textarea')]
              .filter(e => !(e.labels?.length || e.getAttribute('aria-label') || e.textContent.trim()))
              .map(e => e.outerHTML);""")
        assert unnamed == [], (page, unnamed)
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
