#!/usr/bin/env python3
"""Benchmark 7: DynamoDB's item actions over HTTP on Cortado and on moto, same machine, same client.

For each server: one table (`PK` hash, `SK` range, PAY_PER_REQUEST), then for each operation a pool of
client processes, each on its own keep-alive connection, sending requests back to back for a fixed time:

  put     PutItem of a new item (a ~200-byte item; Cortado acknowledges it only once it is on disk)
  get     GetItem of a random existing item
  update  UpdateItem `SET n = n + :one` with ConditionExpression `attribute_exists(PK)`, ReturnValues UPDATED_NEW
  query   Query of one partition of 10 items (KeyConditionExpression `PK = :p AND begins_with(SK, :s)`)

Measured: operations/s over the clients' wall time, latency p50/p99 as the client sees it, and server CPU
per operation (utime+stime of the server process over the window). Prints Cortado/moto ratios.

  bench_tables.py [--servers cortado,moto] [--seconds 5] [--clients 8] [--results DIR]
"""

import argparse
import os
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor

import lib

OPS = ["put", "get", "update", "query"]
TABLE = "bench"
PARTITIONS = 200


def request(op, worker, i):
    if op == "put":
        return "PutItem", {"TableName": TABLE, "Item": {
            "PK": {"S": f"w{worker}"}, "SK": {"S": f"put-{i:09d}"}, "n": {"N": str(i)},
            "payload": {"S": "x" * 150}, "tags": {"SS": ["a", "b"]}}}
    p = random.randrange(PARTITIONS)
    if op == "get":
        return "GetItem", {"TableName": TABLE, "Key": {"PK": {"S": f"p{p}"}, "SK": {"S": f"item-{random.randrange(10)}"}}}
    if op == "update":
        return "UpdateItem", {"TableName": TABLE, "Key": {"PK": {"S": f"p{p}"}, "SK": {"S": f"item-{random.randrange(10)}"}},
                              "UpdateExpression": "SET n = n + :one", "ConditionExpression": "attribute_exists(PK)",
                              "ExpressionAttributeValues": {":one": {"N": "1"}}, "ReturnValues": "UPDATED_NEW"}
    return "Query", {"TableName": TABLE, "KeyConditionExpression": "PK = :p AND begins_with(SK, :s)",
                     "ExpressionAttributeValues": {":p": {"S": f"p{p}"}, ":s": {"S": "item-"}}}


def worker(port, op, seconds, index):
    client = lib.Client(port, prefix="DynamoDB_20120810", service="dynamodb")
    latencies = []
    deadline = time.perf_counter() + seconds
    i = 0
    while time.perf_counter() < deadline:
        action, body = request(op, index, i)
        t = time.perf_counter()
        status, out = client.raw(action, body)
        latencies.append(time.perf_counter() - t)
        if status != 200:
            raise RuntimeError(f"{action}: {status} {out}")
        if op == "query" and out.get("Count") != 10:
            raise RuntimeError(f"Query found {out.get('Count')} items, expected 10")
        i += 1
    client.close()
    return latencies


def seed(port):
    client = lib.Client(port, prefix="DynamoDB_20120810", service="dynamodb")
    client("CreateTable", {
        "TableName": TABLE, "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": "PK", "AttributeType": "S"}, {"AttributeName": "SK", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}]})
    for p in range(PARTITIONS):
        requests = [{"PutRequest": {"Item": {"PK": {"S": f"p{p}"}, "SK": {"S": f"item-{j}"}, "n": {"N": "0"}, "payload": {"S": "y" * 150}}}}
                    for j in range(10)]
        client("BatchWriteItem", {"RequestItems": {TABLE: requests}})
    client.close()


def measure(server, op, seconds, clients):
    cpu0 = server.cpu()
    start = time.perf_counter()
    with ProcessPoolExecutor(clients) as pool:
        results = list(pool.map(worker, [server.port] * clients, [op] * clients, [seconds] * clients, range(clients)))
    wall = time.perf_counter() - start
    cpu = server.cpu() - cpu0
    latencies = sorted(l for r in results for l in r)
    n = len(latencies)
    return {"ops": n, "per_second": n / wall, "p50_ms": lib.percentile(latencies, 50) * 1000,
            "p99_ms": lib.percentile(latencies, 99) * 1000, "server_cpu_ms_per_op": cpu / n * 1000}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--servers", default="cortado,moto")
    ap.add_argument("--seconds", type=float, default=5)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--results")
    args = ap.parse_args()
    table = {}
    for name in args.servers.split(","):
        server = lib.start_cortado() if name == "cortado" else lib.start_moto()
        try:
            seed(server.port)
            table[name] = {op: measure(server, op, args.seconds, args.clients) for op in OPS}
            table[name]["rss_mib"] = server.rss_mib()
        finally:
            server.stop()
    print(f"DynamoDB item actions over HTTP, {args.clients} clients x {args.seconds:g} s each; {lib.machine_info()}")
    print(f"{'op':8} " + " ".join(f"{s + ' ops/s':>14} {'p50 ms':>8} {'p99 ms':>8} {'cpu ms/op':>9}" for s in table))
    for op in OPS:
        cells = []
        for s in table:
            r = table[s][op]
            cells.append(f"{r['per_second']:14.0f} {r['p50_ms']:8.2f} {r['p99_ms']:8.2f} {r['server_cpu_ms_per_op']:9.3f}")
        print(f"{op:8} " + " ".join(cells))
    if "cortado" in table and "moto" in table:
        for op in OPS:
            ratio = table["cortado"][op]["per_second"] / table["moto"][op]["per_second"]
            print(f"{op}: Cortado/moto throughput {ratio:.1f}x")
    if args.results:
        lib.save(args.results, "tables", table)


if __name__ == "__main__":
    sys.exit(main())
