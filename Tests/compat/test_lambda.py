"""Lambda's API through the AWS CLI and boto3: functions created from zips built here (Node.js, Python and
a shell-script custom runtime), what get/list show, invocations (RequestResponse, Event, DryRun, Tail
logs), code and configuration updates, versions and aliases, reserved concurrency, timeouts, crashes,
function errors, the errors AWS gives for bad input, Cortado's local-directory code, and Step Functions'
`lambda:invoke` integration.

Where an exact text is pinned it is AWS's, as the Lambda API reference and the runtimes print it;
`Tests/compat/README.md` says how the suite reads such comments.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import time
import urllib.request

import pytest
from botocore.exceptions import ClientError

from support import (
    ACCOUNT,
    FUNCTION_ARN_PREFIX,
    REGION,
    ROLE_ARN,
    AwsCliError,
    code_sha256,
    create_function_cli,
    create_machine,
    error_code,
    error_message,
    full_history,
    invoke_cli,
    log_messages,
    wait_closed,
    wait_until,
    write_zip,
    zip_bytes,
)

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
ISO_MS = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"

NODE_ECHO = """\
exports.handler = async (event, context) => {
  console.log('echo', JSON.stringify(event));
  return { echo: event, greeting: process.env.GREETING || null, version: context.functionVersion };
};
"""

PYTHON_ECHO = """\
import os


def handler(event, context):
    print("python saw", event)
    return {"echo": event, "greeting": os.environ.get("GREETING"), "version": context.function_version}
"""


def lam_cli(aws, *args):
    return aws(*args, service="lambda")


def cli_error(call) -> AwsCliError:
    with pytest.raises(AwsCliError) as caught:
        call()
    return caught.value


def client_error(call) -> ClientError:
    with pytest.raises(ClientError) as caught:
        call()
    return caught.value


def node_function(aws, name, tmp_path, source=NODE_ECHO, *extra) -> dict:
    return create_function_cli(aws, name, write_zip(tmp_path / f"{name}.zip", {"index.js": source}), *extra)


def make_function(lam, name, files: dict, runtime="nodejs20.x", handler="index.handler", **extra) -> dict:
    """CreateFunction through boto3, for the tests whose subject is not the CLI's create."""
    return lam.create_function(FunctionName=name, Runtime=runtime, Role=ROLE_ARN, Handler=handler,
                               Code={"ZipFile": zip_bytes(files)}, **extra)


def make_python(lam, name, source=PYTHON_ECHO, **extra) -> dict:
    return make_function(lam, name, {"handler.py": source}, runtime="python3.12", handler="handler.handler", **extra)


def invoke(lam, name, payload: dict | None = None, **extra) -> tuple[dict, object]:
    """boto3's Invoke: the response and its payload parsed."""
    response = lam.invoke(FunctionName=name, Payload=json.dumps(payload or {}).encode(), **extra)
    return response, json.loads(response["Payload"].read())


def tail_lines(answer: dict) -> list[str]:
    return base64.b64decode(answer["LogResult"]).decode().splitlines()


def request_id_of(lines: list[str]) -> str:
    start = re.fullmatch(rf"START RequestId: ({UUID}) Version: \$LATEST", lines[0])
    assert start, f"the tail does not begin with a START line: {lines}"
    return start.group(1)


# MARK: - Create, get, list


