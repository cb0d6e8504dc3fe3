-- __index chains of increasing depth mixing tables and functions: found values and the number of lookups (manual §2.4)
local lookups
local function build(depth, kinds)
  local bottom = {target = "found", [1] = "one"}
  local cur = bottom
  for d = depth, 1, -1 do
    local nxt = {}
    local kind = kinds:sub((d - 1) % #kinds + 1, (d - 1) % #kinds + 1)
    local inner = cur
    if kind == "t" then
      setmetatable(nxt, {__index = setmetatable({}, {__index = function(_, k) lookups = lookups + 1 return inner[k] end})})
    else
      setmetatable(nxt, {__index = function(_, k) lookups = lookups + 1 return inner[k] end})
    end
    cur = nxt
  end
  return cur
end
for _, kinds in ipairs({"t", "f", "tf", "ftt"}) do
  for _, depth in ipairs({0, 1, 2, 5, 10, 40}) do
    lookups = 0
    local top = build(depth, kinds)
    local a, b, c = top.target, top[1], top.missing
    print("kinds " .. kinds, "depth " .. depth, a, b, c, "lookups " .. lookups)
  end
end
