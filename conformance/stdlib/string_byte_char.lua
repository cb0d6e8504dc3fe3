-- string.byte and string.char: index ranges, negative indices, all byte values (manual §6.4)
local s = "Hello"
print("byte default", s:byte())
print("byte i", s:byte(2), s:byte(5), s:byte(6), s:byte(0))
print("byte negative", s:byte(-1), s:byte(-5), s:byte(-6))
print("byte range", s:byte(1, 3))
print("byte range negative", s:byte(-3, -1))
print("byte whole", s:byte(1, -1))
print("byte past end", s:byte(4, 10))
print("byte empty range", select("#", s:byte(3, 2)), select("#", s:byte(10, 20)))
print("byte huge range start", select("#", s:byte(math.mininteger, 2)))
print("byte on empty", select("#", (""):byte()), select("#", (""):byte(1, -1)))
print("byte number argument", string.byte(123), string.byte(1.5, 2))
print("byte float index", s:byte(2.0))
print("char none", string.char() == "", #string.char())
print("char several", string.char(72, 105, 33))
print("char zero", #string.char(0), string.char(0, 65):byte(1, 2))
print("char string digits", string.char("65", "66"))
print("char float", string.char(65.0))
local all = {}
for i = 0, 255 do all[#all + 1] = i end
local everything = string.char(table.unpack(all))
print("all bytes", #everything, everything:byte(1), everything:byte(256), everything:byte(129))
local sum = 0
for i = 1, #everything do sum = sum + everything:byte(i) end
print("sum of bytes", sum)
print("round trip", string.char(everything:byte(1, -1)) == everything)
print("char out of range", pcall(string.char, 256), pcall(string.char, -1))
print("byte result count limit", select("#", ("x"):rep(1000):byte(1, -1)))
