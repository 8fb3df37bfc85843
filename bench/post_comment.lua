-- wrk script: each request posts a different comment from a different reader
-- (and client address, through X-Forwarded-For from the trusted local proxy).
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local run = os.time()  -- a new text each run: the duplicate check refuses a repeat

function init(args)
  thread_id = id
end

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  counter = counter + 1
  local n = thread_id * 10000000 + counter
  local body = "comment=" .. urlencode("Benchmark comment number " .. n .. " of run " .. run .. " on the river walk budget.")
    .. "&name=" .. urlencode("Bench Reader " .. n)
    .. "&email=" .. urlencode("bench" .. n .. "." .. run .. "@example.com")
    .. "&website=&homepage=&issued=" .. urlencode(os.getenv("BENCH_ISSUED") or "")
  -- Documentation-only IPv6 addresses: a header value, never a destination.
  -- The run's start in the address too: a warm-up run's readers are not this run's.
  local ip = string.format("2001:db8:%x:%x::%x", run % 65536, thread_id, counter)
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Origin"] = "http://" .. wrk.host .. ":" .. wrk.port,
    ["X-Forwarded-For"] = ip,
  }, body)
end
