-- a set class: __add union, __mul intersection, __sub difference, __le subset, __lt proper subset, __eq, __len, __pairs (manual §2.4)
local Set = {}
Set.__index = Set
function Set.new(list) local s = setmetatable({items = {}}, Set) for _, v in ipairs(list or {}) do s.items[v] = true end return s end
function Set.__add(a, b) local r = Set.new() for k in pairs(a.items) do r.items[k] = true end for k in pairs(b.items) do r.items[k] = true end return r end
function Set.__mul(a, b) local r = Set.new() for k in pairs(a.items) do if b.items[k] then r.items[k] = true end end return r end
function Set.__sub(a, b) local r = Set.new() for k in pairs(a.items) do if not b.items[k] then r.items[k] = true end end return r end
function Set.__le(a, b) for k in pairs(a.items) do if not b.items[k] then return false end end return true end
function Set.__lt(a, b) return a <= b and not (b <= a) end
function Set.__eq(a, b) return a <= b and b <= a end
function Set.__len(a) local n = 0 for _ in pairs(a.items) do n = n + 1 end return n end
function Set.__pairs(a)
  local keys = {}
  for k in pairs(a.items) do keys[#keys + 1] = k end
  table.sort(keys)
  local i = 0
  return function() i = i + 1 if keys[i] ~= nil then return keys[i], true end end, a, nil
end
function Set.__tostring(a) local out = {} for k in pairs(a) do out[#out + 1] = tostring(k) end return "{" .. table.concat(out, ",") .. "}" end
local A, B, C = Set.new({1, 2, 3, 4}), Set.new({3, 4, 5}), Set.new({1, 2})
print("A", tostring(A), #A, "B", tostring(B), #B, "C", tostring(C), #C)
print("union", tostring(A + B), #(A + B))
print("intersection", tostring(A * B), "difference", tostring(A - B), tostring(B - A))
print("subset", C <= A, A <= C, C < A, A < A, A <= A)
print("equality", A == Set.new({4, 3, 2, 1}), A == B, A ~= B, Set.new() == Set.new())
print("empty", tostring(Set.new()), #Set.new(), tostring(A * Set.new({9})))
print("superset via >=", A >= C, B >= C)
local words = Set.new({"pear", "apple", "fig"}) + Set.new({"kiwi", "apple"})
print("strings", tostring(words), #words)
local ordered = {}
for k in pairs(words) do ordered[#ordered + 1] = k end
print("sorted __pairs", table.concat(ordered, " "))
