-- wrk script: POST StartExecution with a unique name per request.
--   SM_ARN  the state machine's ARN (required)
--   RUN_ID  a prefix that makes names unique across runs (default "run")
--   INPUT   the execution input, a JSON document (default "{}")
-- Names are RUN_ID-<thread>-<counter>; done() prints one line "RESULT {json}" with the request count,
-- per-thread counters (so a checker can name sampled executions), status counts and latency percentiles.

local sm_arn = os.getenv("SM_ARN") or error("SM_ARN is not set")
local run_id = os.getenv("RUN_ID") or "run"
local input = os.getenv("INPUT") or "{}"

local function json_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == '\\' then return '\\\\' end
    return string.format("\\u%04x", c:byte())
  end) .. '"'
end

local body_prefix = '{"stateMachineArn":' .. json_string(sm_arn) .. ',"input":' .. json_string(input) .. ',"name":"'
local headers = {
  ["Content-Type"] = "application/x-amz-json-1.0",
  ["X-Amz-Target"] = "AWSStepFunctions.StartExecution",
}

local threads = {}
local next_id = 1

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

-- Per-thread state (each wrk thread has its own Lua state); globals, so done() can read them with thread:get.
counter = 0
statuses = {}

function init(args)
  tid = tid or 0
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/", headers, body_prefix .. run_id .. "-" .. tid .. "-" .. counter .. '"}')
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local per_thread = {}
  local status_totals = {}
  for _, t in ipairs(threads) do
    table.insert(per_thread, '"' .. t:get("tid") .. '":' .. t:get("counter"))
    local st = t:get("statuses")
    for k, v in pairs(st) do status_totals[k] = (status_totals[k] or 0) + v end
  end
  local st = {}
  for k, v in pairs(status_totals) do table.insert(st, '"' .. k .. '":' .. v) end
  local pct = {}
  for _, p in ipairs({ 50, 90, 99, 99.9 }) do
    table.insert(pct, '"' .. p .. '":' .. latency:percentile(p))
  end
  io.write(string.format(
    'RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"mean":%.1f,"max":%d,"percentiles":{%s}},"counters":{%s},"statuses":{%s}}\n',
    summary.requests, summary.duration, summary.bytes,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency.mean, latency.max, table.concat(pct, ","), table.concat(per_thread, ","), table.concat(st, ",")))
end
