-- an unbounded recursion ends the run as out of depth, even when pcall catches the "stack overflow" (manual §4.1.1)
-- Resource limits differ between engines, so nothing after the overflow is compared: the outcome
-- is only that the run was exhausted. Errors in message handlers ("error in error handling") and
-- C stack overflows end runs the same way, and the other programs avoid them.
local function recurse(n)
  return 1 + recurse(n + 1)
end
print(pcall(recurse, 1))
