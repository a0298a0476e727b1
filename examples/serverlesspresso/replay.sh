#!/usr/bin/env bash
# Replays the Serverlesspresso tutorials ("Workflow Started", "Waiting for the order", "Order Manager
# workflow") against a Cortado server with the AWS CLI, as the tutorials do in the console and CloudShell:
#   1. deploy the stack and seed the config table
#   2. send Validator.NewOrder, see the OrderProcessor wait with its task token stored in the order table
#   3. submit the drink through the OrderManager, claim and complete it as the barista: the order succeeds
#   4. the tutorial's manual run: start the OrderProcessor, resume each wait with send-task-success
#   5. a milkshake is not on the menu: the order is untouched and still waits
#   6. nobody answers: the heartbeat (900 s) times out, fired at once by Cortado's FastForwardExecution
#   7. the HTTP routes answer
# Each step is printed; the first unexpected answer stops the script with a non-zero exit.
#
#   ENDPOINT   the server (default http://127.0.0.1:8083)
#   CORTADO    the cortado binary for the deploy (default: cortado on PATH)
#   SKIP_DEPLOY=1  use the stack already deployed
# Needs: aws (v1 or v2), jq, curl.
set -euo pipefail

ENDPOINT="${ENDPOINT:-http://127.0.0.1:8083}"
CORTADO="${CORTADO:-cortado}"
STACK="${STACK:-serverlesspresso}"
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

# Cortado checks no signatures, but the CLI will not sign without credentials.
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-cortado}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-cortado}"
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}" AWS_DEFAULT_OUTPUT=json AWS_PAGER=""
export ENDPOINT

SOURCE=awsserverlessda.serverlesspresso
BUS=Serverlesspresso
ORDER_TABLE=serverlesspresso-order-table
LOG_GROUP=/aws/events/serverlesspressoEventBus
RUN="$(date +%s)"   # order ids unique per run, so the replay can run again on the same server

step() { printf '\n=== %s\n' "$*"; }
say() { printf '    %s\n' "$*"; }
fail() { printf '\nFAILED: %s\n' "$*" >&2; exit 1; }
# Runs the AWS CLI against the server; `show aws ...` also prints the command as the tutorial writes it.
aws() { command aws --endpoint-url "$ENDPOINT" "$@"; }
show() { printf '  $ %s\n' "$*" >&2; "$@"; }
expect() { [ "$1" = "$2" ] || fail "$3: expected '$2', got '$1'"; }

# Polls `$@` (a command printing a value) until it prints something non-empty other than "null".
until_value() {
  local what="$1"; shift
  local value=""
  for _ in $(seq 1 150); do
    value="$("$@" 2>/dev/null || true)"
    if [ -n "$value" ] && [ "$value" != "null" ]; then printf '%s' "$value"; return 0; fi
    sleep 0.2
  done
  fail "timed out waiting for $what"
}

