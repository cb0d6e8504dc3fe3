-- table.sort: default order, comparators, strings, stability-independent checks, errors (manual §6.6)
local function s(t, f) table.sort(t, f) return table.concat(t, " ") end
print("numbers", s({5, 3, 8, 1, 9, 2, 7}))
print("already sorted", s({1, 2, 3, 4, 5}))
print("reversed", s({5, 4, 3, 2, 1}))
print("duplicates", s({3, 1, 3, 1, 2, 2}))
print("mixed int and float", s({2.5, 1, 3, 0.5, 2}))
print("negative and zero", s({0, -1, 1, -0.5, math.mininteger, math.maxinteger}))
print("strings", s({"banana", "apple", "Cherry", "apple pie", "", "b"}))
print("descending comparator", s({5, 3, 8, 1}, function(a, b) return a > b end))
print("by length then alphabet", s({"ccc", "a", "bb", "aa", "b"}, function(a, b)
  if #a ~= #b then return #a < #b end
  return a < b
end))
print("empty", s({}))
print("single", s({42}))
print("two", s({2, 1}))
-- sorting records by key; check order of keys only where they are distinct
local people = {{n = "ann", a = 30}, {n = "bob", a = 25}, {n = "cid", a = 35}, {n = "dee", a = 20}}
table.sort(people, function(x, y) return x.a < y.a end)
local names = {}
for i, p in ipairs(people) do names[i] = p.n end
print("records by age", table.concat(names, " "))
-- stability is not guaranteed: compare only the multiset of equal keys
local recs = {}
for i = 1, 50 do recs[i] = {k = i % 5, id = i} end
table.sort(recs, function(x, y) return x.k < y.k end)
local ok = true
for i = 2, #recs do if recs[i - 1].k > recs[i].k then ok = false end end
local groups = {}
for _, r in ipairs(recs) do groups[r.k] = (groups[r.k] or 0) + r.id end
print("sorted by key with ties", ok, groups[0], groups[1], groups[2], groups[3], groups[4])
-- a larger pseudo-random array
math.randomseed(42)
local big = {}
for i = 1, 2000 do big[i] = math.random(1, 1000) end
table.sort(big)
local sorted = true
for i = 2, #big do if big[i - 1] > big[i] then sorted = false end end
print("2000 random numbers", sorted, big[1], big[1000], big[2000])
table.sort(big, function(a, b) return a > b end)
print("descending", big[1], big[2000])
print("sort returns nothing", select("#", table.sort({3, 1})))
print("mixed types error", pcall(table.sort, {1, "2", 3}))
print("table values error", pcall(table.sort, {{}, {}}))
print("nil in middle via explicit length", pcall(table.sort, setmetatable({3, nil, 1}, {__len = function() return 3 end})))
