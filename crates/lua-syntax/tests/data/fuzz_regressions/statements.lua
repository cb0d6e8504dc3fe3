local a <const>, b <close> = 1, nil
local function f(...) return ..., (...), {...}, select("#", ...) end
function a_.b.c:d(e, ...) end
for i = 1, 2 do goto continue local x ::continue:: end