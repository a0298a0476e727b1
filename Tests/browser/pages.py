"""Helpers the browser tests share: waiting on a page, reading it in one script call, screenshots."""

from __future__ import annotations

from urllib.parse import quote

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.support.ui import WebDriverWait

# Generous: a flow can go through EventBridge, workflows and functions (Python start-up).
DEADLINE = 90


def wait_for(driver, what: str, predicate, timeout: float = DEADLINE):
    return WebDriverWait(driver, timeout, poll_frequency=0.25,
                         ignored_exceptions=(StaleElementReferenceException,)).until(lambda d: predicate(d), message=what)


def text_of(driver, css: str) -> str:
    """The visible text of the first element `css` finds, read in one step (a refresh cannot intervene)."""
    return driver.execute_script("const e = document.querySelector(arguments[0]); return e ? e.innerText : '';", css)


def retry(action, attempts: int = 5):
    """Runs an action on elements found afresh each time, again if a refresh replaced them meanwhile."""
    for attempt in range(attempts):
        try:
            return action()
        except StaleElementReferenceException:
            if attempt == attempts - 1:
                raise


def replace_text(element, text: str) -> None:
    """Empties a field and types `text`, so the page sees input events as from a user: WebDriver's clear()
    fires none (a page checking as you type would keep judging the old text), and select-all keys proved
    unreliable in headless Chromium."""
    element.parent.execute_script(
        "arguments[0].focus(); arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", element)
    element.send_keys(text)


def shoot(driver, artifacts, name: str) -> None:
    driver.save_screenshot(str(artifacts / f"{name}.png"))


def console_errors(driver, expected_statuses: tuple[int, ...] = ()) -> list[str]:
    """The browser's severe log lines. Chromium logs every answered 4xx fetch ("Failed to load resource: the
    server responded with a status of 404"); a test that provokes such answers names their statuses."""
    expected = [f"the server responded with a status of {status}" for status in expected_statuses]
    try:
        lines = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    except Exception:  # not every driver keeps the browser log
        return []
    return [line for line in lines if not any(text in line for text in expected)]


def encoded(arn_or_name: str) -> str:
    """A path segment as the console's links write it (JavaScript's encodeURIComponent)."""
    return quote(arn_or_name, safe="-_.!~*'()")


def open_console(driver, console, path: str) -> None:
    """Opens a console page and waits until its module has rendered (main is no longer busy)."""
    driver.get(console.url(path))
    wait_for(driver, f"{path} to render", lambda d: d.execute_script(
        "const m = document.getElementById('page');"
        "return document.readyState === 'complete' && m && !m.hasAttribute('aria-busy') && !m.querySelector('p.muted:only-child');"))
