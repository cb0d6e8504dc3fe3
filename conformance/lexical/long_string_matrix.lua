-- long strings of levels 0..3 built with load: contents with brackets, newlines at start and inside (manual §3.1)
local bodies = {"", "x", "]", "]]", "]=]", "]==]", "[[", "\nfirst newline", "\n\nsecond", "a\nb", "a\r\nb", "\r\nx", "]=", "=]"}
for level = 0, 3 do
  local eq = string.rep("=", level)
  for _, body in ipairs(bodies) do
    local src = "return [" .. eq .. "[" .. body .. "]" .. eq .. "]"
    local f, err = load(src, "=long")
    local shown = string.format("%q", body):gsub("\\\n", "\\n"):gsub("\r", "\\r")
    if f then
      local ok, v = pcall(f)
      local vs = ok and string.format("%q", v):gsub("\\\n", "\\n"):gsub("\r", "\\r") or ("runtime error: " .. tostring(v))
      print("level " .. level, shown, "->", vs, ok and #v or "")
    else
      print("level " .. level, shown, "->", "error: " .. err)
    end
  end
end
