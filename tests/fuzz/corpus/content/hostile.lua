-- Things the sandbox refuses, each inside pcall so the page still loads.
local tries = {
  function() return io.open("/etc/passwd") end,
  function() getmetatable("").__index = nil end,
  function() return load("return 1")() end,
  function() return string.dump(print) end,
  function() return ("x"):rep(1 << 40) end,
  function() return table.concat(setmetatable({}, { __index = function() return "x" end }), ",", 1, 100) end,
}
for _, f in ipairs(tries) do pcall(f) end
page "hostile" {
  title = { en = "Hostile", ar = "عدائي", fr = "Hostile" },
  on_show = function(kiosk) while true do end end,
  button { on_tap = function(kiosk) kiosk.go(("a"):rep(200)) end, label = { en = "a", ar = "b", fr = "c" } },
  button { on_tap = function(kiosk) error(setmetatable({}, { __tostring = function() return "boom" end })) end,
           label = { en = "a", ar = "b", fr = "c" } },
  button { on_tap = function(kiosk) error("line\nbreak\27[31m red\r") end, label = { en = "a", ar = "b", fr = "c" } },
  paragraph { en = "tab\there", ar = "\u{200F}نص", fr = "a\u{301}\u{301}\u{301}\u{301} b" },
}
