"""The Node.js and Python bootstraps against a fake Runtime API: what they post and what they print.

Exact shapes come from AWS's runtimes: aws-lambda-nodejs-runtime-interface-client (Errors.js,
UserFunction.js, CallbackContext.js, LogPatch.js) and awslambdaric (bootstrap.py, lambda_context.py),
and, where quoted, AWS's documentation.
"""

from __future__ import annotations

import json
import re
import statistics
import time

import pytest

from conftest import API, FIXTURES, FUNCTION_ARN, RUNTIMES

ISO_TIME = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"
NBSP = "\u00a0"


def response_path(request_id: str) -> str:
    return f"{API}/invocation/{request_id}/response"


def error_path(request_id: str) -> str:
    return f"{API}/invocation/{request_id}/error"


def line_of(runtime: str, fixture_file: str, text: str) -> int:
    """The 1-based line of `text` in a fixture, so traces stay right when fixtures are edited."""
    lines = (FIXTURES / runtime / fixture_file).read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def log_lines(lines: list[str], request_id: str) -> list[tuple[str, str]]:
    """(LEVEL, message) of the Node console lines an invocation wrote, after checking their layout."""
    found = []
    for line in lines:
        match = re.fullmatch(rf"({ISO_TIME})\t([^\t]*)\t([A-Z]+)\t(.*)", line, re.S)
        assert match, f"not a console line: {line!r}"
        if match.group(2) == request_id:
            found.append((match.group(3), match.group(4)))
    return found


def assert_clean_trace(trace: list[str], task_root) -> None:
    """No frame of the bootstrap, no path of the task root other than /var/task."""
    for line in trace:
        assert str(RUNTIMES) not in line and "/var/runtime/" not in line, trace
        assert str(task_root) not in line, trace


# ---------------------------------------------------------------------------------------------------------
# Node.js: results and handler styles


def test_node_commonjs_handler_answers_and_logs(start):
    function = start("node", "cjs", "index.handler")
    request_id, post = function.invoke({"a": 1})

    assert post.path == response_path(request_id)
    assert post.body == b'{"ok":true,"event":{"a":1}}'
    assert post.headers["content-type"] == "application/json"
    lines = function.kill_and_collect()
    # Top-level output comes before any invocation: AWS prints the request id as "undefined".
    assert re.fullmatch(rf"{ISO_TIME}\tundefined\tINFO\tLoading function", lines[0])
    assert log_lines(lines, request_id) == [("INFO", 'event: {"a":1}')]


@pytest.mark.parametrize(
    "handler, event, body",
    [
        ("index.echo", "a string", b'"a string"'),
        ("index.echo", 42, b"42"),
        ("index.echo", None, b"null"),
        ("index.returnsUndefined", {}, b"null"),
        ("index.callback", {}, b'{"via":"callback"}'),
        ("index.callbackLater", {}, b'"later"'),
        ("index.succeed", {}, b'{"via":"succeed"}'),
        # Neither a promise nor a callback: AWS answers null once the event loop is empty.
        ("index.syncReturn", {}, b"null"),
        ("index.nested.deeper.fn", {}, b'"nested"'),
    ],
)
def test_node_results(start, handler, event, body):
    function = start("node", "cjs", handler)
    request_id, post = function.invoke(event)
    assert (post.path, post.body) == (response_path(request_id), body)


def test_node_callback_waits_for_the_event_loop_unless_told_not_to(start):
    waits = start("node", "cjs", "index.callbackWaits")
    request_id, post = waits.invoke({})
    assert post.body == b'"after the timer"'
    # The timer's line was written before the answer: it is in the pipe when the process dies.
    assert ("INFO", "timer ran") in log_lines(waits.kill_and_collect(), request_id)


def test_node_callback_without_waiting_answers_at_once(start):
    eager = start("node", "cjs", "index.callbackDoesNotWait")
    request_id, post = eager.invoke({})
    assert post.body == b'"before the timer"'
    assert ("INFO", "late timer ran") not in log_lines(eager.kill_and_collect(), request_id)


def test_node_es_module_mjs(start):
    function = start("node", "esm-mjs", "index.handler")
    request_id, post = function.invoke({"k": "v"})
    assert post.body == json.dumps(
        {"esm": True, "event": {"k": "v"}, "requestId": request_id}, separators=(",", ":")
    ).encode()
    assert function.kill_and_collect()[0].endswith("\tundefined\tINFO\tLoading ES module")


