def handler(event, context):
    return "input-event-" + str(event)
