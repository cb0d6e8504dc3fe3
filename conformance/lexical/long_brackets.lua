-- long bracket strings: levels, skipped first newline, no escapes, nesting (manual §3.1)
local function show(label, s)
  print(label, #s, string.format("%q", s))
end
show("level 0", [[abc]])
show("level 1", [=[a]]b]=])
show("level 2", [==[a]=]b]]c]==])
show("level 3 with other closers", [===[x]==]y]====]z]===])
show("first newline skipped", [[
line1
line2]])
show("only first newline skipped", [[

two]])
show("no escapes", [[\n\t\\"']])
show("empty", [[]])
show("empty level 1", [=[]=])
show("just newline", [[
]])
show("brackets inside", [==[[[nested]]]==])
show("trailing bracket", [[a]]..']')
show("level 1 open inside", [=[ [==[ ]=])
-- newline sequences inside long strings are normalised to "\n"
show("crlf", load("return [[a\r\nb]]")())
show("lfcr", load("return [[a\n\rb]]")())
show("cr", load("return [[a\rb]]")())
show("crcr", load("return [[a\r\rb]]")())
show("first crlf skipped", load("return [[\r\nx]]")())
show("first cr skipped", load("return [[\rx]]")())
show("first lfcr skipped", load("return [[\n\rx]]")())
show("embedded zero", load("return [[a\0b]]")())
show("long with equals in text", [[a=b==c]])
print("call with long string", string.len[[four]])
print("method on long string", ([[xy]]):rep(2))