def test_node_es_module_js_with_package_type_module(start):
    function = start("node", "esm-js", "index.handler")
    _, post = function.invoke({"x": 1})
    assert post.body == b'{"esmJs":true,"importMetaUrl":"string","event":{"x":1}}'


def test_node_handler_in_a_subdirectory_with_a_property_path(start):
    function = start("node", "nested", "src/app.routes.get")
    _, post = function.invoke({"id": 7})
    assert post.body == b'{"route":"get","id":7}'


def test_node_context(start):
    function = start("node", "cjs", "index.context", MY_SETTING="from the function's configuration")
    client_context = {"client": {"installation_id": "i-1"}, "custom": {"k": "v"}, "env": {"platform": "x"}}
    identity = {"cognitoIdentityId": "id-1", "cognitoIdentityPoolId": "pool-1"}
    request_id, post = function.invoke({}, client_context=client_context, identity=identity)
    context = post.json()

    remaining = context.pop("remaining")
    assert 0 < remaining <= 30_000
    assert context == {
        "functionName": "my-function",
        "functionVersion": "$LATEST",
        "memoryLimitInMB": "128",  # a string on AWS too: the environment variable as is
        "logGroupName": "/aws/lambda/my-function",
        "logStreamName": "2024/01/01/[$LATEST]0123456789abcdef",
        "invokedFunctionArn": FUNCTION_ARN,
        "awsRequestId": request_id,
        "callbackWaitsForEmptyEventLoop": True,
        "clientContext": client_context,
        "identity": identity,
        "traceId": "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
        "region": "us-east-1",
        "custom": "from the function's configuration",
        "keys": [
            "callbackWaitsForEmptyEventLoop", "succeed", "fail", "done", "functionVersion", "functionName",
            "memoryLimitInMB", "logGroupName", "logStreamName", "clientContext", "identity",
            "invokedFunctionArn", "awsRequestId", "getRemainingTimeInMillis",
        ],
    }
    # Without the optional headers both are undefined.
    _, post = function.invoke({})
    assert (post.json()["clientContext"], post.json()["identity"]) == ("undefined", "undefined")


def test_node_console_writes_one_line_per_call(start):
    function = start("node", "cjs", "index.logs")
    request_id, post = function.invoke({})
    assert post.body == b'"logged"'
    assert log_lines(function.kill_and_collect(), request_id) == [
        ("INFO", "multi\rline"),  # one call, one line: Cortado turns the CR back into a newline
        ("INFO", "info 42"),
        ("WARN", "warn"),
        ("ERROR", "error { a: 1 }"),
        ("DEBUG", "debug"),
        ("TRACE", "trace"),
    ]


# ---------------------------------------------------------------------------------------------------------
# Node.js: errors in an invocation


def test_node_thrown_error_commonjs(start):
    function = start("node", "cjs", "index.throws")
    request_id, post = function.invoke({})
    line = line_of("node", "cjs/index.js", "throw new Error('boom')")

    assert post.path == error_path(request_id)
    assert post.headers["lambda-runtime-function-error-type"] == "Error"
    error = post.json()
    assert list(error) == ["errorType", "errorMessage", "trace"]
    assert (error["errorType"], error["errorMessage"]) == ("Error", "boom")
    assert error["trace"][:2] == ["Error: boom", f"    at exports.throws [as handler] (/var/task/index.js:{line}:9)"]
    assert_clean_trace(error["trace"], function.task_root)
    # AWS logs the error before answering: "Invoke Error", a tab, the error with its stack.
    logged = log_lines(function.kill_and_collect(), request_id)
    assert logged == [("ERROR", "Invoke Error \t" + json.dumps(
        {"errorType": "Error", "errorMessage": "boom", "stack": error["trace"]}, separators=(",", ":")))]


def test_node_thrown_error_es_module_shows_file_url_under_var_task(start):
    function = start("node", "esm-mjs", "index.fails")
    request_id, post = function.invoke({})
    line = line_of("node", "esm-mjs/index.mjs", "throw new Error('boom')")
    error = post.json()
    assert error["trace"][:2] == ["Error: boom", f"    at Runtime.fails [as handler] (file:///var/task/index.mjs:{line}:9)"]
    assert_clean_trace(error["trace"], function.task_root)


