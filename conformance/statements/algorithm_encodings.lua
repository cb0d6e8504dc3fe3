-- bit-level encodings with bitwise operators: base64, hex, CRC-32 and Adler-32 checksums (manual §3.4.2)
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local function b64(s)
  local out = {}
  for i = 1, #s, 3 do
    local a, b, c = s:byte(i, i + 2)
    local n = (a << 16) | ((b or 0) << 8) | (c or 0)
    for k = 3, 0, -1 do
      local idx = (n >> (6 * k)) & 63
      out[#out + 1] = alphabet:sub(idx + 1, idx + 1)
    end
    if not b then out[#out] = "="; out[#out - 1] = "=" elseif not c then out[#out] = "=" end
  end
  return table.concat(out)
end
local function unb64(s)
  local map = {}
  for i = 1, #alphabet do map[alphabet:sub(i, i)] = i - 1 end
  local out = {}
  for i = 1, #s, 4 do
    local n, pad = 0, 0
    for k = 0, 3 do
      local ch = s:sub(i + k, i + k)
      if ch == "=" then pad = pad + 1; n = n << 6 else n = (n << 6) | map[ch] end
    end
    local bytes = string.char((n >> 16) & 255, (n >> 8) & 255, n & 255)
    out[#out + 1] = bytes:sub(1, 3 - pad)
  end
  return table.concat(out)
end
local crc_table = {}
for i = 0, 255 do
  local c = i
  for _ = 1, 8 do
    if c & 1 == 1 then c = 0xEDB88320 ~ (c >> 1) else c = c >> 1 end
  end
  crc_table[i] = c
end
local function crc32(s)
  local c = 0xFFFFFFFF
  for i = 1, #s do c = crc_table[(c ~ s:byte(i)) & 0xFF] ~ (c >> 8) end
  return c ~ 0xFFFFFFFF
end
local function adler32(s)
  local a, b = 1, 0
  for i = 1, #s do a = (a + s:byte(i)) % 65521; b = (b + a) % 65521 end
  return (b << 16) | a
end
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
for _, s in ipairs({"", "f", "fo", "foo", "foob", "fooba", "foobar", "The quick brown fox jumps over the lazy dog", "\0\1\2\127"}) do
  local e = b64(s)
  print(string.format("%q", s), e, unb64(e) == s, string.format("%08x", crc32(s)), string.format("%08x", adler32(s)), hex(s:sub(1, 6)))
end
