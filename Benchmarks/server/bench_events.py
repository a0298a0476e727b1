#!/usr/bin/env python3
"""Event bus benchmark: PutEvents over HTTP to delivered-to-target throughput.

A rule on a custom bus matches every event sent; its target is a state machine (one STANDARD Pass state:
each delivery is a durable StartExecution) or a log group (each delivery is an append in its own stream).
Client threads send PutEvents with 10 entries each for `--seconds`; the script then waits until every
accepted event has reached the target and reports requests/s and events/s accepted, PutEvents latency,
events/s delivered (first request to last delivery) and server CPU per event.

  bench_events.py [--target state-machine|log-group] [--seconds 10] [--threads 8] [--results DIR]
"""

import argparse
import json
import os
import sys
import threading
import time

import lib



def count_delivered(c_sfn, c_logs, target, arn):
    if target == "state-machine":
        return lib.list_count(c_sfn, arn)
    total, token = 0, None
    while True:
        body = {"logGroupName": arn, "limit": 10000}
        if token:
            body["nextToken"] = token
        page = c_logs("FilterLogEvents", body)
        total += len(page.get("events", []))
        token = page.get("nextToken")
        if not token:
            return total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--target", default="state-machine", choices=["state-machine", "log-group"])
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--results")
    args = ap.parse_args()

    server = lib.start_cortado()
    try:
        sfn = lib.Client(server.port)
        events = lib.Client(server.port, prefix="AWSEvents", service="events")
        logs = lib.Client(server.port, prefix="Logs_20140328", service="logs")
        events("CreateEventBus", {"Name": "bench"})
        events("PutRule", {"Name": "all", "EventBusName": "bench",
                           "EventPattern": json.dumps({"source": ["bench"], "detail": {"kind": ["order"]}})})
        if args.target == "state-machine":
            target_arn = lib.create_machine(sfn, "bench-sink", {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})
            count_key = target_arn
        else:
            logs("CreateLogGroup", {"logGroupName": "/bench/events"})
            target_arn = "arn:aws:logs:us-east-1:000000000000:log-group:/bench/events"
            count_key = "/bench/events"
        events("PutTargets", {"Rule": "all", "EventBusName": "bench", "Targets": [{"Id": "t", "Arn": target_arn}]})

        accepted = [0] * args.threads
        latencies = [[] for _ in range(args.threads)]
        stop = time.monotonic() + args.seconds

        def client(i):
            c = lib.Client(server.port, prefix="AWSEvents", service="events")
            n = 0
            while time.monotonic() < stop:
                entries = [{"EventBusName": "bench", "Source": "bench", "DetailType": "order",
                            "Detail": json.dumps({"kind": "order", "client": i, "n": n + k})} for k in range(10)]
                t0 = time.perf_counter()
                answer = c("PutEvents", {"Entries": entries})
                latencies[i].append(time.perf_counter() - t0)
                if answer["FailedEntryCount"]:
                    raise SystemExit(f"failed entries: {answer}")
                accepted[i] += 10
                n += 10
            c.close()

        cpu0 = server.cpu()
        t0 = time.monotonic()
        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.threads)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        send_seconds = time.monotonic() - t0
        total = sum(accepted)
        deadline = time.monotonic() + 300
        delivered = 0
        while time.monotonic() < deadline:
            delivered = count_delivered(sfn, logs, args.target, count_key)
            if delivered >= total:
                break
            time.sleep(0.2)
        all_seconds = time.monotonic() - t0
        cpu = server.cpu() - cpu0
        lat = [x for l in latencies for x in l]
        result = {
            "benchmark": "events", "target": args.target, "threads": args.threads,
            "put_events_requests_per_s": round(len(lat) / send_seconds, 1),
            "events_accepted_per_s": round(total / send_seconds, 1),
            "put_events_p50_ms": round(lib.percentile(sorted(lat), 50) * 1000, 2),
            "put_events_p99_ms": round(lib.percentile(sorted(lat), 99) * 1000, 2),
            "events_accepted": total, "events_delivered": delivered,
            "events_delivered_per_s": round(delivered / all_seconds, 1),
            "server_cpu_us_per_event": round(cpu / max(delivered, 1) * 1e6, 1),
            "machine": lib.machine_info(),
        }
        print(json.dumps(result, indent=2))
        if args.results:
            with open(os.path.join(args.results, f"events-{args.target}.json"), "w") as f:
                json.dump(result, f, indent=2)
        if delivered < total:
            print(f"only {delivered} of {total} events delivered", file=sys.stderr)
            sys.exit(1)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
