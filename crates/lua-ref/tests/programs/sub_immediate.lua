-- Regression: x - k for a small integer constant k is PUC's ADDI x, -k, so -0.0 - 0 is 0.0. Found by lua-gen (size 300, seed 1000052).
local n2 = -0.0
print(n2 - -1 * 0, n2 - 0, -0.0 - 0, n2 + 0, n2 - 0.0, n2 - 128, 0.5 - 127)
local z <const> = 0
print(n2 - z)
print("10" - 1, pcall(function() return {} - 1 end))
print(setmetatable({}, {__sub = function(a, b) return math.type(b), b end}) - 5)
print(math.maxinteger - -1, math.mininteger - 1)
local t = {}
print(pcall(function() return t.x - 1 end))