status_of() { aws stepfunctions describe-execution --execution-arn "$1" | jq -r .status; }
closed_status() { local s; s="$(status_of "$1")"; [ "$s" != RUNNING ] && printf '%s' "$s"; }
wait_closed() { until_value "$1 to finish" closed_status "$1"; }
exec_history() { aws stepfunctions get-execution-history --execution-arn "$1"; }
states_entered() { exec_history "$1" | jq -r '[.events[] | select(.type | endswith("StateEntered")) | .stateEnteredEventDetails.name] | join(" > ")'; }
last_state() { exec_history "$1" | jq -r '[.events[] | select(.type | endswith("StateEntered"))][-1].stateEnteredEventDetails.name'; }
order_key() { printf '{"PK":{"S":"orders"},"SK":{"S":"%s"}}' "$1"; }
order_item() { aws dynamodb get-item --table-name "$ORDER_TABLE" --key "$(order_key "$1")"; }
order_attr() { order_item "$1" | jq -r --arg a "$2" '.Item[$a] | if . == null then empty else (.S // .N // (.BOOL | tostring)) end'; }
# The RUNNING OrderProcessor execution whose input is the event of order $1.
execution_of() {
  local arn
  for arn in $(aws stepfunctions list-executions --state-machine-arn "$ORDER_PROCESSOR" --status-filter RUNNING | jq -r '.executions[].executionArn'); do
    if [ "$(aws stepfunctions describe-execution --execution-arn "$arn" | jq -r '.input | fromjson | .detail.orderId')" = "$1" ]; then
      printf '%s' "$arn"; return 0
    fi
  done
}
# The TaskToken in the parameters of the n-th callback state's TaskScheduled event, as the console shows it.
scheduled_token() { exec_history "$1" | jq -r --argjson n "$2" '[.events[] | select(.type == "TaskScheduled" and (.taskScheduledEventDetails.resource | endswith("waitForTaskToken")))][$n - 1].taskScheduledEventDetails.parameters | fromjson | .Entries[0].Detail.TaskToken'; }
new_order() {
  local sent
  sent="$(show aws events put-events --entries "[{\"Source\":\"$SOURCE\",\"DetailType\":\"Validator.NewOrder\",\"Detail\":\"{\\\"userId\\\":\\\"$2\\\",\\\"orderId\\\":\\\"$1\\\"}\",\"EventBusName\":\"$BUS\"}]")"
  expect "$(jq -r .FailedEntryCount <<<"$sent")" 0 "put-events FailedEntryCount"
  say "event $(jq -r '.Entries[0].EventId' <<<"$sent")"
}
manager() {
  local arn
  arn="$(show aws stepfunctions start-execution --state-machine-arn "$ORDER_MANAGER" --input "$1" | jq -r .executionArn)"
  expect "$(wait_closed "$arn")" SUCCEEDED "OrderManager execution $arn"
  say "OrderManager: $(states_entered "$arn")"
  LAST_MANAGER="$arn"
}

step "1. Deploy the stack and seed the config table"
if [ "${SKIP_DEPLOY:-}" != 1 ]; then
  show "$CORTADO" deploy template.yaml --stack-name "$STACK" --endpoint "$ENDPOINT" || fail "cortado deploy exited $?"
fi
stack="$(show aws cloudformation describe-stacks --stack-name "$STACK")"
status="$(jq -r '.Stacks[0].StackStatus' <<<"$stack")"
case "$status" in CREATE_COMPLETE|UPDATE_COMPLETE) ;; *) fail "stack $STACK is $status";; esac
output() { jq -r --arg k "$1" '.Stacks[0].Outputs[] | select(.OutputKey == $k) | .OutputValue' <<<"$stack"; }
ORDER_PROCESSOR="$(output OrderProcessorArn)"; ORDER_MANAGER="$(output OrderManagerArn)"; API_ID="$(output ApiId)"
[ -n "$ORDER_PROCESSOR" ] && [ -n "$ORDER_MANAGER" ] && [ -n "$API_ID" ] || fail "the stack's outputs lack OrderProcessorArn, OrderManagerArn or ApiId"
say "stack $status; OrderProcessor $ORDER_PROCESSOR; OrderManager $ORDER_MANAGER; API $API_ID"
show ./seed-config.sh >/dev/null
expect "$(aws dynamodb get-item --table-name serverlesspresso-config-table --key '{"PK":{"S":"config"}}' | jq -r .Item.storeOpen.BOOL)" true "config storeOpen"
rules="$(show aws events list-rules --event-bus-name "$BUS" | jq -r '[.Rules[].Name] | sort | join(",")')"
for rule in NewOrder WorkflowStarted WaitingCompletion logAll; do
  [[ ",$rules," == *",$rule,"* ]] || fail "no rule $rule on $BUS (rules: $rules)"
done
say "rules on $BUS: $rules"

