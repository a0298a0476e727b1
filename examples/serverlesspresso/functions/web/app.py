"""Web (GET /web/{page}): the customer, barista and display pages, served from this function's own
directory. Only files that sit next to this one are served; anything else is 404.
"""

import base64
import os

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
}


def handler(event, context):
    page = (event.get("pathParameters") or {}).get("page") or "index.html"
    extension = os.path.splitext(page)[1].lower()
    path = os.path.join(HERE, page)
    if "/" in page or "\\" in page or page.startswith(".") or extension not in TYPES or not os.path.isfile(path):
        return {"statusCode": 404, "headers": {"Content-Type": "text/plain; charset=utf-8"}, "body": f"no page {page}\n"}
    with open(path, "rb") as f:
        data = f.read()
    headers = {"Content-Type": TYPES[extension], "Cache-Control": "no-cache"}
    if TYPES[extension].startswith(("text/", "application/json", "image/svg")):
        return {"statusCode": 200, "headers": headers, "body": data.decode("utf-8")}
    return {"statusCode": 200, "headers": headers, "body": base64.b64encode(data).decode(), "isBase64Encoded": True}
