"""Cortado's Lambda runtime for Python (3.9+); standard library only.

Cortado starts one of these per function instance. It imports the handler named by _HANDLER, then asks
the Runtime API at AWS_LAMBDA_RUNTIME_API for events, one at a time, over one keep-alive connection.
What a function sees (handler resolution, the context object, log lines, error documents) follows AWS's
Python runtime (awslambdaric), with the function's directory shown as /var/task. See ../README.md.
"""

import decimal
import http.client
import importlib
import json
import logging
import os
import socket
import sys
import time
import traceback
import urllib.parse

API = "/2018-06-01/runtime"
AWS_TASK_ROOT = "/var/task"
ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type"
_BOOTSTRAP_FILES = {__file__, os.path.abspath(__file__), os.path.realpath(__file__)}

# AWS writes one error as one log entry: its lines joined with CR, indentation in no-break spaces.
# Cortado turns a CR back into a line break inside a single log event.
_LINE_JOIN = "\r"
_INDENT = "\u00a0"


class Fault(Exception):
    """An error the runtime reports itself, with one of AWS's `Runtime.*` types."""

    def __init__(self, error_type, message, trace=None, at_init=False):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.trace = trace or []
        # Faults found while importing the handler carry no request id, as on AWS.
        self.at_init = at_init


def error_document(message, error_type, trace, request_id=""):
    return {
        "errorMessage": message or "",
        "errorType": error_type or "",
        "requestId": request_id or "",
        "stackTrace": trace or [],
    }


# ---------------------------------------------------------------------------------------------------------
# Paths: users read traces against the layout they deploy to, so the task root reads as /var/task.


class PathRewriter:
    def __init__(self, task_root):
        roots = {os.path.abspath(task_root), os.path.realpath(task_root)} - {"/", AWS_TASK_ROOT}
        # Longest first: on macOS /tmp/x is /private/tmp/x, and the short form is inside the long one.
        self._prefixes = sorted((root + os.sep for root in roots), key=len, reverse=True)

    def __call__(self, text):
        for prefix in self._prefixes:
            if prefix in text:
                text = text.replace(prefix, AWS_TASK_ROOT + "/")
        return text


rewrite = PathRewriter(os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd())


def user_frames(tb):
    """The traceback as awslambdaric reports it: (file, line, function, text), this file's frames gone."""
    frames = [(f.filename, f.lineno, f.name, f.line) for f in traceback.extract_tb(tb)]
    for index, frame in enumerate(frames):
        if frame[0] not in _BOOTSTRAP_FILES:
            frames = frames[index:]
            break
    else:
        frames = []
    # Plain tuples, as awslambdaric passes them, so Python 3.11+ adds no ^^^ marker lines.
    return [(rewrite(file), line, name, text) for file, line, name, text in frames]


def exception_document(exc_info, request_id=""):
    error_class, error, tb = exc_info
    return error_document(
        rewrite(str(error)),
        error_class.__name__,
        traceback.format_list(user_frames(tb)),
        request_id,
    )


# ---------------------------------------------------------------------------------------------------------
# Output.


def flush_output():
    """Cortado gives a log line to the invocation under way when it reads it, so flush before answering."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass


def log_error(document):
    """AWS's `[ERROR] <type>: <message>` line and the traceback, written as one entry."""
    description = "[ERROR]"
    if document["errorType"]:
        description += " " + document["errorType"]
    if document["errorMessage"]:
        if document["errorType"]:
            description += ":"
        description += " " + document["errorMessage"]
    lines = [description, "Traceback (most recent call last):"]
    for element in document["stackTrace"]:
        if element == "":
            lines.append("")
            continue
        for line in element.splitlines():
            stripped = line.lstrip(" ")
            lines.append(_INDENT * (len(line) - len(stripped)) + stripped)
    sys.stdout.write(_LINE_JOIN.join(lines) + "\n")


_request_id = None


class _RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _request_id or ""
        return True


class _LambdaLogHandler(logging.Handler):
    """Writes records to the current sys.stdout, one line each (inner newlines become CR, see above)."""

    def emit(self, record):
        try:
            text = self.format(record)
            sys.stdout.write(text.replace("\n", _LINE_JOIN) + "\n")
        except Exception:
            self.handleError(record)