step "2. Workflow Started: send Validator.NewOrder; the workflow waits with its task token in the order table"
ORDER="$RUN-1"
new_order "$ORDER" 1
EXECUTION="$(until_value "the NewOrder rule to start the OrderProcessor for order $ORDER" execution_of "$ORDER")"
say "OrderProcessor execution $EXECUTION"
token1="$(until_value "the WorkflowStarted function to store the token" order_attr "$ORDER" TaskToken)"
show aws dynamodb get-item --table-name "$ORDER_TABLE" --key "$(order_key "$ORDER")" | jq -c '.Item | .TaskToken.S |= .[0:24] + "..."'
expect "$(order_attr "$ORDER" ORDERSTATE)" CREATED "ORDERSTATE after WorkflowStarted"
expect "$(order_attr "$ORDER" USERID)" 1 "USERID after WorkflowStarted"
show aws stepfunctions get-execution-history --execution-arn "$EXECUTION" >/dev/null
expect "$(status_of "$EXECUTION")" RUNNING "OrderProcessor status while waiting"
expect "$(last_state "$EXECUTION")" "Emit - Workflow Started TT" "the state the OrderProcessor waits in"
expect "$(scheduled_token "$EXECUTION" 1)" "$token1" "the token in the order table vs. the TaskScheduled event"
say "waiting in 'Emit - Workflow Started TT'; the stored token is the one in TaskScheduled"

step "3. Order Manager: the customer's Cappuccino resumes the workflow; the barista claims and completes it"
manager "{\"action\":\"\",\"body\":{\"userId\":\"1\",\"drink\":\"Cappuccino\",\"modifiers\":[],\"icon\":\"barista-icons_cappuccino-alternative\"},\"orderId\":\"$ORDER\",\"baristaUserId\":\"3\"}"
expect "$(order_item "$ORDER" | jq -r '.Item.drinkOrder.S | fromjson | .drink')" Cappuccino "drinkOrder after the customer put"
number="$(until_value "the WaitingCompletion function to store the order number" order_attr "$ORDER" orderNumber)"
token2="$(order_attr "$ORDER" TaskToken)"
[ "$token2" != "$token1" ] || fail "the order table still holds the first token"
expect "$(last_state "$EXECUTION")" "Emit - Awaiting Completion TT" "the state the OrderProcessor waits in"
expect "$(scheduled_token "$EXECUTION" 2)" "$token2" "the barista's token in the order table vs. TaskScheduled"
say "order number $number; waiting in 'Emit - Awaiting Completion TT' for the barista"
manager "{\"action\":\"make\",\"body\":{},\"orderId\":\"$ORDER\",\"baristaUserId\":\"3\"}"
expect "$(order_attr "$ORDER" baristaUserId)" 3 "baristaUserId after make"
expect "$(status_of "$EXECUTION")" RUNNING "OrderProcessor after make (it waits for complete)"
manager "{\"action\":\"complete\",\"body\":{\"userId\":\"1\",\"drink\":\"Cappuccino\",\"modifiers\":[],\"icon\":\"barista-icons_cappuccino-alternative\"},\"orderId\":\"$ORDER\",\"baristaUserId\":\"3\"}"
expect "$(order_attr "$ORDER" ORDERSTATE)" Completed "ORDERSTATE after complete"
expect "$(wait_closed "$EXECUTION")" SUCCEEDED "OrderProcessor after complete"
path="$(states_entered "$EXECUTION")"
expect "$path" "DynamoDB Get Shop status > Shop Open? > ListExecutions > Is capacity available? > Emit - Workflow Started TT > Generate Order Number > Emit - Awaiting Completion TT > Pass > Emit - order finished" "OrderProcessor path"
say "OrderProcessor SUCCEEDED: $path"
finished() { aws logs filter-log-events --log-group-name "$LOG_GROUP" | jq -r --arg o "$ORDER" '[.events[].message | fromjson | select(.["detail-type"] == "OrderProcessor.orderFinished" and .detail.orderId == $o)] | length | select(. > 0)'; }
until_value "OrderProcessor.orderFinished in $LOG_GROUP" finished >/dev/null
say "$LOG_GROUP holds the OrderProcessor.orderFinished event of order $ORDER"

