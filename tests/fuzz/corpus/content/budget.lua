-- A page that spends its budget: the load must stop it with a problem.
local t = {}
for i = 1, 1e9 do t[#t % 1000 + 1] = string.rep("x", 100) .. i end
page "never" { title = { en = "Never", ar = "أبدا", fr = "Jamais" } }
