local t = {}
t[ [[k]] ] = - -1 .. -0.0 .. 0x8000000000000000 .. 1e309 .. 2^-3 .. -2^2
goto l ::l:: ;;; ::m::
repeat local x until x
return -(-t), not not t, ~~1, #t, t:m"s" {t}