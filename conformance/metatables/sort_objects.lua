-- sorting objects that define __lt, by several keys, and with explicit comparators; results checked for order (manual §2.4, §6.6)
local Item = {}
Item.__index = Item
Item.__lt = function(a, b) if a.price ~= b.price then return a.price < b.price end return a.name < b.name end
Item.__tostring = function(a) return a.name .. ":" .. a.price end
local function item(name, price) return setmetatable({name = name, price = price}, Item) end
local items = {item("pear", 3), item("apple", 2), item("fig", 5), item("kiwi", 2), item("date", 9), item("lime", 3), item("plum", 1)}
local function show(list) local out = {} for i, v in ipairs(list) do out[i] = tostring(v) end return table.concat(out, " ") end
table.sort(items)
print("by __lt (price, name)", show(items))
table.sort(items, function(a, b) return a.name < b.name end)
print("by name", show(items))
table.sort(items, function(a, b) return b < a end)
print("reverse __lt", show(items))
table.sort(items, function(a, b) if #a.name ~= #b.name then return #a.name < #b.name end return a.name > b.name end)
print("by name length then reverse name", show(items))
print("min and max via __lt", tostring(math.min(2, 3)), pcall(math.max, items[1], items[2]))
local nums = {}
math.randomseed(2024)
for i = 1, 25 do nums[i] = item("n" .. i, math.random(1, 10)) end
table.sort(nums)
local ordered = true
for i = 2, #nums do if nums[i] < nums[i - 1] then ordered = false end end
print("25 random items ordered", ordered, tostring(nums[1]), tostring(nums[25]))