step "4. Waiting for the order (manual run): start the OrderProcessor, resume each wait with send-task-success"
ORDER2="$RUN-2"
EXECUTION2="$(show aws stepfunctions start-execution --state-machine-arn "$ORDER_PROCESSOR" --input "{\"detail\":{\"orderId\":\"$ORDER2\",\"userId\":\"testuser\"}}" | jq -r .executionArn)"
token="$(until_value "TaskScheduled of 'Emit - Workflow Started TT'" scheduled_token "$EXECUTION2" 1)"
show aws stepfunctions send-task-success --task-output '{"orderId":1}' --task-token "$token"
token="$(until_value "TaskScheduled of 'Emit - Awaiting Completion TT'" scheduled_token "$EXECUTION2" 2)"
show aws stepfunctions send-task-success --task-output '{"orderId":1}' --task-token "$token"
expect "$(wait_closed "$EXECUTION2")" SUCCEEDED "the manually resumed OrderProcessor"
expect "$(exec_history "$EXECUTION2" | jq -r '[.events[] | select(.type == "TaskSucceeded")] | length')" 6 "TaskSucceeded events (shop status, ListExecutions, two callbacks, order number, order finished)"
say "SUCCEEDED: $(states_entered "$EXECUTION2")"

step "5. Order Manager: a milkshake is not on the menu"
ORDER3="$RUN-3"
new_order "$ORDER3" 1
EXECUTION3="$(until_value "the OrderProcessor for order $ORDER3" execution_of "$ORDER3")"
until_value "the token of order $ORDER3" order_attr "$ORDER3" TaskToken >/dev/null
manager "{\"action\":\"\",\"body\":{\"userId\":\"1\",\"drink\":\"milkshake\",\"modifiers\":[],\"icon\":\"barista-icons_cappuccino-alternative\"},\"orderId\":\"$ORDER3\",\"baristaUserId\":\"3\"}"
expect "$(last_state "$LAST_MANAGER")" "not a valid order" "the OrderManager's last state for a milkshake"
expect "$(order_item "$ORDER3" | jq -r '.Item | has("drinkOrder")')" false "drinkOrder after a milkshake"
expect "$(status_of "$EXECUTION3")" RUNNING "the OrderProcessor after a milkshake"
expect "$(last_state "$EXECUTION3")" "Emit - Workflow Started TT" "the state the OrderProcessor still waits in"
say "not entered into the order table; the order still waits for a valid drink"

step "6. Nobody orders: the customer's wait times out (HeartbeatSeconds 900, fired now by FastForwardExecution)"
printf >&2 '  $ curl -X POST %s/ -H "X-Amz-Target: AWSStepFunctions.FastForwardExecution" -d {"executionArn": ...}\n' "$ENDPOINT"
fired="$(curl -sf -X POST "$ENDPOINT/" -H 'Content-Type: application/x-amz-json-1.0' \
  -H 'X-Amz-Target: AWSStepFunctions.FastForwardExecution' -d "{\"executionArn\":\"$EXECUTION3\"}")" || fail "FastForwardExecution failed"
expect "$(jq -r .timerFired <<<"$fired")" true "FastForwardExecution timerFired"
expect "$(wait_closed "$EXECUTION3")" SUCCEEDED "the timed-out OrderProcessor"
expect "$(exec_history "$EXECUTION3" | jq -r '[.events[] | select(.type == "TaskTimedOut")][0].taskTimedOutEventDetails.error')" States.Timeout "the TaskTimedOut error"
path="$(states_entered "$EXECUTION3")"
[[ "$path" == *"Emit - Workflow Started TT > Customer timedout > Emit - error timeout" ]] || fail "timeout path: $path"
expect "$(order_attr "$ORDER3" ORDERSTATE)" CREATED "ORDERSTATE after a time-out (no OrderTimeOut consumer)"
say "SUCCEEDED: $path"

step "7. The HTTP routes"
BASE="$ENDPOINT/restapis/$API_ID/Prod/_user_request_"
say "GET $BASE/config"
expect "$(curl -sf "$BASE/config" | jq -r '[.menu[].drink] | index("Cappuccino") != null')" true "Cappuccino on GET /config's menu"
say "GET $BASE/orders/$ORDER"
expect "$(curl -sf "$BASE/orders/$ORDER" | jq -r '"\(.state) \(.drinkOrder.drink) \(.orderNumber)"')" "Completed Cappuccino $number" "GET /orders/$ORDER"
say "GET $BASE/orders?state=Completed"
expect "$(curl -sf "$BASE/orders?state=Completed" | jq -r --arg o "$ORDER" '[.orders[].orderId] | index($o) != null')" true "order $ORDER among the completed"

printf '\nAll steps passed.\n'
