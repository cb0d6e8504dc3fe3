-- caught: a failing message handler ended the run instead of "error in error handling"; found by the conformance dev loop
print(xpcall(error, function(e) return e.x.y end, "m"))
print(xpcall(error, function(e) if type(e) == "string" and e:find("again") then return "handled " .. e end error("again", 0) end, "m"))
