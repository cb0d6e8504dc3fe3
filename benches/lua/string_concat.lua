-- string_concat: concatenation with `..`, of numbers and strings, and table.concat.
-- sizes: full=1200000 small=1200
local N = N or 1200000
local total = 0
for i = 1, N do
  local s = "item" .. i .. ":" .. (i * 2) .. "/" .. "x"
  total = total + #s
end
local parts = {}
for i = 1, N // 10 do
  parts[#parts + 1] = i .. ""
end
local joined = table.concat(parts, ",")
-- A growing string built piece by piece (quadratic in copying, kept short).
local acc = ""
for i = 1, N // 200 do
  acc = acc .. string.char(97 + i % 26)
end
print(total, #joined, #acc, acc:sub(-10))
