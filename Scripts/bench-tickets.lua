-- wrk script for Scripts/bench-billing.py (measure d2): one connection per thread, one customer
-- user per thread, each filing new tickets with POST /v1/tickets as fast as they are accepted.
-- Accepting one fixes its SLA level and reaction deadline and queues the confirmation letter
-- in the outbox, in the same durable transaction.
-- BENCH_CUSTOMERS names a file of "token" lines, one per thread.
local threads = {}
local next_index = 0

function setup(thread)
  next_index = next_index + 1
  thread:set("index", next_index)
  table.insert(threads, thread)
end

function init(args)
  local line_number = 0
  for line in io.lines(os.getenv("BENCH_CUSTOMERS")) do
    line_number = line_number + 1
    if line_number == index then
      token = line:match("^(%S+)")
    end
  end
  local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  -- A customer's ticket as the portal sends it: no customerId or senderEmail (a customer user
  -- files for its own customer from its own address).
  local body = '{"subject":"Не запускается обновление 5.2 на рабочем месте кассира",'
    .. '"description":"После установки обновления 5.2 программа на рабочем месте кассира не запускается: '
    .. 'окно открывается и сразу закрывается. На остальных местах всё работает. Переустановка не помогла.",'
    .. '"stepsToReproduce":"1. Установить обновление 5.2. 2. Запустить программу на месте кассира.",'
    .. '"productVersion":"5.2","problemClass":"standard"}'
  request_text = wrk.format("POST", "/v1/tickets", headers, body)
  accepted = 0
  refused = 0
  first_refusal = ""
end

function request()
  return request_text
end

function response(status, _, body)
  if status == 201 then
    accepted = accepted + 1
  else
    refused = refused + 1
    if first_refusal == "" then first_refusal = status .. " " .. body:sub(1, 200):gsub("%s+", " ") end
  end
end

function done(summary, latency, _)
  local total, failed, sample = 0, 0, ""
  for _, thread in ipairs(threads) do
    total = total + thread:get("accepted")
    failed = failed + thread:get("refused")
    if sample == "" then sample = thread:get("first_refusal") or "" end
  end
  local e = summary.errors
  io.write(string.format("accepted=%d refused=%d seconds=%.3f p50_ms=%.2f p99_ms=%.2f socket_errors=%d timeouts=%d\n",
    total, failed, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write, e.timeout))
  if sample ~= "" then io.write("first_refusal: " .. sample .. "\n") end
end
