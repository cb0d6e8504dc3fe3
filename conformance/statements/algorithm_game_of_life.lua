-- Conway's game of life on a small torus: nested loops, modular indexing, string building (manual §3.3)
local W, H = 12, 8
local grid = {}
for y = 1, H do grid[y] = {} for x = 1, W do grid[y][x] = false end end
-- a glider and a blinker
for _, p in ipairs({{2, 1}, {3, 2}, {1, 3}, {2, 3}, {3, 3}, {9, 5}, {10, 5}, {11, 5}}) do grid[p[2]][p[1]] = true end
local function show(g, gen)
  print("generation " .. gen)
  for y = 1, H do
    local row = {}
    for x = 1, W do row[x] = g[y][x] and "#" or "." end
    print(table.concat(row))
  end
end
local function step(g)
  local n = {}
  for y = 1, H do
    n[y] = {}
    for x = 1, W do
      local c = 0
      for dy = -1, 1 do
        for dx = -1, 1 do
          if (dx ~= 0 or dy ~= 0) and g[(y + dy - 1) % H + 1][(x + dx - 1) % W + 1] then c = c + 1 end
        end
      end
      n[y][x] = c == 3 or (c == 2 and g[y][x])
    end
  end
  return n
end
for gen = 0, 4 do
  show(grid, gen)
  grid = step(grid)
end
for gen = 5, 40 do grid = step(grid) end
local alive = 0
for y = 1, H do for x = 1, W do if grid[y][x] then alive = alive + 1 end end end
print("alive after 41 steps", alive)
show(grid, 41)