def test_create_get_and_list_show_what_aws_shows(aws, lam, new_name, tmp_path):
    name = new_name("node")
    package = tmp_path / "node.zip"
    data = write_zip(package, {"index.js": NODE_ECHO}).read_bytes()
    created = create_function_cli(aws, name, package)
    assert created["FunctionName"] == name
    assert created["FunctionArn"] == FUNCTION_ARN_PREFIX + name
    assert (created["Runtime"], created["Handler"], created["Role"]) == ("nodejs20.x", "index.handler", ROLE_ARN)
    assert created["CodeSha256"] == code_sha256(data)
    assert created["CodeSize"] == len(data)
    assert (created["Timeout"], created["MemorySize"]) == (3, 128)
    assert (created["State"], created["LastUpdateStatus"], created["PackageType"]) == ("Active", "Successful", "Zip")
    assert created["Version"] == "$LATEST"
    assert created["LoggingConfig"] == {"LogFormat": "Text", "LogGroup": f"/aws/lambda/{name}"}

    got = lam_cli(aws, "get-function", "--function-name", name)
    configuration = lam_cli(aws, "get-function-configuration", "--function-name", name)
    assert got["Configuration"] == configuration
    assert {k: configuration[k] for k in created} == created
    assert got["Code"]["RepositoryType"] == "S3"
    # GetFunction by ARN names the same function.
    assert lam.get_function(FunctionName=FUNCTION_ARN_PREFIX + name)["Configuration"]["CodeSha256"] == code_sha256(data)

    # A Python function through boto3, the zip sent as bytes.
    python = new_name("py")
    py_zip = zip_bytes({"handler.py": PYTHON_ECHO})
    made = lam.create_function(FunctionName=python, Runtime="python3.12", Role=ROLE_ARN, Handler="handler.handler",
                               Code={"ZipFile": py_zip})
    assert made["FunctionArn"] == FUNCTION_ARN_PREFIX + python
    assert (made["CodeSha256"], made["CodeSize"]) == (code_sha256(py_zip), len(py_zip))
    assert (made["Runtime"], made["Handler"], made["State"]) == ("python3.12", "handler.handler", "Active")
    assert made["LoggingConfig"]["LogGroup"] == f"/aws/lambda/{python}"

    listed = {f["FunctionName"]: f for f in lam_cli(aws, "list-functions")["Functions"]}
    assert listed[name] == configuration
    assert listed[python]["FunctionArn"] == FUNCTION_ARN_PREFIX + python
    assert listed[python]["Runtime"] == "python3.12"


# MARK: - Invoke


def test_invoke_request_response_with_tail_logs(aws, lam, new_name, tmp_path):
    name = new_name("node")
    node_function(aws, name, tmp_path)
    answer, body = invoke_cli(aws, name, tmp_path, '{"order": 7}', "--log-type", "Tail")
    assert answer["StatusCode"] == 200
    assert answer["ExecutedVersion"] == "$LATEST"
    assert "FunctionError" not in answer
    assert json.loads(body) == {"echo": {"order": 7}, "greeting": None, "version": "$LATEST"}

    lines = tail_lines(answer)
    request_id = request_id_of(lines)
    # Node's console.log: `<ISO time>\t<request id>\tINFO\t<message>`.
    logged = [i for i, line in enumerate(lines) if re.fullmatch(rf"{ISO_MS}\t{request_id}\tINFO\techo {{\"order\":7}}", line)]
    assert len(logged) == 1, lines
    end = lines.index(f"END RequestId: {request_id}")
    report = [i for i, line in enumerate(lines) if line.startswith(f"REPORT RequestId: {request_id}\tDuration: ")]
    assert len(report) == 1, lines
    assert 0 < logged[0] < end < report[0]
    assert "\tMemory Size: 128 MB\tMax Memory Used: " in lines[report[0]]

    # The same through boto3 for a Python function: its print line is in the tail, and the response's
    # request id is the invocation's (the one in START and in the context).
    python = new_name("py")
    make_python(lam, python)
    response = lam.invoke(FunctionName=python, Payload=b'{"order": 8}', LogType="Tail")
    assert response["StatusCode"] == 200
    assert json.loads(response["Payload"].read()) == {"echo": {"order": 8}, "greeting": None, "version": "$LATEST"}
    lines = tail_lines(response)
    assert "python saw {'order': 8}" in lines
    assert request_id_of(lines) == response["ResponseMetadata"]["RequestId"], (
        "the Invoke response's x-amzn-RequestId is not the invocation's request id (START line)")


def test_invoke_event_runs_the_function_later(aws, lam, new_name, tmp_path):
    name = new_name("py")
    marker = f"event-{new_name()[-8:]}"
    make_python(lam, name, 'def handler(event, context):\n    print("async", event["marker"])\n')
    answer, body = invoke_cli(aws, name, tmp_path, json.dumps({"marker": marker}), "--invocation-type", "Event")
    assert answer == {"StatusCode": 202}
    assert body == ""

    group = f"/aws/lambda/{name}"
    wait_until(lambda: f"async {marker}" in log_messages(aws, group), timeout=30, interval=0.3,
               what="the asynchronous invocation's print line")
    messages = log_messages(aws, group)
    assert any(m.startswith("START RequestId: ") for m in messages)
    assert any(m.startswith("REPORT RequestId: ") for m in messages)


def test_dry_run(aws, lam, new_name, tmp_path):
    name = new_name("node")
    make_function(lam, name, {"index.js": NODE_ECHO})
    answer, body = invoke_cli(aws, name, tmp_path, "{}", "--invocation-type", "DryRun")
    assert answer == {"StatusCode": 204}
    assert body == ""
    # DryRun checks the function exists.
    gone = client_error(lambda: lam.invoke(FunctionName=name + "-none", InvocationType="DryRun"))
    assert error_code(gone) == "ResourceNotFoundException"


