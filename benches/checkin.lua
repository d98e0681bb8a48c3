-- wrk script for benches/checkin.sh: every thread walks its share of the
-- request bodies (BODIES, one JSON per line), in order, then starts over
-- (a repeated scan counts once, so going round changes no figure).
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  bodies = {}
  for line in io.lines(os.getenv("BODIES")) do
    bodies[#bodies + 1] = line
  end
  step = tonumber(os.getenv("THREADS"))
  next_body = id + 1
  headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("TOKEN"),
  }
end

function request()
  local body = bodies[next_body]
  next_body = next_body + step
  if next_body > #bodies then
    next_body = (next_body - 1) % #bodies + 1
  end
  return wrk.format("POST", os.getenv("CHECKIN_PATH"), headers, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("requests %d in %.1f s: %.0f per second\n",
    summary.requests, seconds, summary.requests / seconds))
  io.write(string.format("latency p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("errors: connect %d, read %d, write %d, status %d, timeout %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
end
