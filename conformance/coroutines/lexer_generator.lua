-- a tokenizer written as a coroutine generator over Lua-like source text (manual §2.6, §6.4.1)
local function tokens(src)
  return coroutine.wrap(function()
    local pos, line = 1, 1
    while pos <= #src do
      local c = src:sub(pos, pos)
      if c == "\n" then line = line + 1; pos = pos + 1
      elseif c:match("%s") then pos = pos + 1
      elseif src:match("^%-%-", pos) then pos = (src:find("\n", pos) or #src + 1)
      elseif c:match("[%a_]") then
        local word = src:match("^[%w_]+", pos)
        local kind = ({["local"] = 1, ["function"] = 1, ["return"] = 1, ["end"] = 1, ["if"] = 1, ["then"] = 1, ["else"] = 1})[word] and "keyword" or "name"
        coroutine.yield(line, kind, word); pos = pos + #word
      elseif c:match("%d") then
        local num = src:match("^0[xX]%x+", pos) or src:match("^%d+%.?%d*[eE][-+]?%d+", pos) or src:match("^%d+%.?%d*", pos)
        coroutine.yield(line, "number", num); pos = pos + #num
      elseif c == '"' or c == "'" then
        local close = pos + 1
        while src:sub(close, close) ~= c do if src:sub(close, close) == "\\" then close = close + 1 end close = close + 1 end
        coroutine.yield(line, "string", src:sub(pos, close)); pos = close + 1
      else
        local op = src:match("^%.%.%.", pos) or src:match("^[=~<>]=", pos) or src:match("^%.%.", pos) or src:match("^//", pos) or c
        coroutine.yield(line, "op", op); pos = pos + #op
      end
    end
    coroutine.yield(line, "eof", "")
  end)
end
local source = [[
local function fact(n) -- factorial
  if n <= 1 then return 1 else return n * fact(n - 1) end
end
local s = "a \"quoted\" string" .. 'x' .. 0x1F .. 3.5e2
return fact(5) // 2, s ~= nil, ...
]]
local counts = {}
for line, kind, text in tokens(source) do
  print(line, kind, text)
  counts[kind] = (counts[kind] or 0) + 1
end
print("counts", counts.keyword, counts.name, counts.number, counts.string, counts.op, counts.eof)
