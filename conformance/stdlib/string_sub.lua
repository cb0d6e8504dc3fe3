-- string.sub over a grid of start/end indices, including negatives, zero and out of range (manual §6.4)
local s = "abcde"
local idx = {math.mininteger, -7, -5, -3, -1, 0, 1, 2, 4, 5, 6, 8, math.maxinteger}
local header = {}
for _, j in ipairs(idx) do header[#header + 1] = tostring(j) end
print("j:", table.concat(header, " "))
for _, i in ipairs(idx) do
  local row = {}
  for _, j in ipairs(idx) do
    local r = s:sub(i, j)
    row[#row + 1] = r == "" and "." or r
  end
  print("i=" .. tostring(i), table.concat(row, " "))
end
print("default end", s:sub(3), s:sub(-2), s:sub(0), s:sub(10))
print("empty string", ("").sub("", 1, 1) == "", ("").sub("", 0, -1) == "")
print("float indices", s:sub(2.0, 3.0))
print("string indices", s:sub("2", "3"))
print("bad index", pcall(string.sub, s, 1.5))
print("no index", pcall(string.sub, s))
print("number receiver", string.sub(12345, 2, 3))
