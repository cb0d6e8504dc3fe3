-- backtracking and recursion: N-queens counts and a Towers of Hanoi move list (manual §3.3)
local function queens(n)
  local cols, d1, d2 = {}, {}, {}
  local count, first = 0, nil
  local pos = {}
  local function place(r)
    if r > n then
      count = count + 1
      if not first then first = table.concat(pos, " ") end
      return
    end
    for c = 1, n do
      if not cols[c] and not d1[r + c] and not d2[r - c + n] then
        cols[c], d1[r + c], d2[r - c + n] = true, true, true
        pos[r] = c
        place(r + 1)
        cols[c], d1[r + c], d2[r - c + n] = nil, nil, nil
      end
    end
  end
  place(1)
  return count, first
end
for n = 1, 8 do print("queens", n, queens(n)) end
local moves = {}
local function hanoi(n, from, to, via)
  if n == 0 then return 0 end
  local c = hanoi(n - 1, from, via, to)
  moves[#moves + 1] = from .. to
  return c + 1 + hanoi(n - 1, via, to, from)
end
for n = 1, 4 do
  moves = {}
  local c = hanoi(n, "A", "C", "B")
  print("hanoi", n, c, table.concat(moves, " "))
end
for n = 10, 16, 2 do moves = {}; print("hanoi count", n, hanoi(n, "A", "C", "B")) end
