"""`cortado deploy` refuses a template it cannot deploy before touching anything: exit status 2, a message
naming the resource and the problem, and no stack, table, function, log group or state machine made.

The templates, in fixtures/deploy/, each hold valid resources besides the broken one, so a deploy that
created resources before finding the problem would leave them behind.
"""

from __future__ import annotations

import re
import uuid

import pytest
from botocore.exceptions import ClientError

from conftest import make_client
from stacks import DEPLOY_FIXTURES, deploy, printed
from support import error_code

CASES = {
    # file: (the resource the message names, a pattern for the problem in the message)
    "yaml_syntax_error.yaml": ("Greeter", r"line 21\b"),
    "missing_ref.yaml": ("Greeter", r"OrdersTabel"),
    "circular_depends_on.yaml": ("Ledger", r"(?i)circular"),
    "invalid_definition.yaml": ("OrderProcessor", r"Parse"),
}


@pytest.fixture(scope="module")
def clients(server):
    return {service: make_client(server.endpoint, service)
            for service in ("stepfunctions", "lambda", "cloudformation", "dynamodb", "logs")}


def everything(clients) -> dict[str, list[str]]:
    """What a deploy could have made, by service."""
    return {
        "stacks": sorted(s["StackName"] for s in clients["cloudformation"].list_stacks()["StackSummaries"]
                         if s["StackStatus"] != "DELETE_COMPLETE"),
        "state machines": sorted(m["stateMachineArn"] for m in clients["stepfunctions"].list_state_machines()["stateMachines"]),
        "functions": sorted(f["FunctionName"] for f in clients["lambda"].list_functions()["Functions"]),
        "tables": sorted(clients["dynamodb"].list_tables()["TableNames"]),
        "log groups": sorted(g["logGroupName"] for g in clients["logs"].describe_log_groups()["logGroups"]),
    }


@pytest.mark.parametrize("template", sorted(CASES))
def test_a_bad_template_exits_2_and_makes_nothing(template, cortado_bin, server, clients):
    resource, problem = CASES[template]
    stack = f"bad-{template.split('.')[0].replace('_', '-')}-{uuid.uuid4().hex[:6]}"
    before = everything(clients)

    done = deploy(cortado_bin, DEPLOY_FIXTURES / template, stack, server.endpoint)

    text = printed(done)
    assert done.returncode == 2, text
    assert resource in text, text
    assert re.search(problem, text), text
    assert everything(clients) == before
    with pytest.raises(ClientError) as missing:
        clients["cloudformation"].describe_stacks(StackName=stack)
    assert error_code(missing.value) == "ValidationError"
    assert missing.value.response["Error"]["Message"] == f"Stack with id {stack} does not exist"