def setup_logging():
    # As AWS does: UTC times for every formatter, a handler on the root logger, and the root level left at
    # Python's default (WARNING) unless AWS_LAMBDA_LOG_LEVEL names one.
    logging.Formatter.converter = time.gmtime
    handler = _LambdaLogHandler()
    handler.setFormatter(
        logging.Formatter(
            "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s",
            "%Y-%m-%dT%H:%M:%S",
        )
    )
    handler.addFilter(_RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    level = (os.environ.get("AWS_LAMBDA_LOG_LEVEL") or "").upper()
    if level in logging._nameToLevel:
        root.setLevel(level)


# ---------------------------------------------------------------------------------------------------------
# The Runtime API client.


class _Connection(http.client.HTTPConnection):
    def connect(self):
        super().connect()
        # Without Nagle a request leaves at once instead of waiting for the ACK of the previous segment.
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _send_output(self, message_body=None, encode_chunked=False):
        # Since Python 3.11 http.client sends head and body in two send() calls: two syscalls, two
        # segments, two wake-ups for the server. Join them (the head is in http.client's `_buffer`).
        if isinstance(message_body, bytes) and not encode_chunked and hasattr(self, "_buffer"):
            self._buffer.extend((b"", b""))
            message = b"\r\n".join(self._buffer) + message_body
            del self._buffer[:]
            self.send(message)
        else:
            super()._send_output(message_body, encode_chunked)


def _header_value(text):
    """Header values must be visible ASCII; an exception's class name is user text."""
    return "".join(c if " " <= c <= "~" else urllib.parse.quote(c) for c in text)


class RuntimeAPI:
    def __init__(self, address):
        host, _, port = address.rpartition(":")
        # No timeout: GET next is a long poll that lasts until there is an event.
        self._connection = _Connection(host.strip("[]"), int(port))

    def _request(self, method, target, body=None, headers=None):
        for attempt in (1, 2):
            try:
                self._connection.request(method, target, body=body, headers=headers or {})
                response = self._connection.getresponse()
                return response, response.read()
            except (ConnectionError, http.client.HTTPException, OSError):
                # The server may close an idle keep-alive connection; one fresh connection is worth a try.
                self._connection.close()
                if attempt == 2:
                    raise

    def next(self):
        response, body = self._request("GET", API + "/invocation/next")
        if response.status != 200:
            raise RuntimeError("Runtime API answered {} to GET next: {!r}".format(response.status, body))
        return response, body

    def post_response(self, request_id, body, content_type):
        target = "{}/invocation/{}/response".format(API, urllib.parse.quote(request_id, safe=""))
        self._request("POST", target, body, {"Content-Type": content_type})

    def post_error(self, request_id, document):
        self._post_error("{}/invocation/{}/error".format(API, urllib.parse.quote(request_id, safe="")), document)

    def post_init_error(self, document):
        self._post_error(API + "/init/error", document)

    def _post_error(self, target, document):
        headers = {"Content-Type": "application/json", ERROR_TYPE_HEADER: _header_value(document["errorType"])}
        self._request("POST", target, json.dumps(document).encode("utf-8"), headers)


# ---------------------------------------------------------------------------------------------------------
# The context object, shaped as awslambdaric's.


class CognitoIdentity:
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]

    def __repr__(self):
        return "CognitoIdentity([cognito_identity_id={},cognito_identity_pool_id={}])".format(
            self.cognito_identity_id, self.cognito_identity_pool_id
        )


class Client:
    __slots__ = ["installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name"]

    def __repr__(self):
        return "Client([{}])".format(",".join("{}={}".format(k, getattr(self, k)) for k in self.__slots__))


class ClientContext:
    __slots__ = ["custom", "env", "client"]

    def __repr__(self):
        return "ClientContext([custom={},env={},client={}])".format(self.custom, self.env, self.client)


def _object_from(cls, values):
    if values is None:
        return None
    obj = cls()
    for field in cls.__slots__:
        setattr(obj, field, values.get(field))
    return obj


def _parse_header_json(text, name):
    if not text:
        return None
    try:
        return json.loads(text)
    except Exception as e:
        raise Fault("Runtime.LambdaContextUnmarshalError", "Unable to parse {} JSON: {}".format(name, e))


_FUNCTION = {
    "function_name": os.environ.get("AWS_LAMBDA_FUNCTION_NAME"),
    "function_version": os.environ.get("AWS_LAMBDA_FUNCTION_VERSION"),
    # A string, as in awslambdaric: it is the environment variable as is.
    "memory_limit_in_mb": os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"),
    "log_group_name": os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME"),
    "log_stream_name": os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME"),
}


class LambdaContext:
    def __init__(self, request_id, deadline_ms, invoked_function_arn, client_context, cognito_identity):
        self.aws_request_id = request_id
        self.log_group_name = _FUNCTION["log_group_name"]
        self.log_stream_name = _FUNCTION["log_stream_name"]
        self.function_name = _FUNCTION["function_name"]
        self.memory_limit_in_mb = _FUNCTION["memory_limit_in_mb"]
        self.function_version = _FUNCTION["function_version"]
        self.invoked_function_arn = invoked_function_arn
        self.client_context = _object_from(ClientContext, client_context)
        if self.client_context is not None:
            self.client_context.client = _object_from(Client, self.client_context.client)
        # Always an object, its fields None without a Cognito identity (as awslambdaric).
        self.identity = _object_from(CognitoIdentity, {})
        if cognito_identity is not None:
            self.identity.cognito_identity_id = cognito_identity.get("cognitoIdentityId")
            self.identity.cognito_identity_pool_id = cognito_identity.get("cognitoIdentityPoolId")
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        remaining = self._deadline_ms - int(time.time() * 1000)
        return remaining if remaining > 0 else 0

    def log(self, message):
        sys.stdout.write(str(message))

    def __repr__(self):
        return (
            "LambdaContext([aws_request_id={},log_group_name={},log_stream_name={},function_name={},"
            "memory_limit_in_mb={},function_version={},invoked_function_arn={},client_context={},"
            "identity={}])".format(
                self.aws_request_id,
                self.log_group_name,
                self.log_stream_name,
                self.function_name,
                self.memory_limit_in_mb,
                self.function_version,
                self.invoked_function_arn,
                self.client_context,
                self.identity,
            )
        )


