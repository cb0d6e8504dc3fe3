-- Generates strlib.txt from native Lua 5.4.9:  lua5.4.9 gen_strlib.lua > strlib.txt
-- Lines: <function> <integer arguments ','-joined> -> <result or E:message>
-- (function names in argument errors replaced by '?').
local function err(e) return "E:" .. (tostring(e):gsub("^gen_strlib.lua:%d+: ", ""):gsub("^(bad argument #%d+ to )'[%w%.]+'", "%1'?'")) end
local ints = {0, 1, 2, 3, 5, 6, 7, -1, -2, -5, -6, -7, 100, -100, math.maxinteger, math.mininteger}
local s = "hello"
for _, i in ipairs(ints) do
  for _, j in ipairs(ints) do
    print("sub", i .. "," .. j, "->", s:sub(i, j))
    print("byte", i .. "," .. j, "->", table.concat({s:byte(i, j)}, " "))
  end
  print("byte1", i, "->", table.concat({s:byte(i)}, " "))
end
for _, n in ipairs{-1, 0, 1, 2, 3, 1 << 31, 1 << 62, math.maxinteger} do
  for _, len in ipairs{0, 1, 2} do
    for _, seplen in ipairs{0, 1} do
      -- (PUC loops n times even for an empty result: skip the huge empty ones)
      if len + seplen == 0 and n > 1000 then goto skip end
      local ok, r = pcall(string.rep, string.rep("x", len), n, string.rep(",", seplen))
      print("rep", n .. "," .. len .. "," .. seplen, "->", ok and (#r < 100 and r or "#" .. #r) or err(r))
      ::skip::
    end
  end
end
for _, c in ipairs{-1, 0, 65, 255, 256, math.mininteger} do
  local ok, r = pcall(string.char, c)
  print("char", c, "->", ok and tostring(r:byte()) or err(r))
end
for nargs = 0, 3 do
  for _, n in ipairs{-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, math.mininteger, math.maxinteger} do
    local args = {}
    for k = 1, nargs do args[k] = k * 10 end
    local ok, r = pcall(function() return table.pack(select(n, table.unpack(args, 1, nargs))) end)
    print("select", n .. "," .. nargs, "->", ok and table.concat(r, " ", 1, r.n) or err(r))
  end
end
for _, size in ipairs{0, 1, 3} do
  for _, pos in ipairs{-1, 0, 1, 2, 3, 4, 5, math.mininteger, math.maxinteger} do
    local t = {}
    for k = 1, size do t[k] = k end
    local ok, r = pcall(table.insert, t, pos, "v")
    print("insert", pos .. "," .. size, "->", ok and "ok" or err(r))
    t = {}
    for k = 1, size do t[k] = k end
    ok, r = pcall(table.remove, t, pos)
    print("remove", pos .. "," .. size, "->", ok and "ok" or err(r))
  end
end
for _, f in ipairs{-2, 1, 2, math.mininteger, math.maxinteger} do
  for _, e in ipairs{0, 1, 3, math.maxinteger, -1} do
    for _, t in ipairs{1, 2, 4, math.maxinteger, math.maxinteger - 1, -3} do
      -- the first read raises "read": the checks passed and copying started
      local a = setmetatable({}, {__index = function() error("read", 0) end})
      local ok, r = pcall(table.move, a, f, e, t)
      print("move", f .. "," .. e .. "," .. t, "->", ok and "ok" or (r == "read" and "copy" or err(r)))
    end
  end
end
for _, i in ipairs{1, 0, -5, math.mininteger, math.maxinteger} do
  for _, e in ipairs{0, 1, 3, -1, math.maxinteger, math.mininteger} do
    local t = setmetatable({}, {__index = function() return nil end})
    local ok, r = pcall(function() return select("#", table.unpack(t, i, e)) end)
    if not ok and r:find("stack overflow") then r = "too many results to unpack" end
    print("unpack", i .. "," .. e, "->", ok and r or err(r))
  end
end
