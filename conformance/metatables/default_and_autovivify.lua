-- __index for default values, counters and auto-vivifying nested tables; __newindex for validation (manual §2.4)
local function with_default(d) return setmetatable({}, {__index = function() return d end}) end
local counts = with_default(0)
for w in ("the cat and the hat and the bat"):gmatch("%a+") do counts[w] = counts[w] + 1 end
local keys = {}
for k in pairs(counts) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do print("count", k, counts[k]) end
print("missing uses default", counts.zebra, rawget(counts, "zebra"))
local function auto() return setmetatable({}, {__index = function(t, k) local v = auto() rawset(t, k, v) return v end}) end
local tree = auto()
tree.a.b.c = 1
tree.a.x = 2
tree.z.y.x.w = 3
local function dump(t, prefix, out)
  local ks = {}
  for k in pairs(t) do ks[#ks + 1] = k end
  table.sort(ks)
  for _, k in ipairs(ks) do
    local v = t[k]
    if type(v) == "table" then dump(v, prefix .. k .. ".", out) else out[#out + 1] = prefix .. k .. "=" .. tostring(v) end
  end
  return out
end
print("autovivified", table.concat(dump(tree, "", {}), " "))
local typed = setmetatable({}, {__newindex = function(t, k, v)
  if type(v) ~= "number" then error("field " .. tostring(k) .. " must be a number, got " .. type(v), 2) end
  rawset(t, k, v)
end})
typed.x = 1
print("valid write", typed.x)
print("invalid write", pcall(function() typed.y = "text" end))
print("rawset bypasses validation", (function() rawset(typed, "y", "text") return typed.y end)())
local upd = pcall(function() typed.x = "now allowed" end)
print("existing field updates skip __newindex", upd, typed.x)
local fallback_chain = setmetatable({a = 1}, {__index = setmetatable({b = 2}, {__index = setmetatable({c = 3}, {__index = function(_, k) return "deep:" .. k end})})})
print("fallback chain", fallback_chain.a, fallback_chain.b, fallback_chain.c, fallback_chain.d)
