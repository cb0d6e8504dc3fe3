-- how many values travel through resume and yield: every combination of 0..3 values each way, nils included (manual §6.2)
-- the second value is always nil, so trailing and middle nils are both covered
local function vals(n, tag) local t = {} for i = 1, n do if i ~= 2 then t[i] = tag .. i end end return t, n end
local function show(...) local t = table.pack(...) for i = 1, t.n do t[i] = tostring(t[i]) end return t.n .. "[" .. table.concat(t, ",") .. "]" end
for nin = 0, 3 do
  for nout = 0, 3 do
    local co = coroutine.create(function(...)
      local got_start = show(...)
      local ys, yn = vals(nout, "y")
      local got_resume = show(coroutine.yield(table.unpack(ys, 1, yn)))
      local rs, rn = vals(nout, "r")
      return got_start, got_resume, table.unpack(rs, 1, rn)
    end)
    local args, an = vals(nin, "a")
    local first = show(coroutine.resume(co, table.unpack(args, 1, an)))
    local second = show(coroutine.resume(co, table.unpack(args, 1, an)))
    print("in " .. nin, "out " .. nout, first, second)
  end
end
