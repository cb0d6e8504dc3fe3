-- a tracking proxy that forwards every access, used to observe the language's access patterns (manual §2.4)
local log = {}
local function track(inner)
  return setmetatable({}, {
    __index = function(_, k) log[#log + 1] = "get:" .. tostring(k); return inner[k] end,
    __newindex = function(_, k, v) log[#log + 1] = "set:" .. tostring(k) .. "=" .. tostring(v); inner[k] = v end,
    __len = function() log[#log + 1] = "len"; return #inner end,
  })
end
local function show(label) print(label, table.concat(log, " ")); log = {} end
local p = track({10, 20, x = "X"})
local _ = p.x
show("read field")
p.y = 5
show("write field")
p[1] = p[1] + 1
show("read-modify-write")
local n = #p
show("length")
-- (multiple assignment is left out: the order of its assignments is unspecified)
for i, v in ipairs(p) do end
show("ipairs")
local a = p.x or p.z
show("or short circuit")
local b = p.missing and p.x
show("and short circuit")
local s = p.x .. "!"
show("concat")
p.count = (p.count or 0) + 1
show("increment")
