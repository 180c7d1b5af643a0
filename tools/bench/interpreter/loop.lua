-- 1,000,000 iterations of arithmetic and list indexing, written at the top level as a learner would.
local xs = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3}
local s = 0
for i = 0, 999999 do
  s = s + xs[i % 10 + 1] * 2 - i % 7
end
print(s)
