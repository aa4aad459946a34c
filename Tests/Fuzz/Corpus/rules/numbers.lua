adjust { id = "priority.n2", title = "n", initiatives = { "x" }, factor = math.mininteger, when = function() return true end }
adjust { id = "priority.n3", title = "n", initiatives = { "x" }, factor = -0.0, when = function() return true end }
adjust { id = "priority.n4", title = "n", initiatives = { "x" }, factor = 1/0, when = function() return true end }
adjust { id = "priority.n5", title = "n", initiatives = { "x" }, factor = function() return math.maxinteger end, when = function() return true end }
adjust { id = "priority.n6", title = "n", initiatives = { "x" }, factor = function() return 0/0 end, when = function() return true end }
adjust { id = "priority.n7", title = "n", initiatives = { "x" }, factor = function() return "2" end, when = function() return true end }
print(math.maxinteger // -1, math.mininteger // -1, pcall(function() return 1 // 0 end), 7 % -3, math.tointeger(2^53), 0x7fffffffffffffff + 1)