# MARK: - Updates, versions, aliases


def test_update_code_and_configuration(aws, lam, new_name, tmp_path):
    name = new_name("node")
    v1 = ("exports.handler = async (event, context) => ({ code: 'v1', greeting: process.env.GREETING || null,"
          " remainingMs: context.getRemainingTimeInMillis() });\n")
    make_function(lam, name, {"index.js": v1})
    _, body = invoke(lam, name)
    assert (body["code"], body["greeting"]) == ("v1", None)
    assert 0 < body["remainingMs"] <= 3000

    v2 = write_zip(tmp_path / "v2.zip", {"index.js": v1.replace("'v1'", "'v2'")})
    updated = lam_cli(aws, "update-function-code", "--function-name", name, "--zip-file", f"fileb://{v2}")
    assert updated["CodeSha256"] == code_sha256(v2.read_bytes())
    # The warm instance ran v1; the next invocation runs the new code.
    assert json.loads(invoke_cli(aws, name, tmp_path, "{}")[1])["code"] == "v2"

    configured = lam_cli(aws, "update-function-configuration", "--function-name", name,
                         "--environment", "Variables={GREETING=hola}", "--timeout", "10")
    assert configured["Environment"] == {"Variables": {"GREETING": "hola"}}
    assert configured["Timeout"] == 10
    assert configured["CodeSha256"] == code_sha256(v2.read_bytes())
    shown = lam.get_function_configuration(FunctionName=name)
    assert (shown["Environment"], shown["Timeout"]) == ({"Variables": {"GREETING": "hola"}}, 10)
    body = json.loads(invoke_cli(aws, name, tmp_path, "{}")[1])
    assert (body["code"], body["greeting"]) == ("v2", "hola")
    # The new timeout is the deadline the function sees.
    assert 3000 < body["remainingMs"] <= 10000


def test_versions_and_aliases(aws, lam, new_name, tmp_path):
    name = new_name("py")
    source = 'def handler(event, context):\n    return {"code": "one", "version": context.function_version}\n'
    make_python(lam, name, source)
    one = lam_cli(aws, "publish-version", "--function-name", name)
    assert one["Version"] == "1"
    assert one["FunctionArn"] == f"{FUNCTION_ARN_PREFIX}{name}:1"

    lam.update_function_code(FunctionName=name, ZipFile=zip_bytes({"handler.py": source.replace('"one"', '"two"')}))
    assert lam.publish_version(FunctionName=name, Description="second")["Version"] == "2"
    lam.update_function_code(FunctionName=name, ZipFile=zip_bytes({"handler.py": source.replace('"one"', '"three"')}))

    alias = lam_cli(aws, "create-alias", "--function-name", name, "--name", "live", "--function-version", "1")
    assert alias["AliasArn"] == f"{FUNCTION_ARN_PREFIX}{name}:live"
    assert alias["FunctionVersion"] == "1"

    answer, body = invoke_cli(aws, name, tmp_path, "{}", "--qualifier", "live")
    assert answer["ExecutedVersion"] == "1"
    assert json.loads(body) == {"code": "one", "version": "1"}
    answer, body = invoke(lam, name, Qualifier="2")
    assert (answer["ExecutedVersion"], body) == ("2", {"code": "two", "version": "2"})
    answer, body = invoke(lam, name)
    assert (answer["ExecutedVersion"], body) == ("$LATEST", {"code": "three", "version": "$LATEST"})

    lam.update_alias(FunctionName=name, Name="live", FunctionVersion="2")
    moved = lam.invoke(FunctionName=alias["AliasArn"], Payload=b"{}")
    assert moved["ExecutedVersion"] == "2"
    assert json.loads(moved["Payload"].read())["code"] == "two"

    versions = lam.list_versions_by_function(FunctionName=name)["Versions"]
    assert [v["Version"] for v in versions] == ["$LATEST", "1", "2"]
    aliases = lam.list_aliases(FunctionName=name)["Aliases"]
    assert [(a["Name"], a["FunctionVersion"]) for a in aliases] == [("live", "2")]
    assert lam.get_alias(FunctionName=name, Name="live")["FunctionVersion"] == "2"
    lam.delete_alias(FunctionName=name, Name="live")
    assert error_code(client_error(lambda: lam.get_alias(FunctionName=name, Name="live"))) == "ResourceNotFoundException"


