rule { id = "x", title = 
  when = function() return end end
