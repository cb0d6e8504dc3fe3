-- string_find: string.find with plain search and simple patterns, and string.match.
-- sizes: full=1000000 small=1000
local N = N or 1000000
local lines = {
  "GET /index.html HTTP/1.1",
  "POST /api/v1/items?id=42 HTTP/1.1",
  "key = value ; comment",
  "2024-01-15 12:34:56 ERROR disk full",
  "nothing interesting here at all",
}
local found, sum = 0, 0
for i = 1, N do
  local line = lines[i % #lines + 1]
  local a = line:find("HTTP", 1, true)
  if a then
    found = found + a
  end
  local b, e = line:find("%d+")
  if b then
    sum = sum + e - b
  end
  local k = line:match("^(%w+) =")
  if k then
    sum = sum + #k
  end
end
print(found, sum)