def test_reserved_concurrency_zero_throttles(aws, lam, new_name, tmp_path):
    name = new_name("node")
    make_function(lam, name, {"index.js": NODE_ECHO})
    put = lam_cli(aws, "put-function-concurrency", "--function-name", name, "--reserved-concurrent-executions", "0")
    assert put == {"ReservedConcurrentExecutions": 0}
    assert lam.get_function_concurrency(FunctionName=name)["ReservedConcurrentExecutions"] == 0

    throttled = cli_error(lambda: invoke_cli(aws, name, tmp_path, "{}"))
    assert throttled.code == "TooManyRequestsException", throttled.stderr
    assert throttled.message == "Rate Exceeded."
    refused = client_error(lambda: lam.invoke(FunctionName=name, Payload=b"{}"))
    assert refused.response["ResponseMetadata"]["HTTPStatusCode"] == 429
    # Lambda's TooManyRequestsException says why in `Reason`.
    assert refused.response.get("Reason") == "ReservedFunctionConcurrentInvocationLimitExceeded", refused.response

    lam.delete_function_concurrency(FunctionName=name)
    assert "ReservedConcurrentExecutions" not in lam.get_function_concurrency(FunctionName=name)
    assert invoke(lam, name)[0]["StatusCode"] == 200


def test_reserved_concurrency_zero_throttles_a_function_already_running(aws, lam, new_name, tmp_path):
    # Setting 0 is how a function is switched off; it is usually done to one that has been running.
    name = new_name("node")
    make_function(lam, name, {"index.js": NODE_ECHO})
    assert invoke(lam, name)[0]["StatusCode"] == 200
    lam_cli(aws, "put-function-concurrency", "--function-name", name, "--reserved-concurrent-executions", "0")
    throttled = cli_error(lambda: invoke_cli(aws, name, tmp_path, "{}"))
    assert throttled.code == "TooManyRequestsException", throttled.stderr


def test_permissions(lam, new_name, tmp_path, aws):
    name = new_name("node")
    make_function(lam, name, {"index.js": NODE_ECHO})
    rule = f"arn:aws:events:{REGION}:{ACCOUNT}:rule/orders"
    added = lam_cli(aws, "add-permission", "--function-name", name, "--statement-id", "events", "--action",
                    "lambda:InvokeFunction", "--principal", "events.amazonaws.com", "--source-arn", rule)
    statement = json.loads(added["Statement"])
    assert statement["Sid"] == "events"
    assert statement["Action"] == "lambda:InvokeFunction"
    assert statement["Resource"] == FUNCTION_ARN_PREFIX + name
    policy = json.loads(lam.get_policy(FunctionName=name)["Policy"])
    assert [s["Sid"] for s in policy["Statement"]] == ["events"]
    again = client_error(lambda: lam.add_permission(FunctionName=name, StatementId="events", Action="lambda:InvokeFunction",
                                                    Principal="events.amazonaws.com"))
    assert error_code(again) == "ResourceConflictException"
    lam.remove_permission(FunctionName=name, StatementId="events")
    assert error_code(client_error(lambda: lam.get_policy(FunctionName=name))) == "ResourceNotFoundException"


# MARK: - Timeouts, crashes and function errors


SLEEPER = """\
exports.handler = async (event) => {
  await new Promise((resolve) => setTimeout(resolve, (event.sleep || 0) * 1000));
  return { slept: event.sleep || 0 };
};
"""


def test_timeout(aws, lam, new_name, tmp_path):
    name = new_name("node")
    node_function(aws, name, tmp_path, SLEEPER, "--timeout", "1")
    began = time.monotonic()
    answer, body = invoke_cli(aws, name, tmp_path, '{"sleep": 5}', "--log-type", "Tail")
    elapsed = time.monotonic() - began
    assert answer["StatusCode"] == 200
    assert answer["FunctionError"] == "Unhandled"
    error = json.loads(body)
    request_id = request_id_of(tail_lines(answer))
    assert error == {"errorType": "Sandbox.Timedout",
                     "errorMessage": f"RequestId: {request_id} Error: Task timed out after 1.00 seconds"}
    assert elapsed < 4.5, f"the invocation took {elapsed:.1f} s: the function was not stopped at its timeout"
    assert any(re.fullmatch(rf"{ISO_MS} {request_id} Task timed out after 1\.00 seconds", line) for line in tail_lines(answer)), \
        tail_lines(answer)
    # The killed sandbox is replaced.
    answer, body = invoke(lam, name, {"sleep": 0})
    assert "FunctionError" not in answer and body == {"slept": 0}


