adjust { id = "priority.a", title = "a", initiatives = { "x" }, factor = 2^63, when = function() end }
