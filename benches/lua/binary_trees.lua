-- binary_trees: allocate and walk many complete binary trees (GC and allocation heavy).
-- sizes: full=14 small=6
local N = N or 14

local function make(depth)
  if depth == 0 then
    return {}
  end
  depth = depth - 1
  return {make(depth), make(depth)}
end

local function check(tree)
  if tree[1] then
    return 1 + check(tree[1]) + check(tree[2])
  end
  return 1
end

local min_depth = 4
local max_depth = math.max(min_depth + 2, N)

print("stretch", max_depth + 1, check(make(max_depth + 1)))
local long_lived = make(max_depth)
for depth = min_depth, max_depth, 2 do
  local iterations = 1 << (max_depth - depth + min_depth)
  local sum = 0
  for _ = 1, iterations do
    sum = sum + check(make(depth))
  end
  print(iterations, depth, sum)
end
print("long lived", max_depth, check(long_lived))