def test_a_function_that_exits(aws, lam, server, new_name, tmp_path):
    node = new_name("node")
    make_function(lam, node, {"index.js": "exports.handler = async (event) => { if (event.exit) process.exit(3); return 'alive'; };\n"})
    python = new_name("py")
    make_python(lam, python, "import sys\n\n\ndef handler(event, context):\n    if event.get('exit'):\n        sys.exit(3)\n    return 'alive'\n")
    for name in (node, python):
        answer, body = invoke_cli(aws, name, tmp_path, '{"exit": true}', "--log-type", "Tail")
        assert answer["FunctionError"] == "Unhandled"
        request_id = request_id_of(tail_lines(answer))
        assert json.loads(body) == {"errorType": "Runtime.ExitError",
                                    "errorMessage": f"RequestId: {request_id} Error: Runtime exited with error: exit status 3"}
        answer, body = invoke(lam, name, {"exit": False})
        assert "FunctionError" not in answer
        assert body == "alive"
    with urllib.request.urlopen(server.endpoint + "/health", timeout=5) as r:
        assert r.status == 200


def test_a_response_over_6_mb(lam, new_name):
    name = new_name("py")
    make_python(lam, name, "def handler(event, context):\n    return 'a' * event['size']\n")
    answer, error = invoke(lam, name, {"size": 7 * 1024 * 1024})
    assert answer["StatusCode"] == 200
    assert answer.get("FunctionError") == "Unhandled", (answer, error)
    # AWS (as the Lambda docs and moto quote it): the runtime's answer is refused, not the invocation.
    assert error == {"errorMessage": "Response payload size exceeded maximum allowed payload size (6291556 bytes).",
                     "errorType": "Function.ResponseSizeTooLarge"}
    answer, body = invoke(lam, name, {"size": 3})
    assert "FunctionError" not in answer and body == "aaa"


def test_handler_errors(lam, new_name):
    python = new_name("py")
    make_python(lam, python, """\
def check(order):
    raise ValueError(f"order {order} is not valid")


def handler(event, context):
    check(event["order"])
""")
    answer, error = invoke(lam, python, {"order": 7})
    assert answer["FunctionError"] == "Unhandled"
    assert error["errorType"] == "ValueError"
    assert error["errorMessage"] == "order 7 is not valid"
    assert re.fullmatch(UUID, error["requestId"])
    assert error["stackTrace"][0].startswith('  File "/var/task/handler.py", line 6, in handler\n'), error
    assert error["stackTrace"][-1].startswith('  File "/var/task/handler.py", line 2, in check\n'), error

    node = new_name("node")
    make_function(lam, node, {"index.js": "exports.handler = async (event) => {\n  throw new TypeError(`order ${event.order} is not valid`);\n};\n"})
    answer, error = invoke(lam, node, {"order": 7})
    assert answer["FunctionError"] == "Unhandled"
    assert list(error) == ["errorType", "errorMessage", "trace"]
    assert (error["errorType"], error["errorMessage"]) == ("TypeError", "order 7 is not valid")
    assert error["trace"][0] == "TypeError: order 7 is not valid"
    assert "/var/task/index.js:2:" in error["trace"][1], error["trace"]


def test_missing_handler_file(aws, lam, new_name, tmp_path):
    python = new_name("py")
    package = write_zip(tmp_path / "py.zip", {"handler.py": PYTHON_ECHO})
    create_function_cli(aws, python, package, runtime="python3.12", handler="nothere.handler")
    answer, body = invoke_cli(aws, python, tmp_path, "{}")
    assert answer["FunctionError"] == "Unhandled"
    error = json.loads(body)
    assert error["errorType"] == "Runtime.ImportModuleError"
    assert error["errorMessage"] == "Unable to import module 'nothere': No module named 'nothere'"

    node = new_name("node")
    make_function(lam, node, {"index.js": NODE_ECHO}, handler="nothere.handler")
    answer, error = invoke(lam, node)
    assert answer["FunctionError"] == "Unhandled"
    assert error["errorType"] == "Runtime.ImportModuleError"
    assert error["errorMessage"] == "Error: Cannot find module 'nothere'\nRequire stack:\n- /var/runtime/index.mjs"


