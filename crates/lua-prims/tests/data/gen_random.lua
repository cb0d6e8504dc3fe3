-- Generates random.txt from native Lua 5.4.9:  lua5.4.9 gen_random.lua > random.txt
-- Each line: <seed1> <seed2> then ';'-separated calls "args=result" where args are
-- ','-joined integers (or empty for random()) and result is i:<int>, f:<bits> or E:<msg>.
local function enc(v)
  if math.type(v) == "integer" then return "i:" .. v end
  return "f:" .. string.unpack("<i8", string.pack("<d", v))
end
local seeds = {{0, 0}, {1, 0}, {42, 0}, {-1, 0}, {math.maxinteger, 0}, {math.mininteger, 0}, {7, 7},
  {123456789, -987654321}, {0, 1}, {0xff, 0}}
for s = 1000, 1050 do seeds[#seeds + 1] = {s * 7919, s} end
local ranges = {{}, {1}, {0}, {6}, {100}, {1, 100}, {-10, 10}, {0, 1}, {5, 5}, {math.mininteger, math.maxinteger},
  {0, math.maxinteger}, {math.mininteger, -1}, {1, 1000000007}, {-3, 2^40}, {1, 3}, {2, 1}, {1, 2, 3},
  {0, (1 << 62) + 1}, {1, 6}, {1, 7}}
-- a fixed generator (independent of math.random) chooses the calls
local x = 1
local function pick(n) x = (x * 1103515245 + 12345) % 2147483648; return x % n + 1 end
for _, sd in ipairs(seeds) do
  local a, b = math.randomseed(sd[1], sd[2])
  local out = {}
  for _ = 1, 40 do
    local args = ranges[pick(#ranges)]
    local ok, r = pcall(math.random, table.unpack(args))
    out[#out + 1] = table.concat(args, ",") .. "=" .. (ok and enc(r) or "E:" .. tostring(r))
  end
  print(sd[1], sd[2], a, b, table.concat(out, ";"))
end
-- randomseed with one argument and with a float
for _, sd in ipairs{3.0, -2.0, 2^53} do
  local a, b = math.randomseed(sd)
  print(string.format("%.17g", sd), 0, a, b, "=" .. enc(math.random()) .. ";1,100=" .. enc(math.random(1, 100)))
end
