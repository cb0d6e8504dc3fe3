-- <close> variables in nested scopes left by every kind of exit: normal, break, goto, return, error, tail call (manual §3.3.8)
local log
local function closer(name) return setmetatable({}, {__close = function(_, e) log[#log + 1] = name .. (e and ("!" .. tostring(e)) or "") end}) end
local scenarios = {
  {"normal", function() local a <close> = closer("a") do local b <close> = closer("b") end log[#log + 1] = "body" end},
  {"break", function() for i = 1, 3 do local a <close> = closer("a" .. i) if i == 2 then break end end end},
  {"goto out", function() do local a <close> = closer("a") do local b <close> = closer("b") goto out end end ::out:: log[#log + 1] = "after" end},
  {"goto backward", function() local n = 0 ::top:: do local a <close> = closer("a" .. n) n = n + 1 if n < 3 then goto top end end end},
  {"return value", function() local a <close> = closer("a") local b <close> = closer("b") return "r" end},
  {"return from nested", function() do local a <close> = closer("a") do local b <close> = closer("b") return end end end},
  {"error", function() local a <close> = closer("a") do local b <close> = closer("b") error("E", 0) end end},
  {"error in loop", function() for i = 1, 3 do local a <close> = closer("i" .. i) if i == 2 then error("L", 0) end end end},
  {"tail call is not tail", function() local a <close> = closer("a") return (function() log[#log + 1] = "callee" return 1 end)() end},
  {"while with continue goto", function()
    local i = 0
    while i < 3 do
      i = i + 1
      local a <close> = closer("w" .. i)
      if i == 2 then goto continue end
      log[#log + 1] = "body" .. i
      ::continue::
    end
  end},
  {"repeat until", function() local i = 0 repeat i = i + 1 local a <close> = closer("r" .. i) until i >= 2 end},
  {"generic for break", function() for _, v in ipairs({"x", "y", "z"}) do local a <close> = closer(v) if v == "y" then break end end end},
}
for _, s in ipairs(scenarios) do
  log = {}
  local ok, r = pcall(s[2])
  print(string.format("%-26s", s[1]), tostring(ok) .. ":" .. tostring(r), table.concat(log, " "))
end
