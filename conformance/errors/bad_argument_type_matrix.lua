-- library functions called with a wrong type in their first argument: the exact "bad argument" messages (manual §6)
local functions = {
  {"string.len", string.len}, {"string.upper", string.upper}, {"string.rep", string.rep}, {"string.sub", string.sub},
  {"string.byte", string.byte}, {"string.format", string.format}, {"string.find", string.find}, {"string.gsub", string.gsub},
  {"table.concat", table.concat}, {"table.insert", table.insert}, {"table.remove", table.remove}, {"table.sort", table.sort},
  {"table.unpack", table.unpack}, {"math.floor", math.floor}, {"math.abs", math.abs}, {"math.sqrt", math.sqrt},
  {"math.tointeger", math.tointeger}, {"math.fmod", math.fmod}, {"utf8.len", utf8.len}, {"utf8.char", utf8.char},
  {"utf8.codepoint", utf8.codepoint}, {"coroutine.status", coroutine.status}, {"coroutine.wrap", coroutine.wrap},
  {"select", select}, {"rawlen", rawlen}, {"setmetatable", setmetatable}, {"ipairs", ipairs}, {"tonumber", tonumber},
}
local args = {{"nil", nil}, {"boolean", true}, {"table", {}}, {"number", 1.5}, {"string", "x"}, {"function", print}}
for _, f in ipairs(functions) do
  for _, a in ipairs(args) do
    local ok, err = pcall(f[2], a[2])
    print(f[1], a[1], ok and "ok" or err)
  end
end
