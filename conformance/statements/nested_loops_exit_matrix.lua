-- leaving nested loops of every kind with break, goto and return; the visited cells show where each stops (manual §3.3.4)
local function grid(kind, exit)
  local visited = {}
  local function body(i, j)
    visited[#visited + 1] = i .. j
    return i == 2 and j == 2
  end
  local function run()
    if kind == "for-for" then
      for i = 1, 3 do
        for j = 1, 3 do
          if body(i, j) then
            if exit == "break" then break elseif exit == "goto" then goto done else return "returned" end
          end
        end
      end
    elseif kind == "while-repeat" then
      local i = 0
      while i < 3 do
        i = i + 1
        local j = 0
        repeat
          j = j + 1
          if body(i, j) then
            if exit == "break" then break elseif exit == "goto" then goto done else return "returned" end
          end
        until j >= 3
      end
    elseif kind == "generic-numeric" then
      for _, i in ipairs({1, 2, 3}) do
        for j = 1, 3 do
          if body(i, j) then
            if exit == "break" then break elseif exit == "goto" then goto done else return "returned" end
          end
        end
      end
    end
    do return "completed" end
    ::done::
    return "jumped"
  end
  local r = run()
  return r, table.concat(visited, " ")
end
for _, kind in ipairs({"for-for", "while-repeat", "generic-numeric"}) do
  for _, exit in ipairs({"break", "goto", "return"}) do
    print(kind, exit, grid(kind, exit))
  end
end
