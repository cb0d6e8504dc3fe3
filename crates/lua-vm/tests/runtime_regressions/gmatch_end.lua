-- caught: an exhausted gmatch iterator returned nil instead of nothing; found by the conformance dev loop
local it = ("a b"):gmatch("%a")
print(it(), it(), select("#", it()))
