-- which library functions honour __index/__newindex/__len and which use raw access (manual §6.6)
local log = {}
local function proxy(data)
  return setmetatable({}, {
    __index = function(_, k) log[#log + 1] = "get" .. tostring(k); return data[k] end,
    __newindex = function(_, k, v) log[#log + 1] = "set" .. tostring(k); data[k] = v end,
    __len = function() log[#log + 1] = "len"; return #data end,
  })
end
local function run(label, f)
  log = {}
  local r = table.pack(pcall(f))
  local shown = {}
  for i = 1, r.n do shown[i] = tostring(r[i]) end
  print(label, table.concat(shown, " "), "|", table.concat(log, ","))
end
local data = {"a", "b", "c"}
run("table.concat", function() return table.concat(proxy({"a", "b", "c"}), "-") end)
run("table.unpack", function() return table.unpack(proxy({"a", "b"})) end)
run("table.insert end", function() local p = proxy({"a"}); table.insert(p, "z") end)
run("table.insert middle", function() local p = proxy({"a", "b"}); table.insert(p, 1, "z") end)
run("table.remove", function() return table.remove(proxy({"a", "b"})) end)
run("table.remove first", function() return table.remove(proxy({"a", "b"}), 1) end)
run("table.move", function() local src = proxy({"x", "y"}); local dst = proxy({}); table.move(src, 1, 2, 1, dst) end)
run("table.sort", function() table.sort(proxy({"b", "a"})) end)
run("ipairs", function() local n = 0 for _ in ipairs(proxy({"a", "b"})) do n = n + 1 end return n end)
run("next is raw", function() return next(proxy({"a"})) end)
run("rawlen is raw", function() return rawlen(proxy({"a"})) end)
run("# uses __len", function() return #proxy({"a", "b"}) end)
run("select('#') unaffected", function() return select("#", table.unpack(proxy({"a"}))) end)
