def handler(event, context):
    return {"Return": "HelloWorld"}