# ---------------------------------------------------------------------------------------------------------
# Handler loading and results.


def _fault_handler(fault):
    def handler(event, context):
        raise fault

    return handler


def load_handler(name):
    """The handler function; for a handler that cannot be found, one that reports why on every invocation.

    awslambdaric answers every invocation with these faults rather than failing init; any other exception
    raised while importing the module propagates and becomes an init error.
    """
    try:
        module_name, function_name = name.rsplit(".", 1)
    except ValueError as e:
        return Fault("Runtime.MalformedHandlerName", "Bad handler '{}': {}".format(name, e), at_init=True)
    try:
        if module_name.split(".")[0] in sys.builtin_module_names:
            raise ImportError("Cannot use built-in module {} as a handler module".format(module_name))
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as e:
        message = "Unable to import module '{}': {}".format(module_name, rewrite(str(e)))
        return Fault("Runtime.ImportModuleError", message, at_init=True)
    except SyntaxError as e:
        filename = rewrite(e.filename) if e.filename else e.filename
        trace = ['  File "%s" Line %s\n    %s' % (filename, e.lineno, e.text)]
        message = "Syntax error in module '{}': {}".format(module_name, e)
        return Fault("Runtime.UserCodeSyntaxError", message, trace, at_init=True)
    try:
        return getattr(module, function_name)
    except AttributeError:
        message = "Handler '{}' missing on module '{}'".format(function_name, module_name)
        return Fault("Runtime.HandlerNotFound", message, at_init=True)


def _json_default(value):
    # Decimal is what boto3's DynamoDB types hand out; whole numbers stay integers.
    if isinstance(value, decimal.Decimal):
        if value.is_finite() and value == value.to_integral_value():
            return int(value)
        return float(value)
    raise TypeError("Object of type {} is not JSON serializable".format(value.__class__.__name__))


def marshal(result):
    if isinstance(result, (bytes, bytearray)):
        return bytes(result), "application/unknown"
    try:
        return json.dumps(result, default=_json_default).encode("utf-8"), "application/json"
    except Exception as e:
        raise Fault("Runtime.MarshalError", "Unable to marshal response: {}".format(e))


# ---------------------------------------------------------------------------------------------------------


def invoke(api, handler, response, body):
    global _request_id
    request_id = response.getheader("Lambda-Runtime-Aws-Request-Id") or ""
    _request_id = request_id
    trace_id = response.getheader("Lambda-Runtime-Trace-Id")
    if trace_id:
        os.environ["_X_AMZN_TRACE_ID"] = trace_id
    else:
        os.environ.pop("_X_AMZN_TRACE_ID", None)

    document = None
    try:
        context = LambdaContext(
            request_id,
            int(response.getheader("Lambda-Runtime-Deadline-Ms") or 0),
            response.getheader("Lambda-Runtime-Invoked-Function-Arn"),
            _parse_header_json(response.getheader("Lambda-Runtime-Client-Context"), "Client Context"),
            _parse_header_json(response.getheader("Lambda-Runtime-Cognito-Identity"), "Cognito Identity"),
        )
        try:
            event = json.loads(body)
        except Exception as e:
            raise Fault("Runtime.UnmarshalError", "Unable to unmarshal input: {}".format(e))
        result, content_type = marshal(handler(event, context))
    except Fault as fault:
        document = error_document(fault.message, fault.error_type, fault.trace, "" if fault.at_init else request_id)
    except Exception:
        document = exception_document(sys.exc_info(), request_id)

    if document is not None:
        log_error(document)
        flush_output()
        api.post_error(request_id, document)
    else:
        flush_output()
        api.post_response(request_id, result, content_type)


def main():
    for stream in (sys.stdout, sys.stderr):
        try:
            # Lines leave as they are written, as with `python -u`; a flush before each answer does the rest.
            stream.reconfigure(line_buffering=True)
        except AttributeError:
            pass
    task_root = os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()
    # The function's code first on the path, and not this file's directory (a handler module named
    # `bootstrap` must be the user's).
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [task_root] + [p for p in sys.path if os.path.abspath(p or ".") != here]

    address = os.environ.get("AWS_LAMBDA_RUNTIME_API")
    if not address:
        sys.stderr.write("bootstrap: AWS_LAMBDA_RUNTIME_API is not set\n")
        sys.exit(2)
    api = RuntimeAPI(address)
    setup_logging()

    try:
        handler = load_handler(os.environ.get("_HANDLER", ""))
    except Exception:
        document = exception_document(sys.exc_info())
        log_error(document)
        flush_output()
        api.post_init_error(document)
        sys.exit(1)
    if isinstance(handler, Fault):
        log_error(error_document(handler.message, handler.error_type, handler.trace))
        handler = _fault_handler(handler)

    while True:
        response, body = api.next()
        invoke(api, handler, response, body)


if __name__ == "__main__":
    main()
