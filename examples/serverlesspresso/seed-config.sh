#!/usr/bin/env bash
# Writes the items CloudFormation cannot: the menu and the shop's config (config table) and the order
# number counter (counting table), the workshop's setup/initDB data. Run once after the first deploy;
# running it again resets the menu, reopens the shop and restarts order numbers at 1.
#   ENDPOINT=http://127.0.0.1:8083 ./seed-config.sh        (Cortado)
#   ENDPOINT= ./seed-config.sh                             (AWS, with your credentials)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
endpoint=(); [ -n "${ENDPOINT-http://127.0.0.1:8083}" ] && endpoint=(--endpoint-url "${ENDPOINT-http://127.0.0.1:8083}")
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}" AWS_PAGER=""
aws "${endpoint[@]}" dynamodb batch-write-item --request-items "file://$here/seed-items.json" --output json
