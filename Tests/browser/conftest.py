"""Fixtures for the browser tests: a `cortado serve` with the Serverlesspresso example deployed and seeded,
and headless Chromium driven through Selenium. Reuses the compatibility suite's helpers (Tests/compat).

    CORTADO_BIN=.build/debug/cortado python3 -m pytest -q Tests/browser

Screenshots go to Tests/browser/artifacts/ (kept out of git). To try the pages against a deployment you
already have, set SERVERLESSPRESSO_BASE_URL to its base URL (`.../Prod/_user_request_/`): no server is
started and the workflow checks that need Cortado's API are skipped.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

COMPAT = Path(__file__).resolve().parents[1] / "compat"
sys.path.insert(0, str(COMPAT))

# Tests/compat/conftest.py under another name: this file is the `conftest` module here.
_spec = importlib.util.spec_from_file_location("compat_conftest", COMPAT / "conftest.py")
compat = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compat)

from stacks import api_base, deploy, outputs, printed  # noqa: E402
from support import REPO_ROOT  # noqa: E402

ARTIFACTS = Path(__file__).parent / "artifacts"
EXAMPLE = REPO_ROOT / "examples" / "serverlesspresso"


@dataclass
class Deployment:
    base: str  # the API's base URL, ending in `/`
    endpoint: str | None  # Cortado's endpoint, None for a deployment given by URL
    outputs: dict

    def client(self, service: str):
        """A boto3 client on the Cortado the example runs on."""
        return compat.make_client(self.endpoint, service)


@pytest.fixture(scope="session")
def serverlesspresso():
    given = os.environ.get("SERVERLESSPRESSO_BASE_URL")
    if given:
        yield Deployment(base=given.rstrip("/") + "/", endpoint=None, outputs={})
        return
    if not (EXAMPLE / "template.yaml").is_file():
        pytest.skip(f"no {EXAMPLE / 'template.yaml'}")
    binary = compat.checked_binary()
    with compat.running_server(binary) as server:
        done = deploy(binary, EXAMPLE / "template.yaml", "serverlesspresso", server.endpoint)
        assert done.returncode == 0, printed(done)
        # seed-config.sh's data: the menu, the shop's config and the order counter.
        dynamodb = compat.make_client(server.endpoint, "dynamodb")
        dynamodb.batch_write_item(RequestItems=json.loads((EXAMPLE / "seed-items.json").read_text()))
        found = outputs(compat.make_client(server.endpoint, "cloudformation"), "serverlesspresso")
        yield Deployment(base=api_base(server.endpoint, found["ApiId"]), endpoint=server.endpoint, outputs=found)


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (Debian's `chromium` and `chromium-driver`)."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver_path = shutil.which("chromedriver")
    if not (chromium and driver_path):
        pytest.skip("needs chromium and chromedriver (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    profile = tempfile.mkdtemp(prefix="cortado-browser-")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1100,850",
                     f"--user-data-dir={profile}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# MARK: - The console (docs/architecture/console.md)


@dataclass
class Console:
    """A `cortado serve` of its own, with the console at `base`, and boto3 clients on it."""

    server: object
    binary: Path

    @property
    def base(self) -> str:
        return self.server.endpoint

    def client(self, service: str):
        return compat.make_client(self.server.endpoint, service)

    def url(self, path: str) -> str:
        return self.server.endpoint + path


@pytest.fixture(scope="session")
def console():
    """A fresh server for the console's tests. With CORTADO_CONSOLE_DIR set, it serves the console's files
    from that folder (editing a page needs no rebuild)."""
    yield from _serve_console()


@pytest.fixture(scope="module")
def own_console():
    """A server for one module alone, for pages that count everything (the overview)."""
    yield from _serve_console()


def _serve_console():
    binary = compat.checked_binary()
    with compat.running_server(binary) as server:
        yield Console(server=server, binary=binary)
