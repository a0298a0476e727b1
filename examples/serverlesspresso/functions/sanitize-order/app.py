"""SanitizeOrder: the OrderManager's "Sanitize order" task. Its input is the OrderManager's state: the
customer's order in `body` and the config table's menu item (GetItem's answer, DynamoDB JSON) in `menu`.
Answers true when the drink is on the menu and available and every modifier is one of the drink's
options; false otherwise ("milkshake"), which the "Is Order Valid?" choice turns into "not a valid order".
"""

from boto3.dynamodb.types import TypeDeserializer

plain = TypeDeserializer()


def handler(event, context):
    order = event.get("body") or {}
    item = (event.get("menu") or {}).get("Item") or {}
    drinks = plain.deserialize(item["value"]) if "value" in item else []
    matching = [d for d in drinks if d.get("drink") == order.get("drink") and d.get("available", True)]
    if not matching:
        print(f"sanitizeOrder: {order.get('drink')!r} is not on the menu")
        return False
    allowed = matching[0].get("modifiers") or []
    for modifier in order.get("modifiers") or []:
        if not any(modifier in (group.get("Options") or []) for group in allowed):
            print(f"sanitizeOrder: modifier {modifier!r} is not offered with {order['drink']}")
            return False
    print(f"sanitizeOrder: {order['drink']} is valid")
    return True
