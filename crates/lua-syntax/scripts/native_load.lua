-- For every hex-encoded program of the file arg[1], writes "ok" or load()'s message (hex).
for line in io.lines(arg[1]) do
  local src = line:gsub("..", function(h) return string.char(tonumber(h, 16)) end)
  local f, msg = load(src, "=prog")
  if f then print("ok") else
    msg = msg:gsub("\nstack traceback:.*$", "")
    print((msg:gsub(".", function(c) return string.format("%02x", c:byte()) end)))
  end
end