@pytest.mark.parametrize(
    "handler, error_type, message",
    [
        ("index.rejects", "TypeError", "bad type"),
        ("index.callbackError", "RangeError", "out of range"),
        ("index.fail", "Error", "failed via context"),
        ("index.customError", "ValidationError", "invalid input"),  # err.name, as AWS
        ("index.fileError", "Error", "ENOENT: no such file or directory, open '/var/task/missing.txt'"),
        ("index.circular", "Error", "Unable to stringify response body"),
    ],
)
def test_node_invocation_errors(start, handler, error_type, message):
    function = start("node", "cjs", handler)
    request_id, post = function.invoke({})
    error = post.json()
    assert post.path == error_path(request_id)
    assert post.headers["lambda-runtime-function-error-type"] == error_type
    assert (error["errorType"], error["errorMessage"]) == (error_type, message)
    assert error["trace"][0] == f"{error_type}: {message}"
    assert_clean_trace(error["trace"], function.task_root)


def test_node_thrown_string(start):
    function = start("node", "cjs", "index.throwsString")
    _, post = function.invoke({})
    assert post.body == b'{"errorType":"string","errorMessage":"the string","trace":[]}'
    assert post.headers["lambda-runtime-function-error-type"] == "string"


def test_node_unhandled_rejection_fails_the_invocation_and_exits(start):
    function = start("node", "cjs", "index.unhandledRejection")
    request_id, post = function.invoke({})
    error = post.json()
    assert post.path == error_path(request_id)
    assert (error["errorType"], error["errorMessage"]) == ("Runtime.UnhandledPromiseRejection", "Error: yikes")
    assert error["trace"][0] == "Runtime.UnhandledPromiseRejection: Error: yikes"
    assert function.wait_exit() == 128


def test_node_uncaught_exception_fails_the_invocation_and_exits(start):
    function = start("node", "cjs", "index.uncaughtException")
    request_id, post = function.invoke({})
    line = line_of("node", "cjs/index.js", "throw new Error('kaboom')")
    error = post.json()
    assert (error["errorType"], error["errorMessage"]) == ("Error", "kaboom")
    assert error["trace"][:2] == ["Error: kaboom", f"    at Timeout._onTimeout (/var/task/index.js:{line}:11)"]
    assert function.wait_exit() == 129
    assert any(message.startswith("Uncaught Exception \t{") for _, message in log_lines(function.lines, request_id))


def test_node_promise_that_never_settles(start):
    function = start("node", "cjs", "index.neverSettles")
    for _ in range(2):  # the process lives on
        request_id, post = function.invoke({})
        assert post.path == error_path(request_id)
        assert post.headers["lambda-runtime-function-error-type"] == "Runtime.NodeJsExit"


# ---------------------------------------------------------------------------------------------------------
# Node.js: init errors are posted to /init/error and end the process


def node_init_error(start, fixture, handler):
    function = start("node", fixture, handler)
    post = function.api.next_post()
    assert post.path == f"{API}/init/error"
    status = function.wait_exit()
    return post, status, function


def test_node_missing_module(start):
    post, status, function = node_init_error(start, None, "index.handler")
    assert post.body == json.dumps({
        "errorType": "Runtime.ImportModuleError",
        "errorMessage": "Error: Cannot find module 'index'\nRequire stack:\n- /var/runtime/index.mjs",
        "trace": [
            "Runtime.ImportModuleError: Error: Cannot find module 'index'",
            "Require stack:",
            "- /var/runtime/index.mjs",
        ],
    }, separators=(",", ":")).encode()
    assert post.headers["lambda-runtime-function-error-type"] == "Runtime.ImportModuleError"
    assert status == 129
    assert log_lines(function.lines, "undefined") == [("ERROR", "Uncaught Exception \t" + json.dumps({
        "errorType": "Runtime.ImportModuleError",
        "errorMessage": "Error: Cannot find module 'index'\nRequire stack:\n- /var/runtime/index.mjs",
        "stack": post.json()["trace"],
    }, separators=(",", ":")))]


def test_node_missing_dependency_names_the_require_stack(start):
    post, _, _ = node_init_error(start, "missing-dependency", "index.handler")
    assert post.json()["errorMessage"] == (
        "Error: Cannot find module 'not-a-real-package-xyz'\nRequire stack:\n- /var/task/index.js\n- /var/runtime/index.mjs"
    )


