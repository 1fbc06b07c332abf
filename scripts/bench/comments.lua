-- wrk script: POST a new comment per request, each text unique (the duplicate rule would
-- refuse repeats). Usage: wrk -s comments.lua http://127.0.0.1:PORT/api/v1/articles/SLUG/comments
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  counter = 0
  math.randomseed(os.time() * 100 + tid)
  prefix = tostring(tid) .. "-" .. tostring(os.time()) .. "-" .. tostring(math.random(1000000000))
end

function request()
  counter = counter + 1
  local body = '{"name":"Bench reader","text":"Benchmark comment ' .. prefix .. '-' .. counter .. ' about *the talks*."}'
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end
