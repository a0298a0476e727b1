class CustomException(Exception):
    """An exception class of the function's own, raised without a message."""


def handler(event, context):
    # The recorded stack trace puts the raise on line 9 of handler.py; this file keeps it
    # there so the trace matches AWS's recording.
    _ = event
    raise CustomException()