def test_node_syntax_error(start):
    post, status, _ = node_init_error(start, "syntax", "index.handler")
    assert post.body == (
        b'{"errorType":"Runtime.UserCodeSyntaxError","errorMessage":"SyntaxError: Unexpected token \'}\'",'
        b'"trace":["Runtime.UserCodeSyntaxError: SyntaxError: Unexpected token \'}\'"]}'
    )
    assert status == 129


@pytest.mark.parametrize(
    "handler, message",
    [
        ("index.nope", "index.nope is undefined or not exported"),
        ("index.notAFunction", "index.notAFunction is not a function"),
    ],
)
def test_node_handler_not_found(start, handler, message):
    post, _, _ = node_init_error(start, "cjs", handler)
    assert post.body == json.dumps({
        "errorType": "Runtime.HandlerNotFound",
        "errorMessage": message,
        "trace": [f"Runtime.HandlerNotFound: {message}"],
    }, separators=(",", ":")).encode()


def test_node_malformed_handler(start):
    post, _, _ = node_init_error(start, "cjs", "index")
    error = post.json()
    assert (error["errorType"], error["errorMessage"]) == ("Runtime.MalformedHandlerName", "Bad handler")
    assert error["trace"][0] == "Runtime.MalformedHandlerName: Bad handler"
    assert post.headers["lambda-runtime-function-error-type"] == "Runtime.MalformedHandlerName"


def test_node_error_thrown_while_loading(start):
    post, status, function = node_init_error(start, "init-throws", "index.handler")
    error = post.json()
    assert (error["errorType"], error["errorMessage"]) == ("Error", "init failed")
    assert error["trace"][:2] == ["Error: init failed", "    at Object.<anonymous> (/var/task/index.js:2:7)"]
    assert_clean_trace(error["trace"], function.task_root)
    assert status == 129
    assert function.lines[0].endswith("\tundefined\tINFO\tabout to fail")


def test_node_rejection_left_unhandled_while_loading(start):
    post, status, _ = node_init_error(start, "init-rejects", "index.handler")
    error = post.json()
    assert (error["errorType"], error["errorMessage"]) == ("Runtime.UnhandledPromiseRejection", "Error: rejected at init")
    assert status == 128


# ---------------------------------------------------------------------------------------------------------
# Python: results


def test_python_handler_answers_and_prints(start):
    function = start("python", "basic", "handler.handler")
    request_id, post = function.invoke({"a": 1})
    assert post.path == response_path(request_id)
    assert post.body == b'{"ok": true, "event": {"a": 1}}'
    assert post.headers["content-type"] == "application/json"
    assert function.kill_and_collect() == ["Loading function", "event: {'a': 1}"]


@pytest.mark.parametrize(
    "handler, event, body",
    [
        ("handler.echo", "a string", b'"a string"'),
        ("handler.echo", 42, b"42"),
        ("handler.echo", [1.5, None, {"k": "\u00e9"}], b'[1.5, null, {"k": "\\u00e9"}]'),
        ("handler.returns_none", {}, b"null"),
        ("handler.returns_decimal", {}, b'{"whole": 3, "fraction": 1.5}'),
        ("handler.returns_bytes", {}, b"\x00raw bytes\xff"),  # posted as is
        ("pkg.module.func", {}, b'{"from": "pkg.module"}'),
        ("src/app.handler", {}, b'{"from": "src.app"}'),
    ],
)
def test_python_results(start, handler, event, body):
    function = start("python", "basic", handler)
    request_id, post = function.invoke(event)
    assert (post.path, post.body) == (response_path(request_id), body)


