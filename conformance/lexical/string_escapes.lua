-- every escape sequence of short string literals, shown byte by byte (manual §3.1)
local function bytes(s)
  local t = {}
  for i = 1, #s do t[#t + 1] = string.byte(s, i) end
  return #s .. ":" .. table.concat(t, ",")
end
print("bell", bytes("\a"))
print("backspace", bytes("\b"))
print("formfeed", bytes("\f"))
print("newline", bytes("\n"))
print("return", bytes("\r"))
print("tab", bytes("\t"))
print("vtab", bytes("\v"))
print("backslash", bytes("\\"))
print("dquote", bytes("\""), bytes('\"'))
print("squote", bytes("\'"), bytes('\''))
print("escaped newline", bytes("a\
b"))
print("decimal 1 digit", bytes("\0"), bytes("\9"))
print("decimal 2 digits", bytes("\65"), bytes("\10"))
print("decimal 3 digits", bytes("\065"), bytes("\255"), bytes("\0012"))
print("decimal stops at 3", bytes("\1234"))
print("hex", bytes("\x41"), bytes("\xff"), bytes("\xFF"), bytes("\x00"))
print("hex then digit", bytes("\x414"))
print("utf8 1 byte", bytes("\u{41}"), bytes("\u{0}"), bytes("\u{7F}"))
print("utf8 2 bytes", bytes("\u{80}"), bytes("\u{7FF}"), bytes("\u{e9}"))
print("utf8 3 bytes", bytes("\u{800}"), bytes("\u{FFFF}"), bytes("\u{20AC}"))
print("utf8 4 bytes", bytes("\u{10000}"), bytes("\u{10FFFF}"))
print("utf8 beyond unicode", bytes("\u{110000}"), bytes("\u{1FFFFF}"))
print("utf8 5 bytes", bytes("\u{200000}"), bytes("\u{3FFFFFF}"))
print("utf8 6 bytes", bytes("\u{4000000}"), bytes("\u{7FFFFFFF}"))
print("utf8 leading zeros", bytes("\u{000000041}"))
print("surrogate allowed", bytes("\u{D800}"))
print("z skips spaces", bytes("a\z
      b"), bytes("a\z  b"), bytes("a\zb"))
print("z skips several lines", bytes("x\z


   y"))
print("mixed", "tab[\t]" == "tab[\9]", "\x0A" == "\n", "\u{A}" == "\10")
print("embedded zero", #"a\0b", ("a\0b"):byte(2))
print("escapes in single quotes", bytes('\65\x42\u{43}\n'))