def test_syntax_error_in_the_handler(lam, new_name):
    python = new_name("py")
    make_python(lam, python, "def handler(event, context)\n    return 1\n")
    answer, error = invoke(lam, python)
    assert answer["FunctionError"] == "Unhandled"
    assert error["errorType"] == "Runtime.UserCodeSyntaxError"
    assert error["errorMessage"].startswith("Syntax error in module 'handler': "), error
    assert error["stackTrace"][0].startswith('  File "/var/task/handler.py" Line 1\n'), error

    node = new_name("node")
    make_function(lam, node, {"index.js": "exports.handler = async (event) => {\n  return {;\n};\n"})
    answer, error = invoke(lam, node)
    assert answer["FunctionError"] == "Unhandled"
    assert error["errorType"] == "Runtime.UserCodeSyntaxError"
    assert error["errorMessage"].startswith("SyntaxError: "), error


# MARK: - Bad input


def test_bad_input_gets_aws_error_names(aws, lam, new_name, tmp_path):
    missing = new_name("none")
    # AWS: GetFunction names the unqualified ARN; Invoke names `:$LATEST`, the version it resolved
    # (e.g. "Function not found: arn:aws:lambda:us-west-2:...:function:lambda-testing:$LATEST" from Invoke).
    got = cli_error(lambda: lam_cli(aws, "get-function", "--function-name", missing))
    assert got.code == "ResourceNotFoundException"
    assert got.message == f"Function not found: arn:aws:lambda:us-east-1:000000000000:function:{missing}"
    invoked = client_error(lambda: lam.invoke(FunctionName=missing, Payload=b"{}"))
    assert error_code(invoked) == "ResourceNotFoundException"
    assert error_message(invoked) == f"Function not found: arn:aws:lambda:us-east-1:000000000000:function:{missing}:$LATEST"

    name = new_name("node")
    package = write_zip(tmp_path / "ok.zip", {"index.js": NODE_ECHO})
    create_function_cli(aws, name, package)
    duplicate = client_error(lambda: make_function(lam, name, {"index.js": NODE_ECHO}))
    assert error_code(duplicate) == "ResourceConflictException"
    assert error_message(duplicate) == f"Function already exist: {name}"

    # The CLI itself refuses a --zip-file that is not a zip, so the bytes go through boto3.
    bad_zip = new_name("zip")
    refused = client_error(lambda: lam.create_function(FunctionName=bad_zip, Runtime="nodejs20.x", Role=ROLE_ARN,
                                                       Handler="index.handler", Code={"ZipFile": b"PK\x03\x04 not a zip"}))
    assert error_code(refused) == "InvalidParameterValueException"
    assert error_message(refused) == "Could not unzip uploaded file. Please check your file, then try to upload again."

    old = new_name("old")
    deprecated = cli_error(lambda: create_function_cli(aws, old, package, runtime="nodejs14.x"))
    assert deprecated.code == "InvalidParameterValueException"
    assert deprecated.message.startswith(
        "The runtime parameter of nodejs14.x is no longer supported for creating or updating AWS Lambda functions."), deprecated.message

    unknown_runtime = client_error(lambda: make_function(lam, new_name("rt"), {"index.js": NODE_ECHO}, runtime="nodejs99.x"))
    assert error_code(unknown_runtime) == "ValidationException"
    assert "Value 'nodejs99.x' at 'runtime' failed to satisfy constraint: Member must satisfy enum value set:" in error_message(unknown_runtime)

    env = new_name("env")
    reserved = cli_error(lambda: create_function_cli(aws, env, package, "--environment", "Variables={AWS_REGION=eu-west-1}"))
    assert reserved.code == "InvalidParameterValueException"
    assert reserved.message.endswith("Reserved keys used in this request: AWS_REGION"), reserved.message

    # None of the refused creates left a function behind.
    for refused_name in (bad_zip, old, env):
        assert error_code(client_error(lambda: lam.get_function(FunctionName=refused_name))) == "ResourceNotFoundException"

    too_large = client_error(lambda: lam.invoke(FunctionName=name, Payload=b'{"x": "' + b"a" * (6 * 1024 * 1024) + b'"}'))
    assert error_code(too_large) == "RequestTooLargeException"
    assert too_large.response["ResponseMetadata"]["HTTPStatusCode"] == 413

    not_json = cli_error(lambda: invoke_cli(aws, name, tmp_path, "{not json"))
    assert not_json.code == "InvalidRequestContentException"
    assert not_json.message.startswith("Could not parse request body into json"), not_json.message


