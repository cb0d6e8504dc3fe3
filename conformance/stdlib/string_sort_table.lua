-- strings sorted by the default byte order and by case-insensitive and length comparators (manual §6.6, §3.4.4)
local words = {"banana", "Apple", "apple", "APPLE", "cherry", "date", "Elder", "fig", "", " ", "a", "A", "Z", "z", "10", "9", "1",
  "_under", "-dash", "~tilde", "apple pie", "applesauce", "ban", "Banana", "b", "aa", "aA", "Aa", "AA", "a\0", "a\0b", "zz"}
local function show(w) return (string.format("%q", w):gsub("\\0", "\\0")) end
local sorted = {}
for i, w in ipairs(words) do sorted[i] = w end
table.sort(sorted)
for i, w in ipairs(sorted) do print("bytes", i, show(w)) end
table.sort(sorted, function(a, b)
  local la, lb = a:lower(), b:lower()
  if la ~= lb then return la < lb end
  return a < b
end)
local out = {}
for i, w in ipairs(sorted) do out[i] = show(w) end
print("case-insensitive", table.concat(out, " "))
table.sort(sorted, function(a, b) if #a ~= #b then return #a < #b end return a < b end)
out = {}
for i, w in ipairs(sorted) do out[i] = show(w) end
print("by length", table.concat(out, " "))
