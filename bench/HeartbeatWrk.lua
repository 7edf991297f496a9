-- Usage: wrk -t1 -c16 -d5s -s bench/HeartbeatWrk.lua http://127.0.0.1:PORT
-- wrk: heartbeats from 1000 distinct nodes, cycling.
local n = 0
request = function()
  n = n + 1
  local i = n % 1000
  local addr = string.format("http%%3A%%2F%%2F127.1.%d.%d%%3A8085", math.floor(i / 250), i % 250 + 1)
  return wrk.format("GET", "/lmcache_heartbeat?api_address=" .. addr .. "&pid=" .. i .. "&version=0.3.9&other_info=%7B%22heartbeat_interval%22%3A30%7D")
end