# MARK: - Cortado's local-directory code, custom runtimes, deletion


def test_local_directory_code(aws, lam, new_name, tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "handler.py").write_text('def handler(event, context):\n    return {"edition": 1}\n')
    name = new_name("local")
    created = lam_cli(aws, "create-function", "--function-name", name, "--runtime", "python3.12", "--handler",
                      "handler.handler", "--role", ROLE_ARN, "--code", f"S3Bucket=cortado-local,S3Key={source}")
    assert created["State"] == "Active"
    assert lam.get_function(FunctionName=name)["Code"]["RepositoryType"] == "S3"
    assert json.loads(invoke_cli(aws, name, tmp_path, "{}")[1]) == {"edition": 1}

    (source / "handler.py").write_text('def handler(event, context):\n    return {"edition": 2}\n')
    lam_cli(aws, "update-function-code", "--function-name", name, "--s3-bucket", "cortado-local", "--s3-key", str(source))
    assert json.loads(invoke_cli(aws, name, tmp_path, "{}")[1]) == {"edition": 2}


def test_code_from_an_s3_object(aws, lam, new_name, tmp_path):
    """As `sam package` leaves a template: the deployment package uploaded to S3, the function pointing at it."""
    bucket = new_name("code").lower().replace("_", "-")
    package = write_zip(tmp_path / "code.zip", {"handler.py": 'def handler(event, context):\n    return {"from": "s3"}\n'})
    aws("create-bucket", "--bucket", bucket, service="s3api")
    aws("put-object", "--bucket", bucket, "--key", "fn/code.zip", "--body", str(package), service="s3api")
    name = new_name("s3code")
    created = lam_cli(aws, "create-function", "--function-name", name, "--runtime", "python3.12", "--handler",
                      "handler.handler", "--role", ROLE_ARN, "--code", f"S3Bucket={bucket},S3Key=fn/code.zip")
    assert created["CodeSha256"] == code_sha256(package.read_bytes())
    assert json.loads(invoke_cli(aws, name, tmp_path, "{}")[1]) == {"from": "s3"}

    missing = cli_error(lambda: lam_cli(aws, "create-function", "--function-name", new_name("nokey"), "--runtime", "python3.12",
                                        "--handler", "handler.handler", "--role", ROLE_ARN,
                                        "--code", f"S3Bucket={bucket},S3Key=nope.zip"))
    assert missing.code == "InvalidParameterValueException"
    assert "NoSuchKey" in missing.message, missing.message


BASH_BOOTSTRAP = """\
#!/bin/bash
set -euo pipefail
api="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation"
while true; do
  headers="$(mktemp)"
  event="$(curl -sS -D "$headers" "$api/next")"
  id="$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$headers" | cut -d: -f2 | tr -d '[:space:]')"
  rm -f "$headers"
  echo "shell got $event"
  curl -sS -o /dev/null -X POST "$api/$id/response" -d "{\\"handler\\": \\"$_HANDLER\\", \\"event\\": $event}"
done
"""


def test_custom_runtime_with_a_shell_bootstrap(aws, new_name, tmp_path):
    if shutil.which("curl") is None:
        pytest.skip("no curl on the PATH: the shell-script bootstrap needs it to speak the Runtime API")
    name = new_name("sh")
    package = write_zip(tmp_path / "sh.zip", {"bootstrap": BASH_BOOTSTRAP}, executable=["bootstrap"])
    created = create_function_cli(aws, name, package, runtime="provided.al2023", handler="function.handler")
    assert created["Runtime"] == "provided.al2023"
    answer, body = invoke_cli(aws, name, tmp_path, '{"n": 1}', "--log-type", "Tail")
    assert answer["StatusCode"] == 200 and "FunctionError" not in answer, answer
    assert json.loads(body) == {"handler": "function.handler", "event": {"n": 1}}
    assert 'shell got {"n": 1}' in tail_lines(answer)
    # The loop serves the next invocation from the same process.
    assert json.loads(invoke_cli(aws, name, tmp_path, '{"n": 2}')[1])["event"] == {"n": 2}


