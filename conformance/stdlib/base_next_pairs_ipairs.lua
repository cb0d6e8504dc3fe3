-- next, pairs and ipairs: complete traversals (checked order-independently), holes, metamethods (manual §6.1)
local t = {10, 20, 30, a = "x", b = "y", [1.5] = "f", [false] = "no"}
local seen, count = {}, 0
local k, v = next(t)
while k ~= nil do
  count = count + 1
  seen[#seen + 1] = tostring(k) .. "=" .. tostring(v)
  k, v = next(t, k)
end
table.sort(seen)
print("next traversal", count, table.concat(seen, " "))
local seen2 = {}
for key, val in pairs(t) do seen2[#seen2 + 1] = tostring(key) .. "=" .. tostring(val) end
table.sort(seen2)
print("pairs same as next", table.concat(seen2, " ") == table.concat(seen, " "))
print("pairs returns next", pairs({}) == next, select("#", pairs({})))
print("next of empty", next({}), select("#", next({})))
print("next needs table", pcall(next))
print("next invalid key", pcall(next, {}, "absent"))
-- ipairs: 1..n until the first nil, in order
local out = {}
for i, x in ipairs({"a", "b", nil, "d"}) do out[#out + 1] = i .. x end
print("ipairs stops at hole", table.concat(out, " "))
out = {}
for i, x in ipairs({[1] = "one", [2] = "two", [4] = "four", x = "ignored"}) do out[#out + 1] = i .. x end
print("ipairs explicit keys", table.concat(out, " "))
out = {}
for i, x in ipairs({[0] = "zero", "one"}) do out[#out + 1] = i .. x end
print("ipairs starts at 1", table.concat(out, " "))
local f, s, c = ipairs({})
print("ipairs triple", type(f), type(s), c)
print("ipairs iterator direct call", f({"p", "q"}, 1))
print("ipairs iterator past end", f({"p"}, 1))
-- ipairs respects __index, even for integer keys missing in the table
local proxy = setmetatable({"real"}, {__index = function(_, i) if i <= 3 then return "virtual" .. i end end})
out = {}
for i, x in ipairs(proxy) do out[#out + 1] = i .. ":" .. x end
print("ipairs with __index", table.concat(out, " "))
-- ipairs over a string with an __index-only metatable works on any value
print("ipairs on string", pcall(function() for i, c in ipairs("abc") do return i, c end return "none" end))
-- modifying values during ipairs
local arr = {1, 2, 3}
for i, x in ipairs(arr) do arr[i] = x * 2 end
print("modify during ipairs", table.concat(arr, " "))
-- appending during ipairs extends the traversal
local grow = {1}
local visits = 0
for i, x in ipairs(grow) do visits = visits + 1; if i < 5 then grow[i + 1] = x + 1 end end
print("appending during ipairs", visits, #grow)
