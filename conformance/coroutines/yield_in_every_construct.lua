-- yields from inside every statement and expression context: loops, conditions, arguments, constructors, concatenations (manual §2.6)
local Y = coroutine.yield
local co = coroutine.wrap(function()
  local log = {}
  for i = 1, Y("numeric for limit") do log[#log + 1] = "for" .. i .. "=" .. Y("for body " .. i) end
  for k, v in ipairs({Y("ipairs table"), "b"}) do log[#log + 1] = k .. v end
  local w = 0
  while Y("while condition " .. w) do w = w + 1 end
  local r = 0
  repeat r = r + 1 until Y("until condition " .. r)
  if Y("if condition") then log[#log + 1] = "then" else log[#log + 1] = "else" end
  local t = {Y("constructor item"), key = Y("constructor field"), [Y("constructor key")] = "v"}
  log[#log + 1] = tostring(t[1]) .. "," .. tostring(t.key) .. "," .. tostring(t.dyn)
  log[#log + 1] = "concat " .. Y("left") .. Y("middle") .. Y("right")
  log[#log + 1] = "arith " .. (Y("a") + Y("b") * Y("c"))
  log[#log + 1] = "call " .. select("#", Y("varargs"))
  local a, b = Y("multiple assignment")
  log[#log + 1] = "assign " .. tostring(a) .. "," .. tostring(b)
  log[#log + 1] = "and/or " .. tostring(Y("and left") and Y("and right") or Y("or right"))
  return table.concat(log, " | ")
end)
local answers = {
  ["numeric for limit"] = 2, ["for body 1"] = "x", ["for body 2"] = "y", ["ipairs table"] = "a",
  ["while condition 0"] = true, ["while condition 1"] = true, ["while condition 2"] = false,
  ["until condition 1"] = false, ["until condition 2"] = true, ["if condition"] = false,
  ["constructor item"] = "item", ["constructor field"] = "field", ["constructor key"] = "dyn",
  left = "L", middle = "M", right = "R", a = 1, b = 2, c = 3, varargs = nil, ["multiple assignment"] = "m",
  ["and left"] = 1, ["and right"] = false, ["or right"] = "fallback",
}
-- prompts are answered by name and listed sorted: the order of evaluation inside one expression is not specified
local prompt = co()
local seen = {}
while true do
  if answers[prompt] == nil and prompt ~= "varargs" then
    table.sort(seen)
    for _, p in ipairs(seen) do print("yielded", p, tostring(answers[p])) end
    print("finished after", #seen, "yields")
    print(prompt)
    break
  end
  seen[#seen + 1] = prompt
  prompt = co(answers[prompt])
end
