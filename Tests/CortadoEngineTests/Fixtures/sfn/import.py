#!/usr/bin/env python3
"""Copies the pure-ASL cases of the Step Functions corpus into this fixture folder.

Usage: python3 import.py /path/to/corpus/sfn

Every case whose `needs` is exactly ["none"], or only what the server provides (SERVER_NEEDS), is
copied unchanged (JSONata cases included) to
cases/<category>/<name>.json, with the corpus's LICENSE-localstack.txt. The README.md beside this
script carries the attribution and is written by hand; re-running the script does not touch it.
"""

import json
import pathlib
import shutil
import sys


# Cases that need only what `cortado serve` itself provides: activities, nested executions and the
# aws-sdk:sfn integration, the event bus and functions (run by ServerConformanceTests through the API).
SERVER_NEEDS = {"activity", "sfn", "sync", "aws-sdk:sfn", "credentials", "events", "lambda", "dynamodb", "aws-sdk:dynamodb", "aws-sdk:s3", "s3", "callback"}


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: import.py <corpus/sfn folder>")
    source = pathlib.Path(sys.argv[1])
    here = pathlib.Path(__file__).resolve().parent
    target = here / "cases"
    if target.exists():
        shutil.rmtree(target)
    copied = 0
    for path in sorted((source / "cases").glob("*/*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        needs = case.get("needs") or []
        if needs != ["none"] and not set(needs) <= SERVER_NEEDS:
            continue
        destination = target / case["category"] / path.name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
        copied += 1
    shutil.copyfile(source / "LICENSE-localstack.txt", here / "LICENSE-localstack.txt")
    print(f"copied {copied} cases into {target}")


if __name__ == "__main__":
    main()
