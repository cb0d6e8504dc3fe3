-- chains of coroutines of depth 1..24 where each level resumes the next: the value passed down and back up (manual §2.6)
local function chain(depth)
  if depth == 0 then return coroutine.create(function(x) local y = coroutine.yield(x * 2) return y + 1 end) end
  local inner = chain(depth - 1)
  return coroutine.create(function(x)
    local _, down = coroutine.resume(inner, x + 1)
    local y = coroutine.yield(down)
    local _, up = coroutine.resume(inner, y * 2)
    return up + 1
  end)
end
for depth = 0, 23 do
  local co = chain(depth)
  local _, first = coroutine.resume(co, 1)
  local _, second = coroutine.resume(co, 10)
  print(depth, first, second, coroutine.status(co))
end
