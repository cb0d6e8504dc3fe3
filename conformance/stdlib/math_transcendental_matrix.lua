-- sqrt, exp, log, log2, log10, sin, cos, atan over a list of inputs, printed with %.10g (manual §6.7)
local function g(v) if v ~= v then return "nan" end return string.format("%.10g", v) end
local inputs = {0, 0.5, 1, 2, 3, 10, 100, 0.001, 1e10, -1, -0.5, math.pi, math.pi / 2, math.pi / 4, 1e-10, 50}
for _, x in ipairs(inputs) do
  print(string.format("%-12s", g(x)), "sqrt " .. g(math.sqrt(x)), "exp " .. g(math.exp(x)), "log " .. g(math.log(x)),
    "log2 " .. g(math.log(x, 2)), "log10 " .. g(math.log(x, 10)), "sin " .. g(math.sin(x)), "cos " .. g(math.cos(x)),
    "atan " .. g(math.atan(x)), "atan2 " .. g(math.atan(x, -1)))
end
