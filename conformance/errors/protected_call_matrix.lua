-- pcall and xpcall (with handlers that pass or wrap) over functions that return, error with each value type, or fail at run time (manual §6.1)
-- (A handler that fails ends in "error in error handling", a resource error, which ends the run and is not compared.)
local function show(...) local t = table.pack(...) for i = 1, t.n do local v = t[i] t[i] = type(v) == "table" and ("table:" .. tostring(v.tag)) or tostring(v) end return t.n .. "[" .. table.concat(t, ",") .. "]" end
local bodies = {
  {"returns 2 values", function() return 1, 2 end},
  {"returns nothing", function() end},
  {"error string", function() error("msg") end},
  {"error string level 0", function() error("msg", 0) end},
  {"error number", function() error(42) end},
  {"error table", function() error({tag = "T"}) end},
  {"error nil", function() error(nil) end},
  {"error false", function() error(false) end},
  {"runtime error", function() local x; return x.y end},
  {"nested pcall inside", function() return pcall(error, "inner") end},
}
local handlers = {
  {"identity", function(e) return e end},
  {"wrap", function(e) return {tag = "wrapped " .. tostring(type(e) == "table" and e.tag or e)} end},
  {"two results", function(e) return "h1", "h2" end},
}
for _, b in ipairs(bodies) do
  print(b[1], "pcall", show(pcall(b[2])))
  for _, h in ipairs(handlers) do
    print(b[1], "xpcall " .. h[1], show(xpcall(b[2], h[2])))
  end
end