def test_python_context(start):
    function = start("python", "basic", "handler.context_fields", MY_SETTING="configured")
    client_context = {"client": {"installation_id": "i-1"}, "custom": {"k": "v"}, "env": {"platform": "x"}}
    identity = {"cognitoIdentityId": "id-1", "cognitoIdentityPoolId": "pool-1"}
    request_id, post = function.invoke({}, client_context=client_context, identity=identity)
    context = post.json()

    remaining = context.pop("remaining")
    assert 0 < remaining <= 30_000
    assert context == {
        "function_name": "my-function",
        "function_version": "$LATEST",
        "memory_limit_in_mb": "128",  # awslambdaric passes the environment variable through: a string
        "invoked_function_arn": FUNCTION_ARN,
        "aws_request_id": request_id,
        "log_group_name": "/aws/lambda/my-function",
        "log_stream_name": "2024/01/01/[$LATEST]0123456789abcdef",
        "identity": ["id-1", "pool-1"],
        "client_context": {"custom": {"k": "v"}, "env": {"platform": "x"}, "installation_id": "i-1"},
        "trace_id": "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
        "region": "us-east-1",
        "custom": "configured",
    }
    # Without the optional headers: an identity whose fields are None, no client context.
    _, post = function.invoke({})
    assert (post.json()["identity"], post.json()["client_context"]) == ([None, None], None)


def test_python_logging_goes_to_stdout_in_aws_format(start):
    function = start("python", "basic", "handler.logs")
    request_id, post = function.invoke({})
    assert post.body == b'"logged"'
    lines = function.kill_and_collect()
    assert lines[:2] == ["Loading function", "hello from print"]
    # The root logger stays at WARNING, as on AWS: the INFO record is not written.
    assert len(lines) == 4
    assert re.fullmatch(rf"\[WARNING\]\t{ISO_TIME}\t{request_id}\twarn 1", lines[2])
    assert re.fullmatch(rf"\[ERROR\]\t{ISO_TIME}\t{request_id}\tmulti\rline", lines[3])


# ---------------------------------------------------------------------------------------------------------
# Python: errors in an invocation


def test_python_exception(start):
    function = start("python", "basic", "handler.raises")
    request_id, post = function.invoke({})
    line = line_of("python", "basic/handler.py", 'raise Exception("Some exception was raised.")')

    assert post.path == error_path(request_id)
    assert post.headers["lambda-runtime-function-error-type"] == "Exception"
    frame = f'  File "/var/task/handler.py", line {line}, in raises\n    raise Exception("Some exception was raised.")\n'
    assert post.body == json.dumps({
        "errorMessage": "Some exception was raised.",
        "errorType": "Exception",
        "requestId": request_id,
        "stackTrace": [frame],
    }).encode()
    # One log entry: lines joined with CR, indentation in no-break spaces, as AWS's runtime writes it.
    assert function.kill_and_collect()[-1] == "\r".join([
        "[ERROR] Exception: Some exception was raised.",
        "Traceback (most recent call last):",
        f'{NBSP * 2}File "/var/task/handler.py", line {line}, in raises',
        f'{NBSP * 4}raise Exception("Some exception was raised.")',
    ])


def test_python_exception_without_arguments(start):
    function = start("python", "basic", "handler.raises_custom")
    request_id, post = function.invoke({})
    line = line_of("python", "basic/handler.py", "raise CustomError()")
    assert post.json() == {
        "errorMessage": "",
        "errorType": "CustomError",
        "requestId": request_id,
        "stackTrace": [f'  File "/var/task/handler.py", line {line}, in raises_custom\n    raise CustomError()\n'],
    }
    assert post.headers["lambda-runtime-function-error-type"] == "CustomError"


def test_python_traceback_through_several_modules(start):
    function = start("python", "basic", "handler.raises_deeper")
    _, post = function.invoke({})
    line = line_of("python", "basic/handler.py", "return helpers.divide(1, 0)")
    assert post.json()["stackTrace"] == [
        f'  File "/var/task/handler.py", line {line}, in raises_deeper\n    return helpers.divide(1, 0)\n',
        '  File "/var/task/helpers.py", line 2, in divide\n    return a / b\n',
    ]


def test_python_marshal_error(start):
    function = start("python", "basic", "handler.returns_set")
    request_id, post = function.invoke({})
    assert post.path == error_path(request_id)
    assert post.body == json.dumps({
        "errorMessage": "Unable to marshal response: Object of type set is not JSON serializable",
        "errorType": "Runtime.MarshalError",
        "requestId": request_id,
        "stackTrace": [],
    }).encode()
    assert post.headers["lambda-runtime-function-error-type"] == "Runtime.MarshalError"


# ---------------------------------------------------------------------------------------------------------
# Python: a handler that cannot be loaded answers every invocation with why (awslambdaric's fault handler)


