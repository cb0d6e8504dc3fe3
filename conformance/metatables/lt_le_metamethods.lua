-- __lt and __le: operand order for < > <= >=, mixed operands, boolean conversion (manual §2.4)
local log
local function mm(tag, result)
  return function(a, b)
    log[#log + 1] = tag .. "(" .. tostring(type(a) == "table" and a.name or a) .. "," .. tostring(type(b) == "table" and b.name or b) .. ")"
    return result
  end
end
local A = setmetatable({name = "A"}, {__lt = mm("ltA", true), __le = mm("leA", false)})
local B = setmetatable({name = "B"}, {__lt = mm("ltB", false), __le = mm("leB", true)})
local function check(label, f)
  log = {}
  local r = f()
  print(label, r, table.concat(log, " "))
end
check("A < B", function() return A < B end)
check("A > B", function() return A > B end)
check("B < A", function() return B < A end)
check("A <= B", function() return A <= B end)
check("A >= B", function() return A >= B end)
check("B >= A", function() return B >= A end)
check("A < 1", function() return A < 1 end)
check("1 < A", function() return 1 < A end)
check("1 > A", function() return 1 > A end)
check("A <= 's'", function() return A <= "s" end)
check("'s' <= A", function() return "s" <= A end)
check("not (A < B)", function() return not (A < B) end)
-- results are converted to booleans
local S = setmetatable({name = "S"}, {__lt = function() return "yes" end, __le = function() return nil end})
check("truthy string result", function() return S < S end)
check("nil result", function() return S <= S end)
-- comparisons with a constant on the left use the same metamethod with swapped operands
local C = setmetatable({name = "C"}, {__lt = mm("ltC", true), __le = mm("leC", true)})
check("10 < C", function() return 10 < C end)
check("C > 10", function() return C > 10 end)
check("10.5 >= C", function() return 10.5 >= C end)
check("C < 2.0", function() return C < 2.0 end)
-- no metamethod: error
print("plain tables", pcall(function() return {} < {} end))
print("table vs number", pcall(function() return {} <= 1 end))
