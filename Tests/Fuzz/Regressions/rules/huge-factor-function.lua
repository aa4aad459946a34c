adjust { id = "priority.a", title = "a", initiatives = { "x" }, factor = function() return 1e19 end, when = function() return true end }
