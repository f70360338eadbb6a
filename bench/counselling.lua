-- wrk script for the logged-in counselling pages: like mix.lua (whose done() prints the result line), but
-- every thread sends its own session cookie, so concurrency N means N counsellors, not one session N times.
-- usage: wrk -tN -cN -d15s -s bench/counselling.lua http://127.0.0.1:PORT -- PREFIX COUNT
-- Thread k reads PREFIX-(k mod COUNT).txt: first line the cookie ("sessionid=…"), then one path per line.
dofile("bench/mix.lua")  -- setup() and done(); its paths and counter are local to it

local cookie = ""
local paths = {}
local counter = 0

function init(args)
  local file = string.format("%s-%d.txt", args[1], id % tonumber(args[2]))
  for line in io.lines(file) do
    if cookie == "" then
      cookie = line
    elseif #line > 0 then
      paths[#paths + 1] = line
    end
  end
  if #paths == 0 then
    error("no URLs in " .. file)
  end
  counter = (id * 97) % #paths
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter], { ["Cookie"] = cookie })
end
