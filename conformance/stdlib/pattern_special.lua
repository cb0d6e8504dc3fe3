-- escaping magic characters, %-escapes of non-alphanumerics, anchors and the plain-text idiom (manual §6.4.1)
local magic = "^$()%.[]*+-?"
for c in magic:gmatch(".") do
  local s = "x" .. c .. "y"
  print(string.format("%q", c), s:find("%" .. c), s:find(c, 1, true))
end
local function escape(s) return (s:gsub("[%^%$%(%)%%%.%[%]%*%+%-%?]", "%%%0")) end
print("escape helper", escape("1+1=2? (yes) [50%]"))
print("escaped search", ("cost: $5.00 (approx)"):find(escape("$5.00 (")))
print("%-escape of any punctuation", ("a,b"):find("%,"), ("a/b"):find("%/"), ("a b"):find("% "))
print("anchors only at ends", ("^a$"):find("^^a%$$"))
print("dollar in middle literal", ("a$b"):find("a$b"))
print("caret after start literal", ("a^b"):find("a^b"))
print("caret inside set negates only first", ("^"):find("[%^]"), ("a"):find("[^^]"))
print("dash literal at end of set", ("-"):find("[a-]"), ("b"):find("[a-]"))
print("dot matches newline and zero", ("\n"):find("."), ("\0"):find("."))
print("percent class in set", ("5"):find("[%d]"), ("x"):find("[%D]"))
print("long plain search", (("x"):rep(1000) .. "needle"):find("needle", 1, true))
print("character codes in patterns", ("\1\2\3"):find("[\1-\2]+"))
print("high bytes in sets", ("\200\201"):find("[\199-\201]+"))
print("case sensitive", ("ABC"):find("b"), ("ABC"):find("[bB]"))
