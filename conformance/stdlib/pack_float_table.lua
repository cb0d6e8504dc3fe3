-- floats through string.pack formats f, d and n: bytes (little and big endian) and the value read back (manual §6.4.2)
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
local values = {0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 1 / 3, 1e10, 1e-10, 3.4028234663852886e38, 1e39, 1.401298464324817e-45, 2^-1074,
  math.huge, -math.huge, 2^53, 123456789.125, 7}
for _, v in ipairs(values) do
  local f4 = string.pack("<f", v)
  local back4 = string.unpack("<f", f4)
  print(string.format("%-24s", string.format("%.17g", v)), "f " .. hex(f4), "f> " .. hex(string.pack(">f", v)),
    "back " .. string.format("%.9g", back4), "d " .. hex(string.pack("<d", v)), "n= " .. tostring(string.unpack("<n", string.pack("<n", v)) == v))
end
print("nan round trip", (function() local x = string.unpack("<d", string.pack("<d", 0 / 0)) return x ~= x end)())
print("integer through d", math.type(string.unpack("<d", string.pack("<d", 5))))
