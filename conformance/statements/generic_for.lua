-- generic for: iterator function, state and control variable protocol (manual §3.3.5)
local function range(n)
  return function(state, control)
    if control < state then return control + 1 end
  end, n, 0
end
local out = {}
for i in range(4) do out[#out + 1] = i end
print("stateless range", table.concat(out, " "))
-- the iterator receives the state and the previous first value
local log = {}
local function iter(s, c)
  log[#log + 1] = tostring(s) .. "/" .. tostring(c)
  if c < 3 then return c + 1, c * 10 end
end
for a, b in iter, "S", 0 do log[#log + 1] = "body " .. a .. "," .. b end
print("protocol", table.concat(log, " | "))
-- stateful closure iterator
local function chars(s)
  local i = 0
  return function()
    i = i + 1
    if i <= #s then return i, s:sub(i, i) end
  end
end
out = {}
for i, c in chars("lua") do out[#out + 1] = i .. c end
print("closure iterator", table.concat(out, " "))
-- the loop ends when the first value is nil, even if others are not
local function firstnil()
  local n = 0
  return function()
    n = n + 1
    if n < 3 then return n, "x" else return nil, "ignored" end
  end
end
local cnt = 0
for a, b in firstnil() do cnt = cnt + 1 end
print("stops on nil first value", cnt)
-- false as first value does not stop the loop
local vals = {true, false, true}
local k = 0
local seen = {}
for v in function() k = k + 1; if k <= 3 then return vals[k] end end do seen[#seen + 1] = tostring(v) end
print("false continues", table.concat(seen, " "))
-- loop variables are fresh copies per iteration
local fs = {}
for i, v in ipairs({"a", "b", "c"}) do fs[i] = function() return i .. v end end
print("closures per iteration", fs[1](), fs[2](), fs[3]())
-- the explist is adjusted to four values
local function many()
  local f, s, c = range(2)
  return f, s, c, nil, "extra"
end
local got = {}
for i in many() do got[#got + 1] = i end
print("extra values ignored", table.concat(got, " "))
-- assigning to the loop variable does not affect iteration
got = {}
for i, v in ipairs({10, 20, 30}) do i = i * 100; got[#got + 1] = i end
print("assign to control copy", table.concat(got, " "))
-- nested generic loops over the same table
local t = {1, 2}
got = {}
for _, a in ipairs(t) do for _, b in ipairs(t) do got[#got + 1] = a .. b end end
print("nested", table.concat(got, " "))
-- break in a generic for
got = {}
for i in range(100) do if i > 3 then break end got[#got + 1] = i end
print("break", table.concat(got, " "))
