-- table constructors mixing positional items, multiple results, varargs and keys: resulting contents (manual §3.4.9)
local function r0() end
local function r1() return "x" end
local function r3() return "a", "b", "c" end
local function dump(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    if type(a) == "number" and type(b) == "number" then return a < b end
    if type(a) == "number" or type(b) == "number" then return type(a) == "number" end
    return tostring(a) < tostring(b)
  end)
  local out = {}
  for _, k in ipairs(keys) do out[#out + 1] = tostring(k) .. "=" .. tostring(t[k]) end
  return "{" .. table.concat(out, ",") .. "}"
end
local cases = {
  {"{r0()}", function() return {r0()} end},
  {"{r1()}", function() return {r1()} end},
  {"{r3()}", function() return {r3()} end},
  {"{r3(), r3()}", function() return {r3(), r3()} end},
  {"{r3(), 1}", function() return {r3(), 1} end},
  {"{1, r3()}", function() return {1, r3()} end},
  {"{(r3())}", function() return {(r3())} end},
  {"{r0(), r0()}", function() return {r0(), r0()} end},
  {"{k = r3()}", function() return {k = r3()} end},
  {"{r3(), k = 1}", function() return {r3(), k = 1} end},
  {"{[10] = 'ten', r1()}", function() return {[10] = "ten", r1()} end},
  {"{nil, 2}", function() return {nil, 2} end},
  {"{1, nil}", function() return {1, nil} end},
  {"{x = nil}", function() return {x = nil} end},
  {"{[1.0] = 'f'}", function() return {[1.0] = "f"} end},
  {"{[2^53] = 'big'}", function() return {[2^53] = "big"} end},
  {"{'a'; 'b', c = 3;}", function() return {"a"; "b", c = 3;} end},
  {"{[true] = 1, [false] = 0}", function() return {[true] = 1, [false] = 0} end},
}
for _, c in ipairs(cases) do print(string.format("%-28s", c[1]), dump(c[2]())) end
local function va(...) return {...}, {..., "end"}, {"start", ...}, {(...)} end
local a, b, c, d = va(1, nil, 3)
print("varargs", dump(a), dump(b), dump(c), dump(d))
a, b, c, d = va()
print("no varargs", dump(a), dump(b), dump(c), dump(d))
