-- __index and __newindex receive keys of every type unchanged; raw tables normalise only integral floats (manual §2.4, §2.1)
local got_get, got_set = {}, {}
local function d(k)
  if type(k) == "number" then return tostring(k) .. (math.type(k) == "integer" and "i" or "f") end
  if type(k) == "table" or type(k) == "function" then return type(k) end
  if type(k) == "string" then return string.format("%q", k) end
  return tostring(k)
end
local proxy = setmetatable({}, {
  __index = function(_, k) got_get[#got_get + 1] = d(k) return nil end,
  __newindex = function(_, k, v) got_set[#got_set + 1] = d(k) end,
})
local keys = {1, 1.0, 2.5, -0.0, 2^53, 2^63, "1", "", true, false, {}, print, math.huge}
for _, k in ipairs(keys) do
  local _ = proxy[k]
  proxy[k] = 1
end
print("__index keys", table.concat(got_get, " "))
print("__newindex keys", table.concat(got_set, " "))
local raw = {}
for _, k in ipairs(keys) do rawset(raw, k, d(k)) end
local stored = {}
for k, v in pairs(raw) do stored[#stored + 1] = d(k) .. "=" .. v end
table.sort(stored)
print("raw keys after normalisation", #stored, table.concat(stored, " "))
print("nil and nan keys", pcall(function() proxy[nil] = 1 end), pcall(function() return proxy[0 / 0] end))
