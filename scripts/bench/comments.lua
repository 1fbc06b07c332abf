-- wrk script: POST a new comment per request, each text unique (the duplicate rule would
-- refuse repeats). Usage: wrk -s comments.lua http://127.0.0.1:PORT/api/v1/articles/SLUG/comments
-- With COMMENT_LIMIT=N and COMMENT_THREADS=T (wrk's -t) in the environment each thread stops
-- after N/T responses (a few more may be in flight), to fill a story to a known size.
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  counter = 0
  responses = 0
  limit = tonumber(os.getenv("COMMENT_LIMIT") or "0") / tonumber(os.getenv("COMMENT_THREADS") or "1")
  math.randomseed(os.time() * 100 + tid)
  prefix = tostring(tid) .. "-" .. tostring(os.time()) .. "-" .. tostring(math.random(1000000000))
end

function request()
  counter = counter + 1
  local body = '{"name":"Bench reader","text":"Benchmark comment ' .. prefix .. '-' .. counter .. ' about *the talks*."}'
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  responses = responses + 1
  if limit > 0 and responses >= limit then wrk.thread:stop() end
end