def test_delete_function(aws, lam, new_name, tmp_path):
    name = new_name("node")
    make_function(lam, name, {"index.js": NODE_ECHO})
    assert invoke(lam, name)[0]["StatusCode"] == 200
    # AWS answers 204 with no body; CLIs whose botocore models DeleteFunction's status print it.
    assert lam_cli(aws, "delete-function", "--function-name", name) in (None, {"StatusCode": 204})
    gone = cli_error(lambda: invoke_cli(aws, name, tmp_path, "{}"))
    assert gone.code == "ResourceNotFoundException"
    assert gone.message == f"Function not found: {FUNCTION_ARN_PREFIX}{name}:$LATEST"
    assert error_code(client_error(lambda: lam.get_function(FunctionName=name))) == "ResourceNotFoundException"
    assert name not in [f["FunctionName"] for f in lam.list_functions()["Functions"]]


# MARK: - Step Functions' lambda:invoke


def test_step_functions_lambda_invoke_output(lam, sfn, new_name):
    name = new_name("py")
    make_python(lam, name)
    definition = {"StartAt": "Call", "States": {"Call": {
        "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": name, "Payload.$": "$"}, "End": True}}}
    machine = create_machine(sfn, new_name("sm"), definition)
    execution = sfn.start_execution(stateMachineArn=machine, input='{"order": 9}')["executionArn"]
    described = wait_closed(sfn, execution)
    assert described["status"] == "SUCCEEDED", described
    output = json.loads(described["output"])
    assert set(output) == {"ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode"}
    assert output["ExecutedVersion"] == "$LATEST"
    assert output["Payload"] == {"echo": {"order": 9}, "greeting": None, "version": "$LATEST"}
    assert output["SdkHttpMetadata"]["HttpStatusCode"] == 200
    assert re.fullmatch(UUID, output["SdkResponseMetadata"]["RequestId"])
    assert output["StatusCode"] == 200


def test_step_functions_catches_a_function_error(lam, sfn, new_name):
    name = new_name("py")
    make_python(lam, name, """\
class OrderRejected(Exception):
    pass


def handler(event, context):
    raise OrderRejected(f"order {event['order']} rejected")
""")
    definition = {"StartAt": "Call", "States": {
        "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Parameters": {"FunctionName": name, "Payload.$": "$"},
                 "Catch": [{"ErrorEquals": ["OrderRejected"], "ResultPath": "$.error", "Next": "Rejected"}],
                 "End": True},
        "Rejected": {"Type": "Pass", "End": True}}}
    machine = create_machine(sfn, new_name("sm"), definition)
    execution = sfn.start_execution(stateMachineArn=machine, input='{"order": 4}')["executionArn"]
    described = wait_closed(sfn, execution)
    assert described["status"] == "SUCCEEDED", described
    output = json.loads(described["output"])
    assert output["order"] == 4
    assert output["error"]["Error"] == "OrderRejected"
    cause = json.loads(output["error"]["Cause"])
    assert (cause["errorType"], cause["errorMessage"]) == ("OrderRejected", "order 4 rejected")
    failed = [e for e in full_history(sfn, execution) if e["type"] == "TaskFailed"]
    assert len(failed) == 1
    assert failed[0]["taskFailedEventDetails"]["error"] == "OrderRejected"
    entered = [e["stateEnteredEventDetails"]["name"] for e in full_history(sfn, execution) if e["type"].endswith("StateEntered")]
    assert entered == ["Call", "Rejected"]


CALLBACK_FUNCTION = """\
import json

import boto3


def handler(event, context):
    # No endpoint, region or credentials here: the function's environment provides them.
    boto3.client("stepfunctions").send_task_success(
        taskToken=event["token"], output=json.dumps({"approved": event["order"]}))
    return {"sent": True}
"""


def test_step_functions_wait_for_task_token_answered_by_the_function(aws, lam, sfn, new_name):
    name = new_name("py")
    make_python(lam, name, CALLBACK_FUNCTION)
    definition = {"StartAt": "Approve", "States": {"Approve": {
        "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
        "Parameters": {"FunctionName": name, "Payload": {"token.$": "$$.Task.Token", "order.$": "$.order"}},
        "TimeoutSeconds": 60, "End": True}}}
    machine = create_machine(sfn, new_name("sm"), definition)
    execution = sfn.start_execution(stateMachineArn=machine, input='{"order": 12}')["executionArn"]
    described = wait_closed(sfn, execution, timeout=60)
    assert described["status"] == "SUCCEEDED", (described, log_messages(aws, f"/aws/lambda/{name}"))
    assert json.loads(described["output"]) == {"approved": 12}
    succeeded = [e for e in full_history(sfn, execution) if e["type"] == "TaskSucceeded"]
    assert [json.loads(e["taskSucceededEventDetails"]["output"]) for e in succeeded] == [{"approved": 12}]
