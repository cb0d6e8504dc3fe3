#!/usr/bin/env python3
# Regenerates literals.txt: string and number literals with the value Lua 5.4.9 gives
# them (load("return " .. literal)). Usage: python3 gen_literals.py OUT (needs lua5.4.9).
import subprocess, sys, random
random.seed(7)
CASES = [
    '"abc"', "'abc'", '""', "''", '"\'"', "'\"'",
    '"\\a\\b\\f\\n\\r\\t\\v\\\\\\"\\\'"',
    '"a\\\nb"', '"a\\\r\nb"', '"a\\\n\rb"', '"a\\\rb"',
    '"\\x00\\xff\\x7F\\xaB"', '"\\0\\00\\000\\0000"', '"\\1\\12\\123\\1234"', '"\\255"', '"\\65\\066\\0067"',
    '"\\u{0}"', '"\\u{7f}"', '"\\u{80}"', '"\\u{7ff}"', '"\\u{800}"', '"\\u{ffff}"', '"\\u{10000}"',
    '"\\u{10FFFF}"', '"\\u{110000}"', '"\\u{1FFFFF}"', '"\\u{200000}"', '"\\u{3FFFFFF}"', '"\\u{4000000}"',
    '"\\u{7FFFFFFF}"', '"\\u{0000000000041}"', '"\\u{D800}"',
    '"a\\z   b"', '"a\\z\n\n  \t b"', '"a\\z"', '"a\\z\r\n\r\nb"', '"\\z\\z\\z"', '"a\\z\\\nb"',
    '"\x00\x01\x7f\x80\xff"', '"tab\there"',
    '[[abc]]', '[[\nabc]]', '[[\r\nabc]]', '[[\n\rabc]]', '[[\n\nabc]]', '[[\rabc]]', '[[\r\rabc]]',
    '[[a\nb\r\nc\n\rd\re]]', '[==[a]]b]=]c]===]d]==]', '[=[]]]=]', '[[]]', '[[\n]]', '[=[\n\n]=]',
    '[[a]=]b]]', '[==[]=]]==]', '[[\\n\\t]]', '[[\0\255]]',
    '"\\u{41}\\x42\\67"',
    # numerals
    '0', '1', '9223372036854775807', '9223372036854775808', '0xffffffffffffffff', '0x7fffffffffffffff',
    '0x8000000000000000', '0x10000000000000000', '1e10', '1E+10', '1e-10', '.5', '5.', '0.1', '3.14159',
    '0x10', '0xA', '0Xa', '0x.8', '0x8.', '0x1p4', '0x1P-4', '0x1.8p1', '0xA.8p0', '0x.1p4', '1e308', '1e309',
    '2e-324', '4.9e-324', '0x1p-1074', '0x1p-1075', '0x1.00000000000008p0', '0x123456789abcdef01234p0',
    '00012', '0e0', '0x0p0', '123456789012345678901234567890', '1' + '0' * 400, '0.' + '0' * 400 + '1',
    '-1', '-0', '-0.0', '- 5', '-0x8000000000000000', '-9223372036854775808', '-9223372036854775807',
    '- -1', '-(1)', '-1e309', '-2^2',
]
def lua_escape(s): return ''.join('\\%03d' % ord(c) for c in s)
def esc(b):
    out = []
    for c in b:
        if c == 0x5c: out.append('\\\\')
        elif c == 0x0a: out.append('\\n')
        elif c == 0x0d: out.append('\\r')
        elif c == 0x09: out.append('\\t')
        elif 0x20 <= c < 0x7f: out.append(chr(c))
        else: out.append('\\x%02x' % c)
    return ''.join(out)
script = 'local cases = {\n' + ''.join('"' + lua_escape(c) + '",\n' for c in CASES) + '}\n'
script += r'''
for _, src in ipairs(cases) do
  local f, err = load("return " .. src, "=lit")
  local v = f and f()
  local r
  if not f then error(err)
  elseif type(v) == "string" then r = "string " .. (v:gsub(".", function(c) return string.format("%02x", c:byte()) end))
  elseif math.type(v) == "integer" then r = "int " .. string.format("%d", v)
  else r = "float " .. string.format("%016x", string.unpack("<i8", string.pack("<d", v))) end
  io.write(r, "\n")
end
'''
open('/tmp/gen_lit.lua', 'w', encoding='latin-1').write(script)
out = subprocess.run(['/work/tools/lua5.4.9', '/tmp/gen_lit.lua'], capture_output=True, check=True).stdout.decode().split('\n')
with open(sys.argv[1], 'w') as f:
    f.write('# Literals and the value Lua 5.4.9 gives them: SOURCE <TAB> VALUE, where SOURCE is escaped\n')
    f.write('# like syntax_errors.txt and VALUE is "string HEXBYTES", "int N" or "float IEEE754BITS".\n# Regenerate: scripts/gen_literals.py tests/data/literals.txt.\n')
    for c, r in zip(CASES, out):
        f.write(esc(c.encode('latin-1')) + '\t' + r + '\n')
