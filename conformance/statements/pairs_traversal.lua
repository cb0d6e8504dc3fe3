-- traversals with pairs and next in order-independent ways; clearing fields while traversing (manual §6.1)
local t = {10, 20, 30, x = "a", y = "b", [2.5] = "f", [true] = "t"}
local keys = {}
for k in pairs(t) do keys[#keys + 1] = tostring(k) end
table.sort(keys)
print("keys", table.concat(keys, " "))
local count, sum = 0, 0
for k, v in pairs({1, 2, 3, 4, a = 5}) do count = count + 1; sum = sum + v end
print("count and sum", count, sum)
-- assigning nil to an existing field during traversal is allowed
local u = {}
for i = 1, 20 do u["k" .. i] = i end
local removed = 0
for k, v in pairs(u) do
  if v % 2 == 0 then u[k] = nil; removed = removed + 1 end
end
local left = 0
for _ in pairs(u) do left = left + 1 end
print("cleared while traversing", removed, left)
-- modifying existing fields is allowed
for k, v in pairs(u) do u[k] = v * 100 end
local total = 0
for _, v in pairs(u) do total = total + v end
print("modified while traversing", total)
-- next directly
print("next on empty", next({}))
local single = {only = 1}
print("next on single", next(single))
print("next after last", next(single, "only"))
print("next with nil key", next({5}, nil))
-- ipairs stops at the first nil
local seq = {1, 2, nil, 4}
local n = 0
for i, v in ipairs(seq) do n = i end
print("ipairs stops at nil", n)
-- pairs on a sequence visits the same elements as ipairs (order-independent check)
local s = {"a", "b", "c"}
local visited = {}
for k, v in pairs(s) do visited[k] = v end
print("pairs covers sequence", visited[1], visited[2], visited[3])
-- integer and float keys are the same key
local m = {}
m[1] = "int"; m[1.0] = "float"; m[2^53] = "big"
local mk = {}
for k, v in pairs(m) do mk[#mk + 1] = math.type(k) .. "=" .. v end
table.sort(mk)
print("normalised keys", table.concat(mk, " "))
