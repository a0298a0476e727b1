"""Helpers for the tests that deploy templates: `cortado deploy` / `delete-stack` as a user runs them, the
stack's outputs and resources through CloudFormation's API, and plain HTTP to the deployed routes."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from support import REPO_ROOT

EXAMPLES = REPO_ROOT / "examples"
DEPLOY_FIXTURES = Path(__file__).parent / "fixtures" / "deploy"


def deploy(cortado_bin: Path, template: Path, stack: str, endpoint: str, *extra: str,
           timeout: float = 300) -> subprocess.CompletedProcess:
    """`cortado deploy TEMPLATE --stack-name STACK --endpoint ENDPOINT [extra]`, output captured as text."""
    return subprocess.run([str(cortado_bin), "deploy", str(template), "--stack-name", stack, "--endpoint", endpoint, *extra],
                          capture_output=True, text=True, timeout=timeout)


def delete_stack(cortado_bin: Path, stack: str, endpoint: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(cortado_bin), "delete-stack", stack, "--endpoint", endpoint],
                          capture_output=True, text=True, timeout=timeout)


def printed(done: subprocess.CompletedProcess) -> str:
    """What the command printed, both streams, for assertions and failure messages."""
    return f"{done.stdout}\n{done.stderr}"


def outputs(cfn, stack: str) -> dict[str, str]:
    (described,) = cfn.describe_stacks(StackName=stack)["Stacks"]
    return {o["OutputKey"]: o["OutputValue"] for o in described.get("Outputs", [])}


def stack_status(cfn, stack: str) -> str:
    return cfn.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"]


def resources(cfn, stack: str) -> dict[str, dict]:
    """The stack's resources by logical id (each with PhysicalResourceId, ResourceType, ResourceStatus)."""
    return {r["LogicalResourceId"]: r for r in cfn.describe_stack_resources(StackName=stack)["StackResources"]}


def api_base(endpoint: str, api_id: str, stage: str = "Prod") -> str:
    """Where Cortado serves a deployed API, as a local API Gateway does."""
    return f"{endpoint}/restapis/{api_id}/{stage}/_user_request_/"


def http(method: str, url: str, body: Any = None, timeout: float = 60) -> tuple[int, dict, str]:
    """One HTTP request; returns (status, headers, body text), error statuses included."""
    data = None if body is None else (body if isinstance(body, (bytes, str)) else json.dumps(body))
    if isinstance(data, str):
        data = data.encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode(errors="replace")


def state_names(events: list[dict], suffix: str) -> list[str]:
    """Names of the states entered (`suffix="StateEntered"`) or exited (`"StateExited"`), in history order."""
    key = "stateEnteredEventDetails" if suffix == "StateEntered" else "stateExitedEventDetails"
    return [e[key]["name"] for e in events if e["type"].endswith(suffix)]
