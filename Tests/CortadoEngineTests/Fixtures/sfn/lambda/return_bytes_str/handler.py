def handler(event, context):
    # Bytes are returned to the caller as they are: here the JSON string "HelloWorld!".
    return '"HelloWorld!"'.encode()
