-- an uncaught error with a nil error object, after normal output (manual §2.3)
print("output before the error")
io.write("partial line without newline")
error()
