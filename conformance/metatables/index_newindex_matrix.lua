-- __index and __newindex in every combination of table/function/absent, for present and absent keys (manual §2.4)
local log
local function fn_index(t, k) log[#log + 1] = "fi:" .. tostring(k); return "fi-" .. tostring(k) end
local function fn_newindex(t, k, v) log[#log + 1] = "fn:" .. tostring(k) .. "=" .. tostring(v) end
local kinds = {
  {"none", nil},
  {"table", "table"},
  {"function", "function"},
}
for _, ik in ipairs(kinds) do
  for _, nk in ipairs(kinds) do
    log = {}
    local backing = {inherited = "from backing"}
    local mt = {}
    if ik[2] == "table" then mt.__index = backing elseif ik[2] == "function" then mt.__index = fn_index end
    if nk[2] == "table" then mt.__newindex = backing elseif nk[2] == "function" then mt.__newindex = fn_newindex end
    local obj = setmetatable({present = "own"}, mt)
    local r1 = obj.present
    local r2 = obj.inherited
    local r3 = obj.absent
    obj.present = "updated"
    obj.fresh = "new"
    local stored = rawget(obj, "fresh")
    print("index=" .. ik[1], "newindex=" .. nk[1], r1, tostring(r2), tostring(r3), rawget(obj, "present"),
      tostring(stored), tostring(backing.fresh), table.concat(log, " "))
  end
end