@pytest.mark.parametrize(
    "fixture, handler, error_type, message, trace",
    [
        (None, "handler.handler", "Runtime.ImportModuleError",
         "Unable to import module 'handler': No module named 'handler'", []),
        ("missing-dependency", "handler.handler", "Runtime.ImportModuleError",
         "Unable to import module 'handler': No module named 'not_a_real_module_xyz'", []),
        ("syntax", "handler.handler", "Runtime.UserCodeSyntaxError",
         "Syntax error in module 'handler': invalid syntax (handler.py, line 3)",
         ['  File "/var/task/handler.py" Line 3\n    x = = 1\n']),
        ("basic", "handler.nope", "Runtime.HandlerNotFound", "Handler 'nope' missing on module 'handler'", []),
        ("basic", "x", "Runtime.MalformedHandlerName",
         "Bad handler 'x': not enough values to unpack (expected 2, got 1)", []),
    ],
)
def test_python_handler_faults(start, fixture, handler, error_type, message, trace):
    function = start("python", fixture, handler)
    expected = json.dumps({"errorMessage": message, "errorType": error_type, "requestId": "", "stackTrace": trace})
    for _ in range(2):  # every invocation, from the same process
        request_id, post = function.invoke({})
        assert post.path == error_path(request_id)
        assert post.body == expected.encode()
        assert post.headers["lambda-runtime-function-error-type"] == error_type
    logged = f"[ERROR] {error_type}: {message}\rTraceback (most recent call last):"
    lines = [line for line in function.kill_and_collect() if line != "Loading function"]
    assert lines[0].startswith(logged)  # at init, then once per invocation
    assert len(lines) == 3


def test_python_exception_while_importing_is_an_init_error(start):
    function = start("python", "import-raises", "handler.handler")
    post = function.api.next_post()
    assert post.path == f"{API}/init/error"
    assert post.headers["lambda-runtime-function-error-type"] == "ValueError"
    error = post.json()
    assert list(error) == ["errorMessage", "errorType", "requestId", "stackTrace"]
    assert (error["errorMessage"], error["errorType"], error["requestId"]) == ("bad configuration", "ValueError", "")
    # AWS keeps importlib's frames; the module's own frame is last.
    assert error["stackTrace"][-1] == '  File "/var/task/handler.py", line 2, in <module>\n    raise ValueError("bad configuration")\n'
    assert_clean_trace(error["stackTrace"], function.task_root)
    assert function.wait_exit() == 1
    assert function.lines[0] == "about to fail"
    assert function.lines[1].startswith("[ERROR] ValueError: bad configuration\rTraceback (most recent call last):\r")


# ---------------------------------------------------------------------------------------------------------
# Warm reuse: many invocations, one process, one connection; and what a round trip costs here


@pytest.mark.parametrize(
    "runtime, fixture, handler",
    [("node", "cjs", "index.counter"), ("python", "basic", "handler.count")],
)
def test_warm_invocations_share_one_connection(start, capsys, runtime, fixture, handler):
    function = start(runtime, fixture, handler)
    function.invoke({})  # init and the first connection out of the way
    rounds = []
    for expected in range(2, 402):
        began = time.perf_counter()
        request_id, post = function.invoke({"n": expected})
        rounds.append(time.perf_counter() - began)
        assert (post.path, post.body) == (response_path(request_id), str(expected).encode())

    assert len(set(function.api.connections)) == 1, "each request should reuse the first connection"
    rounds.sort()
    with capsys.disabled():
        print(
            f"\n{runtime}: {len(rounds)} warm invocations through the fake Runtime API (Python http.server): "
            f"median {statistics.median(rounds) * 1e3:.3f} ms, p99 {rounds[int(len(rounds) * 0.99)] * 1e3:.3f} ms"
        )


@pytest.mark.parametrize(
    "runtime, fixture, handler",
    [("node", "cjs", "index.counter"), ("python", "basic", "handler.count")],
)
def test_chunked_events_and_a_server_that_closes_the_connection(start, api, runtime, fixture, handler):
    api.chunked_events = True
    api.close_after_post = True
    function = start(runtime, fixture, handler)
    posted_on = set()
    for expected in (1, 2, 3):
        request_id, post = function.invoke({"padding": "x" * 100})
        assert (post.path, post.body) == (response_path(request_id), str(expected).encode())
        posted_on.add(post.connection)
    assert len(posted_on) == 3  # a new connection after each close
