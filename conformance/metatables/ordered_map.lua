-- an insertion-ordered map built from __index, __newindex, __len, __pairs and __tostring, with an operation log (manual §2.4)
local function OrderedMap()
  local keys, values = {}, {}
  local log = {}
  local m = setmetatable({}, {
    __index = function(_, k) log[#log + 1] = "get " .. tostring(k) return values[k] end,
    __newindex = function(_, k, v)
      if v == nil then
        if values[k] ~= nil then
          for i, key in ipairs(keys) do if key == k then table.remove(keys, i) break end end
          values[k] = nil
          log[#log + 1] = "delete " .. tostring(k)
        end
        return
      end
      if values[k] == nil then keys[#keys + 1] = k; log[#log + 1] = "insert " .. tostring(k)
      else log[#log + 1] = "update " .. tostring(k) end
      values[k] = v
    end,
    __len = function() return #keys end,
    __pairs = function()
      local i = 0
      return function() i = i + 1 local k = keys[i] if k ~= nil then return k, values[k] end end, nil, nil
    end,
    __tostring = function()
      local parts = {}
      for i, k in ipairs(keys) do parts[i] = tostring(k) .. "=" .. tostring(values[k]) end
      return "{" .. table.concat(parts, ", ") .. "}"
    end,
  })
  return m, log
end
local m, log = OrderedMap()
m.zebra = 1; m.apple = 2; m[10] = "ten"; m.mango = 3
print("after inserts", tostring(m), #m)
m.apple = 20
m.zebra = nil
m.kiwi = 4
m.missing = nil
print("after update/delete/insert", tostring(m), #m)
local seen = {}
for k, v in pairs(m) do seen[#seen + 1] = tostring(k) .. ":" .. tostring(v) end
print("pairs in insertion order", table.concat(seen, " "))
local r1 = m.apple
local r2 = m.zebra
local r3 = m[10]
print("reads", r1, r2, r3)
print("raw table stays empty", next(m))
for i, entry in ipairs(log) do print("log " .. i, entry) end
