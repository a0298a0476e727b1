def handler(event, context):
    # 257 KiB: over Step Functions' 256 KiB payload limit, under Lambda's 6 MB.
    return "a" * (257 * 1024)
