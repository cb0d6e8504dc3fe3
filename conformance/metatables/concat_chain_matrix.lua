-- concatenation chains of length 2..5 with a __concat object at every position: the calls made and the result (manual §2.4, §3.4.6)
local calls
local O = setmetatable({}, {__concat = function(a, b)
  local function n(v) if type(v) == "table" then return "O" end return string.format("%q", tostring(v)) end
  calls[#calls + 1] = n(a) .. ".." .. n(b)
  return "<" .. (type(a) == "table" and "O" or tostring(a)) .. (type(b) == "table" and "O" or tostring(b)) .. ">"
end})
local plain = {"a", "b", 1, 2.5}
for len = 2, 5 do
  for pos = 1, len do
    local parts, src = {}, {}
    local k = 0
    for i = 1, len do
      if i == pos then parts[i] = O; src[i] = "O"
      else k = k + 1; parts[i] = plain[k]; src[i] = tostring(plain[k]) end
    end
    calls = {}
    local args = {}
    for i = 1, len do args[i] = "p" .. i end
    local f = load("local " .. table.concat(args, ", ") .. " = ... return " .. table.concat(args, " .. "))
    local r = f(table.unpack(parts, 1, len))
    print(table.concat(src, " .. "), "=", r, "calls: " .. table.concat(calls, " "))
  end
end
