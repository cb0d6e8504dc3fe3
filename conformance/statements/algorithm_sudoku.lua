-- a backtracking Sudoku solver over a flat 81-cell table, with bit masks for candidates (manual §3.3, §3.4.2)
local puzzle = "530070000600195000098000060800060003400803001700020006060000280000419005000080079"
local grid = {}
for i = 1, 81 do grid[i] = tonumber(puzzle:sub(i, i)) end
local rows, cols, boxes = {}, {}, {}
for i = 0, 8 do rows[i], cols[i], boxes[i] = 0, 0, 0 end
local function box(r, c) return (r // 3) * 3 + c // 3 end
for i = 1, 81 do
  local r, c, v = (i - 1) // 9, (i - 1) % 9, grid[i]
  if v ~= 0 then
    local bit = 1 << v
    rows[r] = rows[r] | bit; cols[c] = cols[c] | bit; boxes[box(r, c)] = boxes[box(r, c)] | bit
  end
end
local steps = 0
local function solve(i)
  while i <= 81 and grid[i] ~= 0 do i = i + 1 end
  if i > 81 then return true end
  local r, c = (i - 1) // 9, (i - 1) % 9
  local used = rows[r] | cols[c] | boxes[box(r, c)]
  for v = 1, 9 do
    local bit = 1 << v
    if used & bit == 0 then
      steps = steps + 1
      grid[i] = v
      rows[r] = rows[r] | bit; cols[c] = cols[c] | bit; boxes[box(r, c)] = boxes[box(r, c)] | bit
      if solve(i + 1) then return true end
      rows[r] = rows[r] & ~bit; cols[c] = cols[c] & ~bit; boxes[box(r, c)] = boxes[box(r, c)] & ~bit
      grid[i] = 0
    end
  end
  return false
end
print("solved", solve(1), "placements tried", steps)
for r = 0, 8 do
  local line = {}
  for c = 0, 8 do line[#line + 1] = grid[r * 9 + c + 1] end
  print(table.concat(line, " ", 1, 3) .. " | " .. table.concat(line, " ", 4, 6) .. " | " .. table.concat(line, " ", 7, 9))
end
local ok = true
for k = 0, 8 do if rows[k] ~= 0x3FE or cols[k] ~= 0x3FE or boxes[k] ~= 0x3FE then ok = false end end
print("every row, column and box complete", ok)
