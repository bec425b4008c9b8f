-- wrk script for Scripts/bench-billing.py: one connection per thread, one agent per thread,
-- alternately starting billed help on the agent's ticket and stopping it.
-- BENCH_AGENTS names a file of "token TID" lines, one per thread.
local threads = {}
local next_index = 0

function setup(thread)
  next_index = next_index + 1
  thread:set("index", next_index)
  table.insert(threads, thread)
end

function init(args)
  local line_number = 0
  for line in io.lines(os.getenv("BENCH_AGENTS")) do
    line_number = line_number + 1
    if line_number == index then
      token, tid = line:match("^(%S+) (%S+)$")
    end
  end
  local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  -- Requests are built once: wrk.format on every request was a third of the client's CPU, taken
  -- from the server on the same two cores. A stop differs from its template only by its id.
  start_request = wrk.format("POST", "/v1/tickets/" .. tid .. "/metered", headers, '{"kind":"update","channel":"remote"}')
  local stop_template = wrk.format("POST", "/v1/metered/ID/stop", headers, "")
  local at = stop_template:find("ID", 1, true)
  stop_before, stop_after = stop_template:sub(1, at - 1), stop_template:sub(at + 2)
  running = nil
  pairs_done = 0
  failures = 0
  started_at = os.time()
end

function request()
  if running then
    return stop_before .. running .. stop_after
  end
  return start_request
end

function response(status, _, body)
  if running then
    if status == 200 then pairs_done = pairs_done + 1 else failures = failures + 1 end
    running = nil
  elseif status == 201 then
    running = body:match('"id":(%d+)')
  else
    -- A session left running by an earlier run: stop that one next.
    running = body:match("metered session (%d+) running")
    failures = failures + 1
  end
end

function done(summary, latency, _)
  local total, failed = 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("pairs_done")
    failed = failed + thread:get("failures")
  end
  -- Latency per request (a start or a stop), as wrk measured it.
  io.write(string.format("pairs=%d failures=%d seconds=%.3f p50_ms=%.2f p99_ms=%.2f\n", total, failed, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
